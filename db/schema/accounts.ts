import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Who signs in: enterprises (login = 统一社会信用代码) and reviewers/admins (login = user name). */
export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    role: text('role', {
      enum: ['enterprise', 'city_tourism', 'province_tourism', 'market_regulation', 'admin'],
    }).notNull(),
    login: text('login').notNull().unique(),
    displayName: text('display_name').notNull(),
    /** Self-describing scrypt hash: `scrypt$N$r$p$salt$hash`. */
    passwordHash: text('password_hash').notNull(),
    /** City scope of a city_tourism reviewer; the enterprise's city is on `enterprises`. */
    city: text('city'),
    enterpriseId: text('enterprise_id'),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    /** Set for accounts created with a password someone else chose; cleared by the holder's own change. */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    /** Demo accounts are created only by the demo seed and are listed by `npm start`. */
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index('accounts_enterprise_idx').on(t.enterpriseId)],
);

/** Sessions as in the Lucia guide: the token is `id.secret`; only SHA-256 of the secret is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    secretHash: text('secret_hash').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);
