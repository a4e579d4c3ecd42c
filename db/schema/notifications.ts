import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.ts';

/**
 * The outbox and the inbox in one: a notification for one account, written in the same write transaction as the
 * change that causes it. `data` holds the facts the message is rendered from (never an ID number or a full mobile);
 * `channels` the channels its kind may use here (the inbox, and e-mail/SMS when configured). `batch` names the
 * write that made it, so the same transaction can fan it out into deliveries.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind').notNull(),
    data: text('data', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    channels: text('channels', { mode: 'json' }).notNull().$type<string[]>(),
    /** Makes a notification at most once per account (a replayed request, a reminder already sent). */
    dedupeKey: text('dedupe_key'),
    /** False for messages that are not the account's news (a verification code to a new address). */
    inbox: integer('inbox', { mode: 'boolean' }).notNull().default(true),
    batch: text('batch').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('notifications_account_idx').on(t.accountId, t.createdAt),
    uniqueIndex('notifications_dedupe_idx').on(t.accountId, t.dedupeKey),
    index('notifications_batch_idx').on(t.batch),
  ],
);

export const deliveryStates = [
  'queued',
  'sending',
  'delivered',
  'temporary-failure',
  'permanent-failure',
] as const;

/**
 * One notification through one outside channel to one address. The id is the idempotency key (the e-mail's
 * Message-ID, the SMS request's OutId): a retry after a crash sends the same message again, never a new one.
 * A claim sets `sending` and moves `next_attempt_at` to the end of the lease, so one condition (due and not
 * finished) finds both new work and work whose sender died.
 */
export const deliveries = sqliteTable(
  'notification_deliveries',
  {
    id: text('id').primaryKey(),
    notificationId: text('notification_id')
      .notNull()
      .references(() => notifications.id),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    /** Full address, needed to send; every answer masks it. */
    address: text('address').notNull(),
    state: text('state', { enum: deliveryStates }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    leaseOwner: text('lease_owner'),
    providerMessageId: text('provider_message_id'),
    /** A provider's code or an SMTP status, never a message that could quote an address. */
    lastError: text('last_error'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('notification_deliveries_due_idx').on(t.state, t.nextAttemptAt),
    index('notification_deliveries_notification_idx').on(t.notificationId),
    index('notification_deliveries_created_idx').on(t.createdAt),
    check(
      'notification_deliveries_state_valid',
      sql.raw(`state in (${deliveryStates.map((s) => `'${s}'`).join(', ')})`),
    ),
  ],
);

/**
 * An account's e-mail address or mobile (one of each). Nothing but its verification code is sent to it until
 * `verified_at` is set; only a keyed hash of the code is kept.
 */
export const addresses = sqliteTable(
  'notification_addresses',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    address: text('address').notNull(),
    verifiedAt: integer('verified_at', { mode: 'timestamp_ms' }),
    codeHash: text('code_hash'),
    codeSentAt: integer('code_sent_at', { mode: 'timestamp_ms' }),
    codeAttempts: integer('code_attempts').notNull().default(0),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.channel] })],
);

/** A channel an account turned off (or on again) for one kind of message; no row = the default (on). */
export const preferences = sqliteTable(
  'notification_preferences',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind').notNull(),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.kind, t.channel] })],
);
