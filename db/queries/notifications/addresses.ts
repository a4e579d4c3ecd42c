/** Verified addresses and channel preferences of an account. */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../database.ts';
import { addresses, preferences } from '../../schema/index.ts';

export type AddressRow = typeof addresses.$inferSelect;

export async function addressesOf(db: Database, accountId: string): Promise<AddressRow[]> {
  return db.select().from(addresses).where(eq(addresses.accountId, accountId));
}

export async function preferencesOf(db: Database, accountId: string) {
  return db.select().from(preferences).where(eq(preferences.accountId, accountId));
}

export async function savePreferences(
  db: Database,
  accountId: string,
  items: { kind: string; channel: 'email' | 'sms'; enabled: boolean }[],
) {
  const [first, ...rest] = items.map((i) =>
    db
      .insert(preferences)
      .values({ accountId, ...i })
      .onConflictDoUpdate({
        target: [preferences.accountId, preferences.kind, preferences.channel],
        set: { enabled: i.enabled },
      }),
  );
  if (first) await db.batch([first, ...rest]);
}

/**
 * Sets the account's address of a channel (unverified until its code comes back) with the hash of a new code,
 * as a statement for the same write as the code's notification. A new address replaces the old one.
 */
export function setAddressStatement(
  accountId: string,
  channel: 'email' | 'sms',
  address: string,
  codeHash: string,
  at: Date,
) {
  const now = at.getTime();
  return sql`insert into notification_addresses
      (account_id, channel, address, verified_at, code_hash, code_sent_at, code_attempts, created_at)
    values (${accountId}, ${channel}, ${address}, null, ${codeHash}, ${now}, 0, ${now})
    on conflict (account_id, channel) do update set
      address = excluded.address, verified_at = null, code_hash = excluded.code_hash,
      code_sent_at = excluded.code_sent_at, code_attempts = 0`;
}

/** Counts a wrong code; returns the attempts made so far. */
export async function countWrongCode(db: Database, accountId: string, channel: 'email' | 'sms') {
  const [row] = await db
    .update(addresses)
    .set({ codeAttempts: sql`${addresses.codeAttempts} + 1` })
    .where(and(eq(addresses.accountId, accountId), eq(addresses.channel, channel)))
    .returning({ attempts: addresses.codeAttempts });
  return row?.attempts ?? 0;
}

/** Marks the address verified if its code hash is still `codeHash`; false when it changed meanwhile. */
export async function markVerified(
  db: Database,
  accountId: string,
  channel: 'email' | 'sms',
  codeHash: string,
  at: Date,
) {
  const rows = await db
    .update(addresses)
    .set({ verifiedAt: at, codeHash: null, codeAttempts: 0 })
    .where(
      and(
        eq(addresses.accountId, accountId),
        eq(addresses.channel, channel),
        eq(addresses.codeHash, codeHash),
      ),
    )
    .returning({ accountId: addresses.accountId });
  return rows.length === 1;
}
