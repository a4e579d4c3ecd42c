/**
 * Throttling of password guesses and self-registrations, stored in the database so it holds across Worker
 * isolates and Node restarts.
 *
 * Each attempt is counted first (one atomic upsert per counter) and only then is the password checked, so
 * simultaneous guesses cannot all slip in under the limit. Counters hold failures plus attempts still running:
 * an attempt that is refused, or whose password is right, is taken back off.
 *
 * Password guesses (login and password change) are counted three ways:
 * - per account at one address (an IPv6 address counts by its /64): 5 in 15 minutes, then that address waits
 *   for the window to end;
 * - per address over all accounts: 30 in 15 minutes;
 * - per account over all addresses: past 20 in 15 minutes, one guess at a time with a growing pause (30 s,
 *   doubled each further failure, at most 15 minutes). One address can make at most 10 guesses at an account in any
 *   15 minutes, so it cannot lock the real holder out from another address.
 * The answers are the same whether or not the account exists.
 */
import type { Database } from '../../db/database.ts';
import {
  type Counted,
  claimSlot,
  clearCounter,
  countAttempt,
  findCounter,
  uncount,
} from '../../db/queries/accounts/throttle.ts';

const MINUTE = 60_000;
const WINDOW = 15 * MINUTE;

export const limits = {
  /** Guesses at one account from one address per window. */
  accountAtAddress: 5,
  /** Guesses from one address per window, any accounts. */
  address: 30,
  /** Guesses at one account per window from all addresses before each further one must wait. */
  accountCeiling: 20,
  accountHold: { stepMs: 30_000, capMs: WINDOW },
  /** Self-registrations from one address per hour. */
  registrations: 10,
  registrationWindow: 60 * MINUTE,
  window: WINDOW,
} as const;

/** The longest window of any counter: rows older than it (and not holding) can go. */
export const longestWindow = Math.max(WINDOW, limits.registrationWindow);

export type Attempt = { counted: Counted[]; pairKey: string };
export type Gate = { ok: true; attempt: Attempt } | { ok: false; waitMs: number };

/**
 * The address a counter is kept for: IPv4 as is, IPv6 by its /64 (one subscriber usually holds a whole /64, so
 * counting single IPv6 addresses would give an attacker 2^64 fresh ones).
 */
export function addressKey(ip: string): string {
  const address = ip
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

function keysFor(login: string, rawIp: string | undefined) {
  const who = login.trim().toLowerCase();
  const ip = rawIp ? addressKey(rawIp) : undefined;
  return {
    // Keys put the address first: it cannot contain '|', so no login can forge another pair's key.
    pair: `pair:${ip ?? 'unknown'}|${who}`,
    address: ip ? `ip:${ip}` : undefined,
    account: `account:${who}`,
  };
}

const windowLeft = (c: Counted, windowMs: number, now: Date) =>
  Math.max(1000, c.windowStartedAt.getTime() + windowMs - now.getTime());

/** Counts a password guess at `login` from `ip`; refuses (with how long to wait) when a limit is reached. */
export async function beginGuess(
  db: Database,
  login: string,
  ip: string | undefined,
  now: Date,
): Promise<Gate> {
  const keys = keysFor(login, ip);
  const specs = [keys.pair, keys.account, keys.address]
    .filter((k): k is string => k !== undefined)
    .map((key) => ({ key, windowMs: WINDOW }));
  const counted = await countAttempt(db, specs, now);
  const [pair, account, address] = counted;
  if (!pair || !account) throw new Error('throttle counters missing');
  const refuse = async (waitMs: number): Promise<Gate> => {
    await uncount(db, counted);
    return { ok: false, waitMs };
  };
  if (pair.count > limits.accountAtAddress) return refuse(windowLeft(pair, WINDOW, now));
  if (address && address.count > limits.address) return refuse(windowLeft(address, WINDOW, now));
  if (
    account.count > limits.accountCeiling &&
    !(await claimSlot(db, account.key, now, { ceiling: limits.accountCeiling, ...limits.accountHold }))
  ) {
    const held = (await findCounter(db, account.key))?.lockedUntil?.getTime() ?? 0;
    return refuse(Math.max(1000, held - now.getTime()));
  }
  return { ok: true, attempt: { counted, pairKey: keys.pair } };
}

/** The password was right: this account at this address starts afresh, and the guess no longer counts elsewhere. */
export async function guessSucceeded(db: Database, attempt: Attempt) {
  await clearCounter(db, attempt.pairKey);
  await uncount(
    db,
    attempt.counted.filter((c) => c.key !== attempt.pairKey),
  );
}

/** Counts a self-registration from `ip`; addresses the host cannot tell are not counted. */
export async function beginRegistration(db: Database, ip: string | undefined, now: Date): Promise<number> {
  if (!ip) return 0;
  const key = `register:${addressKey(ip)}`;
  const [row] = await countAttempt(db, [{ key, windowMs: limits.registrationWindow }], now);
  if (!row || row.count <= limits.registrations) return 0;
  await uncount(db, [row]);
  return windowLeft(row, limits.registrationWindow, now);
}

/** “N 分钟” for a wait, rounded up. */
export const minutes = (ms: number) => `${Math.max(1, Math.ceil(ms / MINUTE))} 分钟`;
