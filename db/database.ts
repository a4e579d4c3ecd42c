import type { Client } from '@libsql/client';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type * as schema from './schema/index.ts';

/** The Drizzle database every query takes; each host builds it over its own libSQL client. */
export type Database = LibSQLDatabase<typeof schema>;

/** What `db.transaction` hands its callback: queries that must commit together take this or a Database. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The libSQL client under the database: a batch of raw statements runs as one transaction in one round trip. */
export function clientOf(db: Database): Client {
  return (db as Database & { $client: Client }).$client;
}
