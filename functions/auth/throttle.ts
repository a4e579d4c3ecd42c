/**
 * Login throttling per account and per client address, stored in the database so it holds across Worker
 * isolates and Node restarts. The same answer is given whether or not the account exists.
 */

import type { Database } from '../../db/database.ts';
import { clearThrottle, findThrottle, saveThrottle } from '../../db/queries/accounts.ts';

const WINDOW = 15 * 60_000;
export const limits = { account: 5, ip: 30 } as const;

const keysFor = (login: string, ip: string | undefined) => [
  `account:${login.toLowerCase()}`,
  ...(ip ? [`ip:${ip}`] : []),
];

/** Milliseconds until the caller may try again, or 0 when not locked. */
export async function lockedFor(
  db: Database,
  login: string,
  ip: string | undefined,
  now: Date,
): Promise<number> {
  const rows = await findThrottle(db, keysFor(login, ip));
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  return Math.max(0, until - now.getTime());
}

export async function recordFailure(db: Database, login: string, ip: string | undefined, now: Date) {
  const keys = keysFor(login, ip);
  const rows = await findThrottle(db, keys);
  for (const key of keys) {
    const row = rows.find((r) => r.key === key);
    const fresh = !row || now.getTime() - row.windowStartedAt.getTime() > WINDOW;
    const failures = fresh ? 1 : row.failures + 1;
    const limit = key.startsWith('ip:') ? limits.ip : limits.account;
    await saveThrottle(db, {
      key,
      failures,
      windowStartedAt: fresh ? now : row.windowStartedAt,
      lockedUntil: failures >= limit ? new Date(now.getTime() + WINDOW) : null,
    });
  }
}

export async function recordSuccess(db: Database, login: string) {
  await clearThrottle(db, `account:${login.toLowerCase()}`);
}
