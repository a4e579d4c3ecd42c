/**
 * The filing workflow: list, create, save, act (submit, review, train, recognize, deregister), reveal. Decides
 * and records; knows nothing of HTTP. Every function takes the signed-in account and refuses what it may not do.
 */
import type { z } from 'zod';
import { type EnterpriseRow, findEnterprise } from '../../db/queries/accounts/accounts.ts';
import { appendEvent } from '../../db/queries/filings/filing-events.ts';
import {
  type FilingRow,
  findFiling,
  findOpenFiling,
  findRecognizedFiling,
  insertFiling,
  listFilings as queryFilings,
  updateDraft,
} from '../../db/queries/filings/filings.ts';
import { applyTransition } from '../../db/queries/filings/transitions.ts';
import type { FilingActionInput } from '../../src/shared/filings/actions.ts';
import type { FilingDetail } from '../../src/shared/filings/answers.ts';
import type { FilingDraft } from '../../src/shared/filings/form.ts';
import type { filingListQuery } from '../../src/shared/filings/requests.ts';
import type { FilingStatus } from '../../src/shared/filings/status.ts';
import { checkIdNumber, maskIdNumber } from '../../src/shared/id-number.ts';
import type { Deps, SignedIn } from '../deps.ts';
import { withFilingNotices } from '../notifications/triggers.ts';
import { decryptId, encryptId, hashId } from '../privacy/id-crypto.ts';
import { invalidateRegistry } from '../registry/index.ts';
import { ok, type Refusal, type Result, refuse } from '../result.ts';
import { effectOf, notAllowed } from './actions.ts';
import { historyEntry } from './history.ts';
import { changed, getVisibleRow, notFound, present } from './load.ts';
import { summarize } from './present.ts';
import { allowedActions, canEdit, scopeOf, transitions } from './rules.ts';
import { submissionProblems } from './submission.ts';

/** One page of the filings `me` may see, with the count per state. */
export async function listFilings(deps: Deps, me: SignedIn, query: z.output<typeof filingListQuery>) {
  const scope = scopeOf(me);
  if (!scope) return refuse(403, 'forbidden', '您的账号没有备案查看权限');
  const found = await queryFilings(deps.db, scope, {
    ...query,
    deregistrationRequested: query.deregistrationRequested === 'true',
  });
  return ok({
    items: found.items.map(summarize),
    total: found.total,
    page: query.page,
    pageSize: query.pageSize,
    counts: found.counts,
    deregistrationRequests: found.deregistrationRequests,
  });
}

export async function getFiling(deps: Deps, me: SignedIn, id: string): Promise<Result<FilingDetail>> {
  const found = await getVisibleRow(deps, me, id);
  return found.ok ? ok(await present(deps, me, found.value)) : found;
}

const openFiling = refuse(409, 'open_filing', '您已有一份正在办理的备案，请继续办理该备案');

export async function createFiling(
  deps: Deps,
  me: SignedIn,
  kind: 'new' | 'change',
): Promise<Result<FilingDetail>> {
  if (me.role !== 'enterprise' || !me.enterpriseId)
    return refuse(403, 'forbidden', '只有企业账号可以填报备案');
  const enterprise = await findEnterprise(deps.db, me.enterpriseId);
  if (!enterprise) return refuse(403, 'forbidden', '企业信息不存在');
  if (await findOpenFiling(deps.db, enterprise.id)) return openFiling;
  const recognized = await findRecognizedFiling(deps.db, enterprise.id);
  if (kind === 'new' && recognized)
    return refuse(409, 'already_recognized', '本企业已有认定的首席质量官。更换人选请办理“变更”');
  if (kind === 'change' && !recognized)
    return refuse(409, 'nothing_to_change', '本企业还没有认定的首席质量官，请办理首次备案');
  const row = newDraft(enterprise, kind, recognized, deps.now());
  const created = historyEntry(me, row.id, 'create', row.createdAt, null, 'draft');
  // The check above is for the message; the database's one-open-filing index decides a race between two requests.
  if (!(await insertFiling(deps.db, row, created))) return openFiling;
  return ok(await present(deps, me, row));
}

/** A new draft, prefilled from the enterprise and (for a change of CQO) from its recognized filing. */
function newDraft(
  enterprise: EnterpriseRow,
  kind: 'new' | 'change',
  recognized: FilingRow | undefined,
  now: Date,
): FilingRow {
  const previous = (recognized?.form ?? {}) as FilingDraft;
  const form: FilingDraft = {
    grade: enterprise.grade,
    contactName: enterprise.contactName,
    contactPhone: enterprise.contactPhone,
    ...(kind === 'change'
      ? { address: previous.address, legalRep: previous.legalRep, licenseNo: previous.licenseNo ?? null }
      : {}),
  };
  return {
    id: crypto.randomUUID(),
    enterpriseId: enterprise.id,
    kind,
    supersedesId: recognized?.id ?? null,
    status: 'draft',
    city: enterprise.city,
    filingNo: null,
    enterpriseName: enterprise.name,
    uscc: enterprise.uscc,
    enterpriseType: enterprise.type,
    grade: enterprise.grade,
    cqoName: null,
    publishConsent: false,
    form,
    idCipher: null,
    idHash: null,
    idMasked: null,
    birthDate: null,
    sex: null,
    returnReasons: null,
    returnNote: null,
    training: { onlineHours: 0, attempts: [] },
    deregistrationRequested: false,
    createdAt: now,
    updatedAt: now,
    submittedAt: null,
    recognizedAt: null,
    deregisteredAt: null,
    version: 1,
  };
}

/** The columns of a valid 身份证号 (encrypted, hashed, masked), or why it was not saved. */
async function idColumns(deps: Deps, idNumber: string): Promise<Partial<FilingRow> | { problem: string }> {
  const checked = checkIdNumber(idNumber, { today: deps.now() });
  if (!checked.ok) return { problem: `身份证号未保存：${checked.message}` };
  return {
    idCipher: await encryptId(deps.idKeys, checked.value),
    idHash: await hashId(deps.idKeys, checked.value),
    idMasked: maskIdNumber(checked.value),
    birthDate: checked.birthDate,
    sex: checked.sex,
  };
}

/** Saves the enterprise's draft, complete or not, and says what still stops it from being submitted. */
export async function saveDraft(deps: Deps, me: SignedIn, id: string, form: FilingDraft, idNumber?: string) {
  const found = await getVisibleRow(deps, me, id);
  if (!found.ok) return found;
  const filing = found.value;
  if (me.role !== 'enterprise')
    return refuse(403, 'forbidden', '审核人员不能修改企业填报的内容。需要企业修改的，请“退回修改”并写明意见');
  if (!canEdit(me, filing)) return refuse(409, 'not_editable', '该备案已提交，不能再修改');
  const set: Partial<FilingRow> = {
    form,
    updatedAt: deps.now(),
    grade: form.grade ?? filing.grade,
    cqoName: form.cqoName?.trim() || null,
  };
  const idProblem: Record<string, string> = {};
  if (idNumber !== undefined && idNumber.trim() !== '') {
    const columns = await idColumns(deps, idNumber);
    if ('problem' in columns) idProblem.idNumber = columns.problem;
    else Object.assign(set, columns);
  }
  if (!(await updateDraft(deps.db, id, filing.version, set))) return changed;
  const saved = { ...filing, ...set, version: filing.version + 1 } as FilingRow;
  const problems = { ...(await submissionProblems(deps, saved)), ...idProblem };
  return ok({ filing: await present(deps, me, saved), problems });
}

/** Takes an action on the filing (./actions.ts): moves it to its next state and records it in its history. */
export async function act(
  deps: Deps,
  me: SignedIn,
  id: string,
  input: FilingActionInput,
): Promise<Result<FilingDetail>> {
  const found = await getVisibleRow(deps, me, id);
  if (!found.ok) return found;
  const filing = found.value;
  if (!allowedActions(me, filing).includes(input.action)) return notAllowed(me, filing, input.action);
  const now = deps.now();
  const effect = await effectOf({ deps, me, filing, input, now });
  if (!effect.ok) return effect;
  const { set, to, reason, before, also, publicChange } = effect.value;
  const rule = transitions[input.action];
  const status = to ?? (rule.to === 'unchanged' ? (filing.status as FilingStatus) : rule.to);
  // Set inside a transaction that must not go on (it rolls back); answered instead of "changed by someone".
  let refused: Refusal | undefined;
  const applied = await applyTransition(deps.db, {
    id,
    fromStatus: filing.status,
    version: filing.version,
    set: { updatedAt: now, ...set, status },
    event: historyEntry(me, id, input.action, now, filing.status, status, reason ?? null),
    before:
      before &&
      (async (tx) => {
        refused = await before(tx);
        if (refused) tx.rollback();
      }),
    also: withFilingNotices(deps, { by: me, filing, input, to: status }, also),
  });
  if (!applied) return refused ?? changed;
  if (publicChange) invalidateRegistry(deps.db);
  const updated = await findFiling(deps.db, id);
  return updated ? ok(await present(deps, me, updated)) : notFound;
}

/** Shows a reviewer the full 身份证号 and records that they did, with their reason. */
export async function revealId(
  deps: Deps,
  me: SignedIn,
  id: string,
  reason: string,
): Promise<Result<{ idNumber: string }>> {
  const found = await getVisibleRow(deps, me, id);
  if (!found.ok) return found;
  if (me.role === 'enterprise') return refuse(403, 'forbidden', '只有审核人员可以查看完整身份证号');
  if (!found.value.idCipher) return refuse(404, 'no_id', '该备案尚未填写身份证号');
  await appendEvent(deps.db, historyEntry(me, id, 'reveal_id', deps.now(), null, null, reason));
  return ok({ idNumber: await decryptId(deps.idKeys, found.value.idCipher) });
}
