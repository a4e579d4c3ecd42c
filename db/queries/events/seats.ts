/**
 * How seats change hands. Every write that can change who holds a seat runs as ONE `client.batch([...], 'write')`:
 * a single transaction (BEGIN IMMEDIATE … COMMIT) in a single round trip, so nothing else writes between deciding
 * and writing, and over Turso's HTTP no write lock is held across round trips. Each attendee's status is decided
 * by a conditional INSERT … SELECT that counts the confirmed seats inside that transaction; freed seats go to the
 * waitlist (lowest `seq` first) in the same transaction.
 */
import type { InStatement, InValue, ResultSet, Row } from '@libsql/client';
import { type SQL, sql } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { clientOf, type Database } from '../../database.ts';
import { attendees, events } from '../../schema/index.ts';

const dialect = new SQLiteAsyncDialect();

export function statement(query: SQL): InStatement {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { sql: text, args: params as InValue[] };
}

/** Runs the statements as one write transaction in one round trip (see the file comment). */
export async function writeBatch(db: Database, queries: SQL[]): Promise<ResultSet[]> {
  return clientOf(db).batch(queries.map(statement), 'write');
}

/** A number column of a batch's result row (0 when absent). */
export const num = (row: Row | undefined, column: string) => Number(row?.[column] ?? 0);

/**
 * The first waitlisted attendees of the event, in arrival order, get the free seats. A negative LIMIT would
 * mean "no limit" in SQLite, hence max(0, …). RETURNING gives the promoted rows back: not every libSQL server
 * reports rowsAffected (some answer 0 to every write), so nothing here counts on it.
 */
export function promote(eventId: string, now: number): SQL {
  return sql`update ${attendees} set status = 'confirmed', promoted_at = ${now}
    where id in (
      select id from ${attendees}
      where event_id = ${eventId} and status = 'waitlisted'
      order by seq
      limit max(0,
        (select capacity from ${events} where id = ${eventId})
        - (select count(*) from ${attendees} where event_id = ${eventId} and status = 'confirmed'))
    )
    returning id`;
}
