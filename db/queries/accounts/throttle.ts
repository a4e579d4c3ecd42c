/**
 * Attempt counters (login, password change, self-registration) in `login_throttle`. Every attempt is counted by
 * one upsert … RETURNING before anything slow runs, so simultaneous attempts each see their own count and none
 * slips past a limit; refused and successful attempts are taken back off afterwards.
 */
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../database.ts';
import { accounts, loginThrottle, sessions } from '../../schema/index.ts';

export type CounterSpec = { key: string; windowMs: number };
export type Counted = { key: string; count: number; windowStartedAt: Date; lockedUntil: Date | null };

function countOne(db: Database, spec: CounterSpec, now: Date) {
  const t = now.getTime();
  // A window older than windowMs starts over at this attempt.
  const stale = sql`${loginThrottle.windowStartedAt} <= ${t - spec.windowMs}`;
  return db
    .insert(loginThrottle)
    .values({ key: spec.key, failures: 1, windowStartedAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${stale} then 1 else ${loginThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${stale} then ${t} else ${loginThrottle.windowStartedAt} end`,
      },
    })
    .returning({
      key: loginThrottle.key,
      count: loginThrottle.failures,
      windowStartedAt: loginThrottle.windowStartedAt,
      lockedUntil: loginThrottle.lockedUntil,
    });
}

/** Counts one attempt against every key in one round trip; each count includes this attempt. */
export async function countAttempt(db: Database, specs: CounterSpec[], now: Date): Promise<Counted[]> {
  const [first, ...rest] = specs.map((s) => countOne(db, s, now));
  if (!first) return [];
  const results = await db.batch([first, ...rest]);
  return results.map((rows) => {
    const row = rows[0];
    if (!row) throw new Error('throttle upsert returned no row');
    return row;
  });
}

/** Takes one attempt back off each counter, unless its window has started over since it was counted. */
export async function uncount(db: Database, counted: Pick<Counted, 'key' | 'windowStartedAt'>[]) {
  const [first, ...rest] = counted.map((c) =>
    db
      .update(loginThrottle)
      .set({ failures: sql`max(${loginThrottle.failures} - 1, 0)` })
      .where(and(eq(loginThrottle.key, c.key), eq(loginThrottle.windowStartedAt, c.windowStartedAt))),
  );
  if (first) await db.batch([first, ...rest]);
}

/** Forgets a counter (e.g. an account at an address after a successful login). */
export async function clearCounter(db: Database, key: string) {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/**
 * Claims the next attempt of a counter that is past its ceiling: succeeds for exactly one caller once the previous
 * hold has run out, and holds the counter from now for `stepMs` doubled with each count past the ceiling, at most
 * `capMs`. Returns false while a hold runs.
 */
export async function claimSlot(
  db: Database,
  key: string,
  now: Date,
  hold: { ceiling: number; stepMs: number; capMs: number },
) {
  const t = now.getTime();
  const doublings = sql`min(max(${loginThrottle.failures} - ${hold.ceiling + 1}, 0), 20)`;
  const rows = await db
    .update(loginThrottle)
    .set({ lockedUntil: sql`${t} + min(${hold.capMs}, ${hold.stepMs} * (1 << ${doublings}))` })
    .where(
      and(
        eq(loginThrottle.key, key),
        or(isNull(loginThrottle.lockedUntil), lte(loginThrottle.lockedUntil, now)),
      ),
    )
    .returning({ key: loginThrottle.key });
  return rows.length > 0;
}

export async function findCounter(db: Database, key: string) {
  return db.query.loginThrottle.findFirst({ where: eq(loginThrottle.key, key) });
}

export type SessionLimits = { idle: number; absolute: number };

/**
 * Deletes up to `limit` expired sessions (by the policy of their account's role) and up to `limit` counters whose
 * window and hold are over. Bounded, so it can run on a request (Workers have no background jobs).
 */
export async function purgeExpired(
  db: Database,
  now: Date,
  policy: { enterprise: SessionLimits; reviewer: SessionLimits },
  counterWindowMs: number,
  limit = 200,
) {
  const t = now.getTime();
  const expired = (p: SessionLimits) =>
    sql`(${sessions.lastSeenAt} < ${t - p.idle} or ${sessions.createdAt} < ${t - p.absolute})`;
  const staleSessions = db
    .select({ id: sessions.id })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(
      or(
        and(eq(accounts.role, 'enterprise'), expired(policy.enterprise)),
        and(sql`${accounts.role} <> 'enterprise'`, expired(policy.reviewer)),
      ),
    )
    .limit(limit);
  const staleCounters = db
    .select({ key: loginThrottle.key })
    .from(loginThrottle)
    .where(
      and(
        sql`${loginThrottle.windowStartedAt} < ${t - counterWindowMs}`,
        or(isNull(loginThrottle.lockedUntil), sql`${loginThrottle.lockedUntil} < ${t}`),
      ),
    )
    .limit(limit);
  await db.batch([
    db.delete(sessions).where(sql`${sessions.id} in ${staleSessions}`),
    db.delete(loginThrottle).where(sql`${loginThrottle.key} in ${staleCounters}`),
  ]);
}
