import type { SignedIn } from '../deps.ts';

/**
 * One entry of a filing's history (its audit trail): who did what, when, from which state to which, and why.
 * `from` and `to` are null for what does not move the filing (an upload, a look at the full 身份证号).
 */
export function historyEntry(
  me: SignedIn,
  filingId: string,
  action: string,
  at: Date,
  from: string | null = null,
  to: string | null = null,
  reason: string | null = null,
) {
  return {
    filingId,
    at,
    actorId: me.id,
    actorName: me.displayName,
    actorRole: me.role,
    action,
    fromStatus: from,
    toStatus: to,
    reason,
  };
}
