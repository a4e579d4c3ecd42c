/**
 * Sessions as in the Lucia guide: the token is `<id>.<secret>`, the database keeps only SHA-256 of the secret,
 * comparison is constant-time, and a session ends after idle time or at an absolute age — sooner for reviewers,
 * whose accounts see personal data of many people.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Database } from '../../db/database.ts';
import {
  type AccountRow,
  deleteSession,
  findSession,
  insertSession,
  touchSession,
} from '../../db/queries/accounts/accounts.ts';
import { purgeExpired } from '../../db/queries/accounts/throttle.ts';
import { longestWindow } from './throttle.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const sessionPolicy = {
  enterprise: { idle: 2 * HOUR, absolute: 12 * HOUR },
  reviewer: { idle: 30 * MINUTE, absolute: 8 * HOUR },
} as const;

export function policyFor(role: AccountRow['role']) {
  return role === 'enterprise' ? sessionPolicy.enterprise : sessionPolicy.reviewer;
}

function randomToken(bytes: number): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  return encodeBase32LowerCaseNoPadding(buf);
}

function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** Starts a session; returns the token for the cookie (never stored). 160-bit id and 160-bit secret. */
export async function createSession(db: Database, accountId: string, now: Date): Promise<string> {
  const id = randomToken(20);
  const secret = randomToken(20);
  await insertSession(db, { id, accountId, secretHash: hashSecret(secret), createdAt: now, lastSeenAt: now });
  return `${id}.${secret}`;
}

/** The signed-in account for a token, or undefined; slides the idle timeout and ends expired sessions. */
export async function validateSession(db: Database, token: string, now: Date) {
  const [id, secret] = token.split('.');
  if (!id || !secret || id.length > 64 || secret.length > 64) return undefined;
  const found = await findSession(db, id);
  if (!found) return undefined;
  const { session, account } = found;
  const expected = new TextEncoder().encode(session.secretHash);
  const actual = new TextEncoder().encode(hashSecret(secret));
  if (!constantTimeEqual(expected, actual)) return undefined;
  const policy = policyFor(account.role);
  const t = now.getTime();
  if (
    account.disabled ||
    t - session.lastSeenAt.getTime() > policy.idle ||
    t - session.createdAt.getTime() > policy.absolute
  ) {
    await deleteSession(db, id);
    return undefined;
  }
  // Write the new last-seen time at most once a minute: reads stay reads.
  if (t - session.lastSeenAt.getTime() > MINUTE) await touchSession(db, id, now);
  return { sessionId: id, account };
}

export async function endSession(db: Database, token: string) {
  const [id] = token.split('.');
  if (id) await deleteSession(db, id);
}

/**
 * Deletes a bounded batch of expired sessions and spent throttle counters. Called on sign-in, so it also runs on
 * Workers, where nothing runs between requests.
 */
export async function purgeExpiredSessions(db: Database, now: Date) {
  await purgeExpired(db, now, sessionPolicy, longestWindow);
}
