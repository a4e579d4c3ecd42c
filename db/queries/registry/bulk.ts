/**
 * The bulk loader of test and demo data (functions/demo/bulk.ts): many enterprises, filings and audit events at
 * once, bypassing the workflow, and what it needs to number and name them without collisions.
 */
import type { InStatement } from '@libsql/client';
import { getTableColumns, SQL, sql } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { clientOf, type Database } from '../../database.ts';
import { enterprises, filingCounters, filingEvents, filings } from '../../schema/index.ts';

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
  const at = Date.now();
  await clientOf(db).batch(
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
