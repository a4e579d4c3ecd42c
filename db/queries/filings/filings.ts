/**
 * Filings: listing them (scoped to who asks), finding one, creating one, saving a draft, and the rows of an
 * export. Moving a filing between states is in transitions.ts, its audit trail in filing-events.ts.
 */
import { and, desc, eq, inArray, like, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../../database.ts';
import { filingEvents, filings, openFilingStatuses } from '../../schema/index.ts';

export type FilingRow = typeof filings.$inferSelect;

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
export async function findRecognizedFilingOfPerson(
  tx: Transaction,
  idHash: string,
  exceptEnterpriseId: string,
) {
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

/** Filings of a city (or all) in a state list, for exports. */
export async function filingsForExport(db: Database, statuses: string[], city?: string) {
  return db
    .select()
    .from(filings)
    .where(and(inArray(filings.status, statuses), city ? eq(filings.city, city) : undefined))
    .orderBy(filings.city, filings.enterpriseName);
}
