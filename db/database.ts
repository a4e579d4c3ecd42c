import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type * as schema from './schema/index.ts';

/** The Drizzle database every query takes; each host builds it over its own libSQL client. */
export type Database = LibSQLDatabase<typeof schema>;
