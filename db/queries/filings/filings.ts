import {
  and,
  desc,
  eq,
  inArray,
  isNull,
  like,
  ne,
  notInArray,
  or,
  type SQL,
  sql,
  TransactionRollbackError,
} from 'drizzle-orm';
import type { Database } from '../../database.ts';
import {
  attachments,
  filingCounters,
  filingEvents,
  filings,
  openFilingStatuses,
} from '../../schema/index.ts';

export type FilingRow = typeof filings.$inferSelect;
export type FilingEventRow = typeof filingEvents.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Which filings a caller may list: an enterprise's own, a city's, or the province's. */
export type FilingScope = { enterpriseId: string } | { city: string } | { province: true };

export type FilingQuery = {
  status?: string;
  city?: string;
  q?: string;
  /** Only recognized filings whose enterprise asked for deregistration (the request still to be handled). */
  deregistrationRequested?: boolean;
  page: number;
  pageSize: number;
};

/** A recognized filing whose enterprise asked for deregistration: market regulation's work to do. */
const pendingDeregistration = and(
  eq(filings.status, 'recognized'),
  eq(filings.deregistrationRequested, true),
);

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
  const where = and(
    base,
    search,
    cityFilter,
    query.status ? eq(filings.status, query.status) : undefined,
    query.deregistrationRequested ? pendingDeregistration : undefined,
  );
  const [items, [total], counts, [requests]] = await Promise.all([
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
    db
      .select({ n: sql<number>`count(*)` })
      .from(filings)
      .where(and(base, search, cityFilter, pendingDeregistration)),
  ]);
  return {
    items,
    total: total?.n ?? 0,
    counts: Object.fromEntries(counts.map((r) => [r.status, r.n])),
    deregistrationRequests: requests?.n ?? 0,
  };
}

export async function findFiling(db: Database, id: string) {
  return db.query.filings.findFirst({ where: eq(filings.id, id) });
}

export async function findOpenFiling(db: Database, enterpriseId: string) {
  return db.query.filings.findFirst({
    where: and(eq(filings.enterpriseId, enterpriseId), inArray(filings.status, [...openFilingStatuses])),
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

/** Another enterprise's recognized filing of the same person, read inside the recognizing transaction. */
export async function findRecognizedFilingOfPerson(tx: Tx, idHash: string, exceptEnterpriseId: string) {
  return tx.query.filings.findFirst({
    where: and(
      eq(filings.idHash, idHash),
      ne(filings.enterpriseId, exceptEnterpriseId),
      // Unary +: SQLite would otherwise walk the status index over every recognized filing (100,000 at scale)
      // inside the recognizing transaction, holding the Node event loop for ~200 ms; the id_hash index finds one.
      sql`+${filings.status} = 'recognized'`,
    ),
  });
}

/** Whether `err` (or what it wraps) is SQLite refusing a second open filing of one enterprise. */
function isOpenFilingConflict(err: unknown): boolean {
  for (let e = err; e instanceof Error; e = e.cause) {
    if (
      /filings_one_open_per_enterprise_idx|UNIQUE constraint failed: filings\.enterprise_id/.test(e.message)
    )
      return true;
  }
  return false;
}

/** Inserts a new filing with its first audit event; false when the enterprise already has an open filing. */
export async function insertFiling(
  db: Database,
  row: typeof filings.$inferInsert,
  event: typeof filingEvents.$inferInsert,
): Promise<boolean> {
  try {
    await db.batch([db.insert(filings).values(row), db.insert(filingEvents).values(event)]);
    return true;
  } catch (err) {
    if (isOpenFilingConflict(err)) return false;
    throw err;
  }
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
  /**
   * Runs inside the same transaction before the filing row changes (e.g. supersede the old CQO, whose row must
   * leave `recognized` before this one enters it); if the filing then turns out to have changed meanwhile, all
   * of it is rolled back.
   */
  before?: (tx: Tx) => Promise<void>;
  /** Runs inside the same transaction after the filing row changed. */
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
        await t.before?.(tx);
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
      // Its `name` is "DrizzleError": only the class tells a rollback apart.
      if (err instanceof TransactionRollbackError) return false;
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

/** Supersedes the enterprise's other recognized filings; `at` becomes their updatedAt (the day they were replaced). */
export async function supersedeOthers(tx: Tx, enterpriseId: string, keepId: string, at: Date) {
  return tx
    .update(filings)
    .set({ status: 'superseded', updatedAt: at, version: sql`${filings.version} + 1` })
    .where(
      and(
        eq(filings.enterpriseId, enterpriseId),
        // Unary +: use the enterprise index, not the status index (a walk over every recognized filing).
        sql`+${filings.status} = 'recognized'`,
        ne(filings.id, keepId),
      ),
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

/** Attachments of a filing, soft-deleted ones included (each caller decides who sees those). */
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

/** Records an uploaded attachment and its audit event together. */
export async function insertAttachment(
  db: Database,
  row: AttachmentRow,
  event: typeof filingEvents.$inferInsert,
) {
  await db.batch([db.insert(attachments).values(row), db.insert(filingEvents).values(event)]);
}

/** Removes an attachment row for good (a never-submitted draft's file), with its audit event. */
export async function deleteAttachment(
  db: Database,
  filingId: string,
  id: string,
  event: typeof filingEvents.$inferInsert,
) {
  await db.batch([
    db.delete(attachments).where(and(eq(attachments.id, id), eq(attachments.filingId, filingId))),
    db.insert(filingEvents).values(event),
  ]);
}

/** Marks an attachment deleted but keeps it (and its file) for the reviewers; false when already deleted. */
export async function softDeleteAttachment(
  db: Database,
  filingId: string,
  id: string,
  event: typeof filingEvents.$inferInsert & { at: Date },
): Promise<boolean> {
  return db.transaction(
    async (tx) => {
      const rows = await tx
        .update(attachments)
        .set({ deletedAt: event.at })
        .where(and(eq(attachments.id, id), eq(attachments.filingId, filingId), isNull(attachments.deletedAt)))
        .returning({ id: attachments.id });
      if (rows.length !== 1) return false;
      await tx.insert(filingEvents).values(event);
      return true;
    },
    { behavior: 'immediate' },
  );
}

/** Filings of a city (or all) in a state list, for exports. */
export async function filingsForExport(db: Database, statuses: string[], city?: string) {
  return db
    .select()
    .from(filings)
    .where(and(inArray(filings.status, statuses), city ? eq(filings.city, city) : undefined))
    .orderBy(filings.city, filings.enterpriseName);
}
