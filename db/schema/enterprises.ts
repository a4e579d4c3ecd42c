import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A tourism enterprise; one account per 统一社会信用代码. */
export const enterprises = sqliteTable('enterprises', {
  id: text('id').primaryKey(),
  uscc: text('uscc').notNull().unique(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  grade: text('grade'),
  city: text('city').notNull(),
  contactName: text('contact_name').notNull(),
  contactPhone: text('contact_phone').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
});

/** Failed logins per key (`account:<login>` or `ip:<address>`), kept in the database so both hosts share it. */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: integer('window_started_at', { mode: 'timestamp_ms' }).notNull(),
  lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
});
