/**
 * What each action on a filing records besides its move in the transition table (./rules.ts), one entry per
 * action. `act` (./service.ts) checks that the caller may take the action, then applies its effect and the
 * move in one transaction.
 */

import { insertEvents } from '../../db/queries/filings/filing-events.ts';
import { type FilingRow, findRecognizedFilingOfPerson } from '../../db/queries/filings/filings.ts';
import {
  nextFilingSequence,
  setFilingNo,
  supersedeOthers,
  type Transition,
} from '../../db/queries/filings/transitions.ts';
import { recordRegistryChanges } from '../../db/queries/registry/registry.ts';
import { chinaDate } from '../../src/shared/china-date.ts';
import type { FilingActionInput } from '../../src/shared/filings/actions.ts';
import { fieldLabels, filingSubmission, returnableFields } from '../../src/shared/filings/form.ts';
import { type FilingAction, type FilingStatus, filingStatusName } from '../../src/shared/filings/status.ts';
import { trainingShortfall } from '../../src/shared/filings/training.ts';
import type { Deps, SignedIn } from '../deps.ts';
import { ok, type Refusal, type Result, refuse } from '../result.ts';
import { historyEntry } from './history.ts';
import { preconditionMet, transitions } from './rules.ts';
import { submissionProblems } from './submission.ts';

type Tx = Parameters<NonNullable<Transition['before']>>[0];

/** What an action changes besides the filing's state and `updatedAt`. */
export type Effect = {
  set?: Partial<FilingRow>;
  /** The state it ends in, when not the transition table's (a failed training attempt stays where it is). */
  to?: FilingStatus | undefined;
  /** Why, as the history records it. */
  reason?: string | null;
  /** Work in the same transaction before the filing row changes; a refusal rolls all of it back. */
  before?: (tx: Tx) => Promise<Refusal | undefined>;
  /** Work in the same transaction after the filing row changed. */
  also?: Transition['also'];
  /** The public registry changes: its read model must be refreshed. */
  publicChange?: boolean;
};

type Context<A extends FilingAction> = {
  deps: Deps;
  me: SignedIn;
  filing: FilingRow;
  input: FilingActionInput & { action: A };
  now: Date;
};

type Handler<A extends FilingAction> = (ctx: Context<A>) => Result<Effect> | Promise<Result<Effect>>;

const personTaken = refuse(
  409,
  'person_taken',
  '此人已被认定为另一家企业的首席质量官，不能再认定。请退回企业另行选任，或待原企业办理注销后再认定',
);

async function submit({ deps, filing, now }: Context<'submit'>): Promise<Result<Effect>> {
  const problems = await submissionProblems(deps, filing);
  const count = Object.keys(problems).length;
  if (count > 0) return refuse(422, 'incomplete', `还有 ${count} 处需要修改后才能提交`, problems);
  const form = filingSubmission.parse(filing.form);
  return ok({
    set: {
      form,
      submittedAt: now,
      cqoName: form.cqoName,
      publishConsent: form.publishConsent,
      returnReasons: null,
      returnNote: null,
    },
  });
}

function sendBack({ filing, input }: Context<'city_return' | 'province_return'>): Result<Effect> {
  // A 旅行社 has no grade, and only a 旅行社 has a licence number: no reason may point at a field it lacks.
  const returnable = new Set(returnableFields(filing.enterpriseType).map(([path]) => path));
  const stray = Object.keys(input.reasons).filter((path) => path in fieldLabels && !returnable.has(path));
  if (stray.length > 0)
    return refuse(
      422,
      'invalid',
      '退回的项目不在这类企业的登记表中',
      Object.fromEntries(stray.map((path) => [`reasons.${path}`, '这类企业的登记表没有这一项，请另选'])),
    );
  return ok({
    set: { returnReasons: input.reasons, returnNote: input.note ?? null },
    reason: [Object.values(input.reasons).join('；'), input.note].filter(Boolean).join('；'),
  });
}

function recordTraining({ filing, input }: Context<'record_training'>): Result<Effect> {
  const { onlineHours, passed } = input;
  const attempt = { date: input.date, passed, certificateNo: input.certificateNo ?? null, onlineHours };
  // A failed attempt or too few hours: the filing waits for the next record, and the history says why.
  const shortfall = trainingShortfall(passed, onlineHours);
  return ok({
    set: { training: { onlineHours, attempts: [...filing.training.attempts, attempt] } },
    to: shortfall ? 'awaiting_training' : undefined,
    reason: [`在线学时 ${onlineHours}`, `专题培训${passed ? '合格' : '不合格'}`]
      .concat(shortfall ? [`仍待培训：${shortfall}`] : [])
      .join('；'),
  });
}

function recognize({ me, filing, now }: Context<'recognize'>): Result<Effect> {
  // 备案编号 years are China's calendar years: 2027-01-01 07:30 in Jilin is 2027, though UTC says 2026.
  const year = chinaDate(now).year;
  // Before the status changes: the old CQO leaves `recognized` first (one recognized CQO per enterprise is a
  // database rule).
  const before = async (tx: Tx) => {
    // One person, one enterprise: two enterprises may have filed the same person at once (both passed the
    // check on submit). Writes are serialized, so this sees every committed recognition: the first one wins.
    if (filing.idHash && (await findRecognizedFilingOfPerson(tx, filing.idHash, filing.enterpriseId)))
      return personTaken;
    const seq = await nextFilingSequence(tx, year);
    const filingNo = `JL-CQO-${year}-${String(seq).padStart(4, '0')}`;
    await setFilingNo(tx, filing.id, filingNo);
    const replaced = await supersedeOthers(tx, filing.enterpriseId, filing.id, now);
    // The public registry's version moves in the same transaction: this filing and those it replaced.
    await recordRegistryChanges(tx, [filing.id, ...replaced.map((old) => old.id)], now);
    const note = `已由新的备案 ${filingNo} 替换`;
    await insertEvents(
      tx,
      replaced.map((old) => historyEntry(me, old.id, 'supersede', now, 'recognized', 'superseded', note)),
    );
    return undefined;
  };
  return ok({ set: { recognizedAt: now }, before, publicChange: true });
}

function withdrawConsent({ filing, input, now }: Context<'withdraw_publication_consent'>): Result<Effect> {
  return ok({
    set: { publishConsent: false, form: { ...filing.form, publishConsent: false } },
    reason: input.note ? `撤回公开姓名的同意：${input.note}` : '撤回公开姓名的同意',
    // Only a filing with a 备案编号 is in the public registry; before that, consent changes nothing public.
    also: filing.filingNo ? (tx) => recordRegistryChanges(tx, [filing.id], now) : undefined,
    publicChange: true,
  });
}

const effects: { [A in FilingAction]: Handler<A> } = {
  submit,
  withdraw: () => ok({}),
  city_approve: ({ input }) => ok({ reason: input.note ?? null }),
  city_return: sendBack,
  city_reject: ({ input }) => ok({ reason: input.note }),
  province_approve: ({ input }) => ok({ reason: input.note ?? null }),
  province_return: sendBack,
  record_training: recordTraining,
  recognize,
  request_deregistration: ({ input }) => ok({ set: { deregistrationRequested: true }, reason: input.reason }),
  deregister: ({ filing, input, now }) =>
    ok({
      set: { deregisteredAt: now },
      reason: input.reason,
      also: (tx) => recordRegistryChanges(tx, [filing.id], now),
      publicChange: true,
    }),
  withdraw_publication_consent: withdrawConsent,
};

/** What the action changes, or why it cannot be taken (e.g. a filing still incomplete on submit). */
export function effectOf(ctx: Context<FilingAction>): Promise<Result<Effect>> {
  return Promise.resolve((effects[ctx.input.action] as Handler<FilingAction>)(ctx));
}

/** Why `me` may not take the action now: someone acted first, it is done already, or it is not theirs. */
export function notAllowed(me: SignedIn, filing: FilingRow, action: FilingAction): Refusal {
  const rule = transitions[action];
  if (!rule.roles.includes(me.role)) return refuse(403, 'not_allowed', '您不能对该备案进行此操作');
  // The right role but another state: someone acted first (or the page is stale) — say so, not "forbidden".
  if (!rule.from.includes(filing.status as FilingStatus))
    return refuse(
      409,
      'state_changed',
      `该备案当前为“${filingStatusName(filing.status)}”，不能再进行此操作。请刷新查看最新状态`,
    );
  if (!preconditionMet(action, filing))
    return refuse(
      409,
      'already_done',
      action === 'request_deregistration'
        ? '已经申请注销，等待省市场监督管理厅处理，无须重复申请'
        : '首席质量官的姓名已不公开（未同意公开或已撤回同意），无须重复办理',
    );
  return refuse(403, 'not_allowed', '您不能对该备案进行此操作');
}
