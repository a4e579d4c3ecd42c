/**
 * The filing workflow: create, save, submit, review, train, recognize, deregister. Decides and records;
 * knows nothing of HTTP. Every function takes the signed-in account and refuses what it may not do.
 */
import { findEnterprise } from '../../db/queries/accounts/accounts.ts';
import { listAttachments } from '../../db/queries/filings/attachments.ts';
import { appendEvent, insertEvents, listEvents } from '../../db/queries/filings/filing-events.ts';
import {
  type FilingRow,
  findActiveFilingOfPerson,
  findFiling,
  findOpenFiling,
  findRecognizedFiling,
  findRecognizedFilingOfPerson,
  insertFiling,
  updateDraft,
} from '../../db/queries/filings/filings.ts';
import {
  applyTransition,
  nextFilingSequence,
  setFilingNo,
  supersedeOthers,
} from '../../db/queries/filings/transitions.ts';
import { recordRegistryChanges } from '../../db/queries/registry/registry.ts';
import { chinaDate } from '../../src/shared/china-date.ts';
import { issuesToFields } from '../../src/shared/fields.ts';
import type { FilingActionInput } from '../../src/shared/filings/actions.ts';
import type { FilingDetail } from '../../src/shared/filings/answers.ts';
import {
  attachmentKinds,
  eligibilityOf,
  experienceProblems,
  type FilingDraft,
  filingSubmission,
} from '../../src/shared/filings/form.ts';
import { type FilingStatus, filingStatusName } from '../../src/shared/filings/status.ts';
import { checkIdNumber, maskIdNumber } from '../../src/shared/id-number.ts';
import { type EnterpriseType, gradesOf } from '../../src/shared/labels.ts';
import type { Deps, SignedIn } from '../deps.ts';
import { decryptId, encryptId, hashId } from '../privacy/id-crypto.ts';
import { invalidateRegistry } from '../registry/index.ts';
import { detail } from './present.ts';
import { allowedActions, canEdit, canSee, preconditionMet, transitions } from './rules.ts';

export type Refusal = {
  ok: false;
  status: 400 | 403 | 404 | 409 | 413 | 415 | 422;
  code: string;
  message: string;
  fields?: Record<string, string>;
};
export type Result<T> = { ok: true; value: T } | Refusal;

const notFound: Refusal = {
  ok: false,
  status: 404,
  code: 'not_found',
  message: '未找到该备案，或您无权查看',
};
const changed: Refusal = {
  ok: false,
  status: 409,
  code: 'changed',
  message: '该备案刚刚被他人处理过，请刷新后查看最新状态',
};

function event(
  me: SignedIn,
  filingId: string,
  action: string,
  at: Date,
  from: string | null,
  to: string | null,
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

/** Loads a filing the caller may see, or the 404 refusal. */
export async function getVisibleRow(deps: Deps, me: SignedIn, id: string): Promise<Result<FilingRow>> {
  const filing = await findFiling(deps.db, id);
  if (!filing || !canSee(me, filing)) return notFound;
  return { ok: true, value: filing };
}

export async function present(deps: Deps, me: SignedIn, filing: FilingRow): Promise<FilingDetail> {
  const [files, events] = await Promise.all([
    listAttachments(deps.db, filing.id),
    listEvents(deps.db, filing.id),
  ]);
  return detail(me, filing, files, events, deps.now());
}

export async function getFiling(deps: Deps, me: SignedIn, id: string): Promise<Result<FilingDetail>> {
  const found = await getVisibleRow(deps, me, id);
  return found.ok ? { ok: true, value: await present(deps, me, found.value) } : found;
}

export async function createFiling(
  deps: Deps,
  me: SignedIn,
  kind: 'new' | 'change',
): Promise<Result<FilingDetail>> {
  if (me.role !== 'enterprise' || !me.enterpriseId)
    return { ok: false, status: 403, code: 'forbidden', message: '只有企业账号可以填报备案' };
  const enterprise = await findEnterprise(deps.db, me.enterpriseId);
  if (!enterprise) return { ok: false, status: 403, code: 'forbidden', message: '企业信息不存在' };
  const openFiling: Refusal = {
    ok: false,
    status: 409,
    code: 'open_filing',
    message: '您已有一份正在办理的备案，请继续办理该备案',
  };
  if (await findOpenFiling(deps.db, enterprise.id)) return openFiling;
  const recognized = await findRecognizedFiling(deps.db, enterprise.id);
  if (kind === 'new' && recognized) {
    return {
      ok: false,
      status: 409,
      code: 'already_recognized',
      message: '本企业已有认定的首席质量官。更换人选请办理“变更”',
    };
  }
  if (kind === 'change' && !recognized) {
    return {
      ok: false,
      status: 409,
      code: 'nothing_to_change',
      message: '本企业还没有认定的首席质量官，请办理新备案',
    };
  }
  const previous = (recognized?.form ?? {}) as FilingDraft;
  const now = deps.now();
  const form: FilingDraft = {
    grade: enterprise.grade,
    contactName: enterprise.contactName,
    contactPhone: enterprise.contactPhone,
    ...(kind === 'change'
      ? { address: previous.address, legalRep: previous.legalRep, licenseNo: previous.licenseNo ?? null }
      : {}),
  };
  const row: FilingRow = {
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
  // The check above is for the message; the database's one-open-filing index decides a race between two requests.
  if (!(await insertFiling(deps.db, row, event(me, row.id, 'create', now, null, 'draft')))) return openFiling;
  return { ok: true, value: await present(deps, me, row) };
}

/** Everything that would stop the filing from being submitted, keyed by field path. */
export async function submissionProblems(deps: Deps, filing: FilingRow): Promise<Record<string, string>> {
  const form = filing.form as FilingDraft;
  const problems: Record<string, string> = {};
  const parsed = filingSubmission.safeParse(form);
  if (!parsed.success) Object.assign(problems, issuesToFields(parsed.error.issues));
  const grades = gradesOf(filing.enterpriseType as EnterpriseType);
  if (grades.length > 0 && !grades.includes(form.grade ?? ''))
    problems.grade ??= `请选择等级：${grades.join('、')}`;
  if (filing.enterpriseType === 'travel_agency' && !form.licenseNo?.trim()) {
    problems.licenseNo ??= '旅行社请填写旅行社业务经营许可证编号';
  }
  if (!filing.idCipher) problems.idNumber = '请填写首席质量官的身份证号';
  Object.assign(problems, experienceProblems(form, deps.now()));
  for (const rule of eligibilityOf(form, deps.now()).rules) {
    if (!rule.met)
      problems[`eligibility.${rule.rule}`] =
        `不符合任职条件（${rule.title}）：${rule.detail}${rule.next ? `。${rule.next}` : ''}`;
  }
  const files = (await listAttachments(deps.db, filing.id)).filter((f) => !f.deletedAt);
  for (const kind of attachmentKinds) {
    if (kind.required && !files.some((f) => f.kind === kind.code))
      problems[`attachments.${kind.code}`] = `请上传${kind.name}`;
  }
  if (filing.idHash) {
    const other = await findActiveFilingOfPerson(deps.db, filing.idHash, filing.enterpriseId);
    if (other) {
      problems.idNumber =
        '此人已是另一家企业正在审核或有效的首席质量官。同一人不能同时担任两家企业的首席质量官；如已离职，请原企业先办理注销';
    }
  }
  return problems;
}

export async function saveDraft(deps: Deps, me: SignedIn, id: string, form: FilingDraft, idNumber?: string) {
  const found = await getVisibleRow(deps, me, id);
  if (!found.ok) return found;
  const filing = found.value;
  if (me.role !== 'enterprise')
    return {
      ok: false as const,
      status: 403 as const,
      code: 'forbidden',
      message: '审核人员不能修改企业填报的内容。需要企业修改的，请“退回修改”并写明意见',
    };
  if (!canEdit(me, filing))
    return {
      ok: false as const,
      status: 409 as const,
      code: 'not_editable',
      message: '该备案已提交，不能再修改',
    };
  const set: Partial<FilingRow> = {
    form,
    updatedAt: deps.now(),
    grade: form.grade ?? filing.grade,
    cqoName: form.cqoName?.trim() || null,
  };
  const idProblem: Record<string, string> = {};
  if (idNumber !== undefined && idNumber.trim() !== '') {
    const checked = checkIdNumber(idNumber, { today: deps.now() });
    if (checked.ok) {
      Object.assign(set, {
        idCipher: await encryptId(deps.idKeys, checked.value),
        idHash: await hashId(deps.idKeys, checked.value),
        idMasked: maskIdNumber(checked.value),
        birthDate: checked.birthDate,
        sex: checked.sex,
      });
    } else idProblem.idNumber = `身份证号未保存：${checked.message}`;
  }
  if (!(await updateDraft(deps.db, id, filing.version, set))) return changed;
  const saved = { ...filing, ...set, version: filing.version + 1 } as FilingRow;
  const problems = { ...(await submissionProblems(deps, saved)), ...idProblem };
  return { ok: true as const, value: { filing: await present(deps, me, saved), problems } };
}

export async function act(
  deps: Deps,
  me: SignedIn,
  id: string,
  input: FilingActionInput,
): Promise<Result<FilingDetail>> {
  const found = await getVisibleRow(deps, me, id);
  if (!found.ok) return found;
  const filing = found.value;
  const rule = transitions[input.action];
  if (!allowedActions(me, filing).includes(input.action)) {
    // The right role but another state: someone acted first (or the page is stale) — say so, not "forbidden".
    if (rule.roles.includes(me.role) && !rule.from.includes(filing.status as FilingStatus)) {
      return {
        ok: false,
        status: 409,
        code: 'state_changed',
        message: `该备案当前为“${filingStatusName(filing.status)}”，不能再进行此操作。请刷新查看最新状态`,
      };
    }
    if (rule.roles.includes(me.role) && !preconditionMet(input.action, filing)) {
      return {
        ok: false,
        status: 409,
        code: 'already_done',
        message:
          input.action === 'request_deregistration'
            ? '已经申请注销，等待省市场监督管理厅处理，无须重复申请'
            : '首席质量官的姓名已不公开（未同意公开或已撤回同意），无须重复办理',
      };
    }
    return { ok: false, status: 403, code: 'not_allowed', message: '您不能对该备案进行此操作' };
  }
  const now = deps.now();
  let to = rule.to === 'unchanged' ? (filing.status as FilingStatus) : rule.to;
  // Set inside a transaction that must not go on (it rolls back); answered instead of "changed by someone".
  let refused: Refusal | null = null;
  let reason: string | null = null;
  const set: Partial<FilingRow> = { updatedAt: now };
  let also: Parameters<typeof applyTransition>[1]['also'];
  let before: Parameters<typeof applyTransition>[1]['before'];

  switch (input.action) {
    case 'submit': {
      const problems = await submissionProblems(deps, filing);
      if (Object.keys(problems).length > 0) {
        return {
          ok: false,
          status: 422,
          code: 'incomplete',
          message: `还有 ${Object.keys(problems).length} 处需要修改后才能提交`,
          fields: problems,
        };
      }
      const form = filingSubmission.parse(filing.form);
      Object.assign(set, {
        form,
        submittedAt: now,
        cqoName: form.cqoName,
        publishConsent: form.publishConsent,
        returnReasons: null,
        returnNote: null,
      });
      break;
    }
    case 'city_return':
    case 'province_return':
      Object.assign(set, { returnReasons: input.reasons, returnNote: input.note ?? null });
      reason = [Object.values(input.reasons).join('；'), input.note].filter(Boolean).join('；');
      break;
    case 'city_approve':
    case 'province_approve':
      reason = input.note ?? null;
      break;
    case 'city_reject':
      reason = input.note;
      break;
    case 'record_training': {
      const training = {
        onlineHours: input.onlineHours,
        attempts: [
          ...filing.training.attempts,
          { date: input.date, passed: input.passed, certificateNo: input.certificateNo ?? null },
        ],
      };
      set.training = training;
      if (!input.passed || input.onlineHours < 20) to = 'awaiting_training';
      reason = `在线学时 ${input.onlineHours}；专题培训${input.passed ? '合格' : '不合格'}`;
      break;
    }
    case 'recognize': {
      // 备案编号 years are China's calendar years: 2027-01-01 07:30 in Jilin is 2027, though UTC says 2026.
      const year = chinaDate(now).year;
      set.recognizedAt = now;
      // Before the status changes: the old CQO leaves `recognized` first (one recognized CQO per enterprise is
      // a database rule).
      before = async (tx) => {
        // One person, one enterprise: two enterprises may have filed the same person at once (both passed the
        // check on submit). Writes are serialized, so this sees every committed recognition: the first one wins.
        if (filing.idHash && (await findRecognizedFilingOfPerson(tx, filing.idHash, filing.enterpriseId))) {
          refused = {
            ok: false,
            status: 409,
            code: 'person_taken',
            message:
              '此人已被认定为另一家企业的首席质量官，不能再认定。请退回企业另行选任，或待原企业办理注销后再认定',
          };
          tx.rollback();
        }
        const seq = await nextFilingSequence(tx, year);
        const filingNo = `JL-CQO-${year}-${String(seq).padStart(4, '0')}`;
        await setFilingNo(tx, id, filingNo);
        const replaced = await supersedeOthers(tx, filing.enterpriseId, id, now);
        // The public registry's version moves in the same transaction: this filing and those it replaced.
        await recordRegistryChanges(tx, [id, ...replaced.map((old) => old.id)], now);
        await insertEvents(
          tx,
          replaced.map((old) =>
            event(me, old.id, 'supersede', now, 'recognized', 'superseded', `已由新的备案 ${filingNo} 替换`),
          ),
        );
      };
      break;
    }
    case 'request_deregistration':
      set.deregistrationRequested = true;
      reason = input.reason;
      break;
    case 'deregister':
      Object.assign(set, { deregisteredAt: now });
      reason = input.reason;
      also = (tx) => recordRegistryChanges(tx, [id], now);
      break;
    case 'withdraw_publication_consent':
      Object.assign(set, { publishConsent: false, form: { ...filing.form, publishConsent: false } });
      reason = input.note ? `撤回公开姓名的同意：${input.note}` : '撤回公开姓名的同意';
      // Only a filing with a 备案编号 is in the public registry; before that, consent changes nothing public.
      if (filing.filingNo) also = (tx) => recordRegistryChanges(tx, [id], now);
      break;
    case 'withdraw':
      break;
  }
  const applied = await applyTransition(deps.db, {
    id,
    fromStatus: filing.status,
    version: filing.version,
    set: { ...set, status: to },
    event: event(me, id, input.action, now, filing.status, to, reason),
    before,
    also,
  });
  if (!applied) return refused ?? changed;
  // Recognizing (which also supersedes) and deregistering change the public registry: refresh its read model.
  if (
    input.action === 'recognize' ||
    input.action === 'deregister' ||
    input.action === 'withdraw_publication_consent'
  )
    invalidateRegistry(deps.db);
  const updated = await findFiling(deps.db, id);
  return updated ? { ok: true, value: await present(deps, me, updated) } : notFound;
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
  if (me.role === 'enterprise')
    return { ok: false, status: 403, code: 'forbidden', message: '只有审核人员可以查看完整身份证号' };
  if (!found.value.idCipher)
    return { ok: false, status: 404, code: 'no_id', message: '该备案尚未填写身份证号' };
  await appendEvent(deps.db, event(me, id, 'reveal_id', deps.now(), null, null, reason));
  return { ok: true, value: { idNumber: await decryptId(deps.idKeys, found.value.idCipher) } };
}
