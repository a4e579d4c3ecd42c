/**
 * SQL of the public registry: its read model's source rows (all at once, or in chunks) and its change log
 * (version, changes since a version, recording a change inside a workflow transaction).
 */
import { and, asc, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../../database.ts';
import { filings, registryChanges } from '../../schema/index.ts';

/**
 * States the read model knows a 备案编号 in: 有效 and 已注销 (listed when the CQO consented to publication) and
 * superseded (answered as 已变更 by number, never listed).
 */
export const REGISTRY_STATUSES = ['recognized', 'deregistered', 'superseded'] as const;

/**
 * Only the columns the public may see, plus what decides how they are shown: the consent (listed or not, name
 * or not) and `updatedAt` (for a superseded filing, the day it was replaced; nothing changes it afterwards).
 */
const registryColumns = {
  filingNo: filings.filingNo,
  cqoName: filings.cqoName,
  publishConsent: filings.publishConsent,
  enterpriseName: filings.enterpriseName,
  uscc: filings.uscc,
  enterpriseType: filings.enterpriseType,
  grade: filings.grade,
  city: filings.city,
  status: filings.status,
  recognizedAt: filings.recognizedAt,
  deregisteredAt: filings.deregisteredAt,
  updatedAt: filings.updatedAt,
};
const inRegistry = and(inArray(filings.status, [...REGISTRY_STATUSES]), isNotNull(filings.filingNo));

/** Every row of the read model in one query (small registries, tests, the CPU bench). */
export async function listPublicFilings(db: Database) {
  return db.select(registryColumns).from(filings).where(inRegistry);
}
export type PublicFilingRow = Awaited<ReturnType<typeof listPublicFilings>>[number];

/**
 * One chunk of the read model's rows, in rowid order after `afterRowid`. The unary `+` keeps SQLite from
 * choosing the status index (which would sort the whole table for every chunk): the rowid walk costs only
 * the rows it returns, so a chunk of a few hundred takes a few milliseconds and never holds the event loop long.
 */
export async function listPublicFilingsChunk(db: Database, afterRowid: number, limit: number) {
  const rows = await db
    .select({ rowid: sql<number>`${filings}.rowid`.as('rowid'), ...registryColumns })
    .from(filings)
    .where(
      and(
        sql`${filings}.rowid > ${afterRowid}`,
        sql`+${filings.status} in ('recognized', 'deregistered', 'superseded')`,
        isNotNull(filings.filingNo),
      ),
    )
    .orderBy(sql`${filings}.rowid`)
    .limit(limit);
  return rows;
}

/** How many CQOs are listed and valid (recognized, with consent): what the demo promises at least 50 of. */
export async function countPublicFilings(db: Database): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(filings)
    .where(
      and(eq(filings.status, 'recognized'), eq(filings.publishConsent, true), isNotNull(filings.filingNo)),
    );
  return row?.n ?? 0;
}

/** The registry's version: the last change recorded (0 for none). One seek at the end of the primary key. */
export async function registryVersion(db: Database): Promise<number> {
  const [row] = await db
    .select({ seq: sql<number | null>`max(${registryChanges.seq})` })
    .from(registryChanges);
  return Number(row?.seq ?? 0);
}

export type RegistryChanges = {
  /** The last change read: the version the reader reaches by applying `rows`. */
  version: number;
  /** A change without a filing (bulk load) is among them: patching is not enough, rebuild in full. */
  full: boolean;
  /** More than `limit` filings changed: rebuild in full instead (rows is then incomplete). */
  tooMany: boolean;
  /** The changed filings as they are now (each once). */
  rows: PublicFilingRow[];
};

/** What changed after `since`: at most `limit` change rows, each filing's current public record once. */
export async function registryChangesSince(
  db: Database,
  since: number,
  limit: number,
): Promise<RegistryChanges> {
  const changes = await db
    .select({ seq: registryChanges.seq, filingId: registryChanges.filingId })
    .from(registryChanges)
    .where(gt(registryChanges.seq, since))
    .orderBy(asc(registryChanges.seq))
    .limit(limit + 1);
  const tooMany = changes.length > limit;
  const seen = tooMany ? changes.slice(0, limit) : changes;
  const ids = [...new Set(seen.map((c) => c.filingId).filter((id): id is string => id !== null))];
  const rows = ids.length
    ? await db
        .select(registryColumns)
        .from(filings)
        .where(and(inArray(filings.id, ids), isNotNull(filings.filingNo)))
    : [];
  return {
    version: seen.length ? Number(seen[seen.length - 1]?.seq) : since,
    full: seen.some((c) => c.filingId === null),
    tooMany,
    rows,
  };
}

/**
 * Records that these filings' public records changed, inside the transaction that changes them, so the version
 * and the change are committed together (a reader never sees one without the other).
 */
export async function recordRegistryChanges(tx: Transaction | Database, filingIds: string[], at: Date) {
  if (filingIds.length > 0)
    await tx.insert(registryChanges).values(filingIds.map((filingId) => ({ filingId, at })));
}

/** The last few changes (newest first), for tests and diagnostics. */
export async function recentRegistryChanges(db: Database, limit = 10) {
  return db.select().from(registryChanges).orderBy(desc(registryChanges.seq)).limit(limit);
}
