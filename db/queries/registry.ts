/** SQL of the public registry: its read model's source rows, its change check, and the bulk loader of test data. */
import type { Client, InStatement } from '@libsql/client';
import { and, getTableColumns, inArray, isNotNull, SQL, sql } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database } from '../database.ts';
import { enterprises, filingCounters, filingEvents, filings } from '../schema/index.ts';

/** States a filing is publicly listed in: 有效 and 已注销. Superseded filings are replaced by their successor. */
export const PUBLIC_STATUSES = ['recognized', 'deregistered'] as const;

/** Only the columns the public may see, plus the consent that decides whether the name is one of them. */
export async function listPublicFilings(db: Database) {
  return db
    .select({
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
    })
    .from(filings)
    .where(and(inArray(filings.status, [...PUBLIC_STATUSES]), isNotNull(filings.filingNo)));
}
export type PublicFilingRow = Awaited<ReturnType<typeof listPublicFilings>>[number];

export async function countPublicFilings(db: Database): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(filings)
    .where(and(inArray(filings.status, [...PUBLIC_STATUSES]), isNotNull(filings.filingNo)));
  return row?.n ?? 0;
}

/**
 * A fingerprint of everything that can change the public registry: the newest change per state a filing enters
 * or leaves it by (recognize, deregister, supersede — the last one always comes with a recognition). Each part is
 * one seek in `filings_status_updated_idx`, so it is cheap enough to run every second.
 */
export async function registryVersion(db: Database): Promise<string> {
  const row = await db.get<[number | null, number | null, number | null]>(sql`select
      (select max(${filings.updatedAt}) from ${filings} where ${filings.status} = 'recognized'),
      (select max(${filings.updatedAt}) from ${filings} where ${filings.status} = 'deregistered'),
      (select max(${filings.updatedAt}) from ${filings} where ${filings.status} = 'superseded')`);
  return Array.isArray(row) ? row.join('/') : JSON.stringify(row);
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
 * Bypasses the workflow on purpose; the caller writes the rows the workflow would have written.
 */
export async function insertBulk(
  db: Database,
  rows: { enterprises: EnterpriseInsert[]; filings: FilingInsert[]; events: EventInsert[] },
) {
  const client = (db as Database & { $client: Client }).$client;
  await client.batch(
    [
      insertStatement(enterprises, rows.enterprises),
      insertStatement(filings, rows.filings),
      insertStatement(filingEvents, rows.events),
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
