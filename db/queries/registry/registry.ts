/**
 * SQL of the public registry: its read model's source rows (all at once, or in chunks), its change log (version,
 * changes since a version, recording a change inside a workflow transaction), and the bulk loader of test data.
 */
import type { Client, InStatement } from '@libsql/client';
import { and, asc, desc, eq, getTableColumns, gt, inArray, isNotNull, SQL, sql } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../database.ts';
import { enterprises, filingCounters, filingEvents, filings, registryChanges } from '../../schema/index.ts';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

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
export async function recordRegistryChanges(tx: Tx | Database, filingIds: string[], at: Date) {
  if (filingIds.length > 0)
    await tx.insert(registryChanges).values(filingIds.map((filingId) => ({ filingId, at })));
}

/** The last few changes (newest first), for tests and diagnostics. */
export async function recentRegistryChanges(db: Database, limit = 10) {
  return db.select().from(registryChanges).orderBy(desc(registryChanges.seq)).limit(limit);
}

type EnterpriseInsert = typeof enterprises.$inferInsert;
type FilingInsert = typeof filings.$inferInsert;
type EventInsert = typeof filingEvents.$inferInsert;

/**
 * One INSERT … SELECT over `json_each(?)` per table: the rows travel as one JSON array of arrays, so SQLite
 * parses a short statement once instead of tens of thousands of placeholders, and Drizzle's query builder
 * (which costs more CPU per value than SQLite spends storing it) is bypassed. The values still go through each
 * column's own mapping (dates, booleans, JSON), so the rows are exactly what Drizzle would write.
 */
function insertStatement<T extends SQLiteTable>(table: T, rows: Record<string, unknown>[]): InStatement {
  const columns = Object.entries(getTableColumns(table));
  const values = rows.map((row) =>
    columns.map(([key, column]) => {
      const value = row[key] ?? (column.default instanceof SQL ? undefined : column.default);
      return value === undefined || value === null ? null : column.mapToDriverValue(value);
    }),
  );
  return {
    sql: `insert into "${getTableConfig(table).name}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')})
      select ${columns.map((_, i) => `value ->> ${i}`).join(', ')} from json_each(?)`,
    args: [JSON.stringify(values)],
  };
}

/**
 * Bulk load (test and demo data only): enterprises, their filings and audit events in one transaction.
 * Bypasses the workflow on purpose; the caller writes the rows the workflow would have written. The registry's
 * change log gets one row per filing when `changes` is 'each' (a few filings: running read models patch
 * themselves), else one "everything changed" row (read models rebuild in full, in the background).
 */
export async function insertBulk(
  db: Database,
  rows: { enterprises: EnterpriseInsert[]; filings: FilingInsert[]; events: EventInsert[] },
  changes: 'each' | 'all' = 'all',
) {
  const client = (db as Database & { $client: Client }).$client;
  const at = Date.now();
  await client.batch(
    [
      insertStatement(enterprises, rows.enterprises),
      insertStatement(filings, rows.filings),
      insertStatement(filingEvents, rows.events),
      changes === 'each'
        ? {
            sql: 'insert into "registry_changes" ("filing_id", "at") select value, ? from json_each(?)',
            args: [at, JSON.stringify(rows.filings.map((f) => f.id))],
          }
        : { sql: 'insert into "registry_changes" ("filing_id", "at") values (null, ?)', args: [at] },
    ],
    'write',
  );
}

/** Reserves `count` 备案编号 sequence numbers of `year` at once; returns the first one. */
export async function reserveFilingSequences(db: Database, year: number, count: number): Promise<number> {
  const [row] = await db
    .insert(filingCounters)
    .values({ year, last: count })
    .onConflictDoUpdate({
      target: filingCounters.year,
      set: { last: sql`${filingCounters.last} + ${count}` },
    })
    .returning({ last: filingCounters.last });
  if (!row) throw new Error('filing counter not updated');
  return row.last - count + 1;
}

/** USCCs already registered, so generated ones never collide with them. */
export async function existingUsccs(db: Database): Promise<Set<string>> {
  const rows = await db.select({ uscc: enterprises.uscc }).from(enterprises);
  return new Set(rows.map((r) => r.uscc));
}
