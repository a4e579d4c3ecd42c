/**
 * The outbox: notification rows and their deliveries, written by the same write transaction as the change that
 * causes them. Everything here is plain SQL statements, so they serve both kinds of write in this codebase: run
 * one by one inside a Drizzle transaction (`writeOutbox`, the filing transitions), or appended to a
 * `client.batch([...], 'write')` (the event registrations). Recipients, their verified addresses and their
 * preferences are resolved by the statements themselves, inside that transaction.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../database.ts';

/**
 * One kind of notification to some accounts. `source` is a SELECT of `account_id`, `data` (JSON text) and
 * `dedupe_key` (null, or a key that makes the notification at most once per account), e.g. `toAccounts(...)`.
 */
export type OutboxDraft = {
  kind: string;
  /** Channels this notification may use: always `inbox`, plus the outside channels configured for its kind. */
  channels: string[];
  source: SQL;
  /** False for a message that is not the account's news (a verification code). */
  inbox?: boolean;
};

/** What every write of the outbox shares: the write's own id (its batch) and its time. */
export type OutboxWrite = { batch: string; now: Date };

export const newOutboxWrite = (now: Date): OutboxWrite => ({ batch: crypto.randomUUID(), now });

/** Enabled accounts matching `where` (on `a`, the accounts table), each with the same data. */
export function toAccounts(where: SQL, data: Record<string, unknown>, dedupeKey: string | null = null): SQL {
  return sql`select a.id as account_id, json(${JSON.stringify(data)}) as data, ${dedupeKey} as dedupe_key
    from accounts a where a.disabled = 0 and (${where})`;
}

export const accountIs = (id: string) => sql`a.id = ${id}`;
export const enterpriseAccounts = (enterpriseId: string) => sql`a.enterprise_id = ${enterpriseId}`;
export const roleAccounts = (role: string, city?: string) =>
  city === undefined ? sql`a.role = ${role}` : sql`a.role = ${role} and a.city = ${city}`;

function insertNotifications(draft: OutboxDraft, write: OutboxWrite): SQL {
  // `where true`: SQLite needs a WHERE before ON CONFLICT in an INSERT … SELECT to parse the upsert.
  return sql`insert into notifications
      (id, account_id, kind, data, channels, dedupe_key, inbox, batch, created_at)
    select lower(hex(randomblob(16))), s.account_id, ${draft.kind}, s.data, ${JSON.stringify(draft.channels)},
      s.dedupe_key, ${draft.inbox === false ? 0 : 1}, ${write.batch}, ${write.now.getTime()}
    from (${draft.source}) s where true
    on conflict (account_id, dedupe_key) do nothing`;
}

/**
 * The deliveries of this write's notifications: one per verified address of the recipient whose channel the
 * notification may use and the recipient has not turned off for its kind.
 */
function fanOut(write: OutboxWrite): SQL {
  const now = write.now.getTime();
  return sql`insert into notification_deliveries
      (id, notification_id, channel, address, state, attempts, next_attempt_at, created_at, updated_at)
    select lower(hex(randomblob(16))), n.id, ad.channel, ad.address, 'queued', 0, ${now}, ${now}, ${now}
    from notifications n
    join notification_addresses ad on ad.account_id = n.account_id and ad.verified_at is not null
    where n.batch = ${write.batch} and n.kind != 'address_verification'
      and exists (select 1 from json_each(n.channels) c where c.value = ad.channel)
      and not exists (select 1 from notification_preferences p
        where p.account_id = n.account_id and p.kind = n.kind and p.channel = ad.channel and p.enabled = 0)`;
}

/**
 * The statements that write `drafts` and their deliveries (`extra`: further delivery statements, e.g. to an explicit
 * address); append them to the write's batch or transaction.
 */
export function outboxStatements(drafts: OutboxDraft[], write: OutboxWrite, extra: SQL[] = []): SQL[] {
  if (drafts.length === 0) return [];
  // With only the inbox on (no e-mail or SMS configured for these kinds) there is nothing to fan out.
  const outside = drafts.some((d) => d.channels.some((c) => c !== 'inbox'));
  return [...drafts.map((d) => insertNotifications(d, write)), ...(outside ? [...extra, fanOut(write)] : [])];
}

/**
 * Deliveries to one explicit address for this write's notifications of `kind` (a code to a new address, an
 * attendee's mobile), whether or not the address is verified: the caller decides that it may.
 */
export function deliveriesTo(write: OutboxWrite, kind: string, channel: string, address: SQL | string): SQL {
  const now = write.now.getTime();
  return sql`insert into notification_deliveries
      (id, notification_id, channel, address, state, attempts, next_attempt_at, created_at, updated_at)
    select lower(hex(randomblob(16))), n.id, ${channel}, ${address}, 'queued', 0, ${now}, ${now}, ${now}
    from notifications n where n.batch = ${write.batch} and n.kind = ${kind}`;
}

type Runner = { run: (query: SQL) => Promise<unknown> };

/** Runs the outbox statements inside a Drizzle transaction the caller holds. */
export async function writeOutbox(tx: Runner, statements: SQL[]): Promise<void> {
  for (const statement of statements) await tx.run(statement);
}

/** Runs the statements as one write transaction of their own (a batch: one round trip, also over HTTP). */
export async function commitOutbox(db: Database, statements: SQL[]): Promise<void> {
  const [first, ...rest] = statements.map((s) => db.run(s));
  if (first) await db.batch([first, ...rest]);
}
