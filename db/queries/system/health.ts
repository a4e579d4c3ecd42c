import { sql } from 'drizzle-orm';
import type { Database } from '../../database.ts';

/** Answers when the database does; throws when it cannot be reached. */
export async function pingDatabase(db: Database) {
  await db.run(sql`select 1`);
}
