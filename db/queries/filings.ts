import { and, desc, eq, inArray, like, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { attachments, filingCounters, filingEvents, filings } from '../schema/index.ts';

export type FilingRow = typeof filings.$inferSelect;
export type FilingEventRow = typeof filingEvents.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Which filings a caller may list: an enterprise's own, a city's, or the province's. */
export type FilingScope = { enterpriseId: string } | { city: string } | { province: true };

export type FilingQuery = { status?: string; city?: string; q?: string; page: number; pageSize: number };

function scopeWhere(scope: FilingScope): SQL | undefined {
  if ('enterpriseId' in scope) return eq(filings.enterpriseId, scope.enterpriseId);
  if ('city' in scope) return and(eq(filings.city, scope.city), ne(filings.status, 'draft'));
  return ne(filings.status, 'draft');
}

export async function listFilings(db: Database, scope: FilingScope, query: FilingQuery) {
  const base = scopeWhere(scope);
  const term = query.q?.trim();
  const search = term
    ? or(
        like(filings.enterpriseName, `%${term}%`),
        like(filings.cqoName, `%${term}%`),
        eq(filings.uscc, term.toUpperCase()),
        eq(filings.filingNo, term.toUpperCase()),
      )
    : undefined;
  const cityFilter = query.city ? eq(filings.city, query.city) : undefined;
  const where = and(base, search, cityFilter, query.status ? eq(filings.status, query.status) : undefined);
  const [items, [total], counts] = await Promise.all([
    db
      .select()
      .from(filings)
      .where(where)
      .orderBy(desc(filings.updatedAt))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)` }).from(filings).where(where),
    db
      .select({ status: filings.status, n: sql<number>`count(*)` })
      .from(filings)
      .where(and(base, search, cityFilter))
      .groupBy(filings.status),
  ]);
  return { items, total: total?.n ?? 0, counts: Object.fromEntries(counts.map((r) => [r.status, r.n])) };
}

export async function findFiling(db: Database, id: string) {
  return db.query.filings.findFirst({ where: eq(filings.id, id) });
}

const OPEN = ['draft', 'submitted', 'returned', 'city_approved', 'awaiting_training', 'trained'];

export async function findOpenFiling(db: Database, enterpriseId: string) {
  return db.query.filings.findFirst({
    where: and(eq(filings.enterpriseId, enterpriseId), inArray(filings.status, OPEN)),
  });
}

export async function findRecognizedFiling(db: Database, enterpriseId: string) {
  return db.query.filings.findFirst({
    where: and(eq(filings.enterpriseId, enterpriseId), eq(filings.status, 'recognized')),
  });
}

/** Another enterprise's filing of the same person that is under review or in force. */
export async function findActiveFilingOfPerson(db: Database, idHash: string, exceptEnterpriseId: string) {
  return db.query.filings.findFirst({
    where: and(
      eq(filings.idHash, idHash),
      ne(filings.enterpriseId, exceptEnterpriseId),
      notInArray(filings.status, ['draft', 'withdrawn', 'rejected', 'superseded', 'deregistered']),
    ),
  });
}

export async function insertFiling(
  db: Database,
  row: typeof filings.$inferInsert,
  event: typeof filingEvents.$inferInsert,
) {
  await db.batch([db.insert(filings).values(row), db.insert(filingEvents).values(event)]);
}

/** Saves draft answers if the filing is still at `version` in an editable state; false when it moved on. */
export async function updateDraft(
  db: Database,
  id: string,
  version: number,
  set: Partial<typeof filings.$inferInsert>,
) {
  const rows = await db
    .update(filings)
    .set({ ...set, version: version + 1 })
    .where(
      and(eq(filings.id, id), eq(filings.version, version), inArray(filings.status, ['draft', 'returned'])),
    )
    .returning({ id: filings.id });
  return rows.length === 1;
}

export type Transition = {
  id: string;
  fromStatus: string;
  version: number;
  set: Partial<typeof filings.$inferInsert>;
  event: typeof filingEvents.$inferInsert;
  /** Runs inside the same transaction after the filing row changed (e.g. issue a 备案编号). */
  also?: (tx: Tx) => Promise<void>;
};

/**
 * Moves a filing from one state to another and appends the audit event, atomically; false when the filing
 * was changed by someone else meanwhile (its status or version no longer match).
 */
export async function applyTransition(db: Database, t: Transition): Promise<boolean> {
  return db
    .transaction(
      async (tx) => {
        const rows = await tx
          .update(filings)
          .set({ ...t.set, version: t.version + 1 })
          .where(and(eq(filings.id, t.id), eq(filings.status, t.fromStatus), eq(filings.version, t.version)))
          .returning({ id: filings.id });
        if (rows.length !== 1) {
          tx.rollback();
          return false;
        }
        await tx.insert(filingEvents).values(t.event);
        await t.also?.(tx);
        return true;
      },
      { behavior: 'immediate' },
    )
    .catch((err: unknown) => {
      if (err instanceof Error && err.name === 'TransactionRollbackError') return false;
      throw err;
    });
}

/** The next 备案编号 sequence number of `year`, inside the recognizing transaction. */
export async function nextFilingSequence(tx: Tx, year: number): Promise<number> {
  const [row] = await tx
    .insert(filingCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: filingCounters.year, set: { last: sql`${filingCounters.last} + 1` } })
    .returning({ last: filingCounters.last });
  if (!row) throw new Error('filing counter not updated');
  return row.last;
}

export async function setFilingNo(tx: Tx, id: string, filingNo: string) {
  await tx.update(filings).set({ filingNo }).where(eq(filings.id, id));
}

export async function supersedeOthers(tx: Tx, enterpriseId: string, keepId: string) {
  return tx
    .update(filings)
    .set({ status: 'superseded', version: sql`${filings.version} + 1` })
    .where(
      and(eq(filings.enterpriseId, enterpriseId), eq(filings.status, 'recognized'), ne(filings.id, keepId)),
    )
    .returning({ id: filings.id });
}

export async function insertEvents(tx: Tx | Database, events: (typeof filingEvents.$inferInsert)[]) {
  if (events.length > 0) await tx.insert(filingEvents).values(events);
}

export async function listEvents(db: Database, filingId: string) {
  return db.select().from(filingEvents).where(eq(filingEvents.filingId, filingId)).orderBy(filingEvents.id);
}

export async function appendEvent(db: Database, event: typeof filingEvents.$inferInsert) {
  await db.insert(filingEvents).values(event);
}

export async function listAttachments(db: Database, filingId: string) {
  return db
    .select()
    .from(attachments)
    .where(eq(attachments.filingId, filingId))
    .orderBy(attachments.uploadedAt);
}

export async function findAttachment(db: Database, filingId: string, id: string) {
  return db.query.attachments.findFirst({
    where: and(eq(attachments.id, id), eq(attachments.filingId, filingId)),
  });
}

export async function insertAttachment(db: Database, row: AttachmentRow) {
  await db.insert(attachments).values(row);
}

export async function deleteAttachment(db: Database, filingId: string, id: string) {
  await db.delete(attachments).where(and(eq(attachments.id, id), eq(attachments.filingId, filingId)));
}

/** Filings of a city (or all) in a state list, for exports. */
export async function filingsForExport(db: Database, statuses: string[], city?: string) {
  return db
    .select()
    .from(filings)
    .where(and(inArray(filings.status, statuses), city ? eq(filings.city, city) : undefined))
    .orderBy(filings.city, filings.enterpriseName);
}
