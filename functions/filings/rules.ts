/**
 * Who may see a filing and which transitions exist (DOMAIN.md, "States of a filing"). Every route asks these
 * functions; nothing else decides access.
 */
import type { FilingRow, FilingScope } from '../../db/queries/filings/filings.ts';
import { type AttachmentKind, attachmentKindCodes } from '../../src/shared/filings/form.ts';
import type { FilingAction, FilingStatus, Role } from '../../src/shared/filings/status.ts';
import type { SignedIn } from '../deps.ts';

/** `to: 'unchanged'`: the action records something without moving the filing to another state. */
type Rule = { from: FilingStatus[]; to: FilingStatus | 'unchanged'; roles: Role[] };

/**
 * Where the CQO's name is or will be public once consented to: from submission (the consent is then fixed in
 * the filing) to recognition, and after it — a deregistered CQO is still listed, as 已注销.
 */
const consentFixed: FilingStatus[] = [
  'submitted',
  'city_approved',
  'awaiting_training',
  'trained',
  'recognized',
  'deregistered',
];

export const transitions: Record<FilingAction, Rule> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['enterprise'] },
  withdraw: { from: ['submitted'], to: 'withdrawn', roles: ['enterprise'] },
  city_approve: { from: ['submitted'], to: 'city_approved', roles: ['city_tourism'] },
  city_return: { from: ['submitted'], to: 'returned', roles: ['city_tourism'] },
  city_reject: { from: ['submitted'], to: 'rejected', roles: ['city_tourism'] },
  province_approve: { from: ['city_approved'], to: 'awaiting_training', roles: ['province_tourism'] },
  province_return: { from: ['city_approved'], to: 'returned', roles: ['province_tourism'] },
  // A failed attempt or too few hours keeps the filing in awaiting_training (the attempt is recorded).
  record_training: { from: ['awaiting_training'], to: 'trained', roles: ['market_regulation'] },
  recognize: { from: ['trained'], to: 'recognized', roles: ['market_regulation'] },
  request_deregistration: { from: ['recognized'], to: 'recognized', roles: ['enterprise'] },
  deregister: { from: ['recognized'], to: 'deregistered', roles: ['market_regulation'] },
  // 个人信息保护法 art. 15: consent can be withdrawn at any time — by the enterprise, or by market regulation
  // when the CQO asks it directly. A draft or returned filing changes it in the form instead.
  withdraw_publication_consent: {
    from: consentFixed,
    to: 'unchanged',
    roles: ['enterprise', 'market_regulation'],
  },
};

/** The filings a signed-in account may list; undefined when it may list none. */
export function scopeOf(me: SignedIn): FilingScope | undefined {
  switch (me.role) {
    case 'enterprise':
      return me.enterpriseId ? { enterpriseId: me.enterpriseId } : undefined;
    case 'city_tourism':
      return me.city ? { city: me.city } : undefined;
    case 'province_tourism':
    case 'market_regulation':
      return { province: true };
    default:
      return undefined;
  }
}

/** Whether `me` may see this filing at all (a refusal is answered as 404: its existence is not revealed). */
export function canSee(me: SignedIn, filing: FilingRow): boolean {
  const scope = scopeOf(me);
  if (!scope) return false;
  if ('enterpriseId' in scope) return filing.enterpriseId === scope.enterpriseId;
  if (filing.status === 'draft') return false;
  if ('city' in scope) return filing.city === scope.city;
  return true;
}

export function isReviewer(me: SignedIn) {
  return me.role === 'city_tourism' || me.role === 'province_tourism' || me.role === 'market_regulation';
}

export function canEdit(me: SignedIn, filing: FilingRow) {
  return (
    me.role === 'enterprise' &&
    canSee(me, filing) &&
    (filing.status === 'draft' || filing.status === 'returned')
  );
}

/**
 * The attachment kinds `me` may upload to, or delete from, the filing now: every kind while the enterprise edits
 * it; afterwards only the 培训证明, which exists once training starts — the enterprise may add it while training
 * is under way, market regulation (who records training) until and after recognition.
 */
export function uploadKinds(me: SignedIn, filing: FilingRow): AttachmentKind[] {
  if (!canSee(me, filing)) return [];
  if (canEdit(me, filing)) return [...attachmentKindCodes];
  const status = filing.status as FilingStatus;
  if (me.role === 'enterprise' && (status === 'awaiting_training' || status === 'trained'))
    return ['training'];
  if (me.role === 'market_regulation' && ['awaiting_training', 'trained', 'recognized'].includes(status))
    return ['training'];
  return [];
}

/** Whether an extra condition of the action (beyond role and state) holds: e.g. no request twice. */
export function preconditionMet(action: FilingAction, filing: FilingRow): boolean {
  if (action === 'request_deregistration') return !filing.deregistrationRequested;
  if (action === 'withdraw_publication_consent') return filing.publishConsent;
  return true;
}

/** The actions `me` may take on the filing now. */
export function allowedActions(me: SignedIn, filing: FilingRow): FilingAction[] {
  if (!canSee(me, filing)) return [];
  return (Object.entries(transitions) as [FilingAction, Rule][])
    .filter(([action, rule]) => {
      if (!rule.roles.includes(me.role) || !rule.from.includes(filing.status as FilingStatus)) return false;
      return preconditionMet(action, filing);
    })
    .map(([action]) => action);
}
