/**
 * Saving and submitting the 备案登记表. Saves are serialised (one PUT at a time) and report what would still block
 * submission; a failed save or submit names each field in an error summary that can reach any step.
 */
import { filingKindName, filingStatusName } from '../../shared/filings/status.ts';
import { clock, formatDateTime } from '../../shared/formats.ts';
import { checkIdNumber } from '../../shared/id-number.ts';
import { ApiFailure, call } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { setFieldError, showErrors } from '../lib/forms.ts';
import { renderReview } from './check-summary.ts';
import { readForm } from './fields.ts';
import { renderIdState } from './id-number.ts';
import { filingId, filingParam, STEPS, session } from './session.ts';
import { savedStatus, showStepErrors } from './step-check.ts';
import { errorOptions, inFormOrder } from './steps.ts';

const formEl = document.querySelector<HTMLFormElement>('#filing-form');
const saveStatus = document.querySelector<HTMLElement>('#save-status');
const idInput = document.querySelector<HTMLInputElement>('#idNumber');

/** Any error as an ApiFailure, so a dropped connection is reported like the server's answers. */
export function asFailure(e: unknown, message: string): ApiFailure {
  return e instanceof ApiFailure ? e : new ApiFailure(0, 'network', message);
}

/** The save time at the top of the form, from the same save as the status line below it. */
export function showSaved() {
  const { filing } = session;
  const meta = document.querySelector('#filing-meta');
  if (meta)
    meta.textContent = `${filingKindName(filing.kind)} · 状态：${filingStatusName(filing.status)} · 最后保存：${formatDateTime(filing.updatedAt)}`;
}

export function setStatus(text: string, isError = false) {
  if (!saveStatus) return;
  saveStatus.textContent = text;
  saveStatus.classList.toggle('is-error', isError);
}

function showFailure(failure: ApiFailure, title: string) {
  if (!formEl) return;
  if (failure.status === 401) {
    showErrors(
      formEl,
      {
        _: '登录已超时，内容尚未保存。请不要关闭本页：在新窗口重新登录后，回到本页再点“保存草稿”。',
      },
      '登录已超时',
    );
    formEl
      .querySelector('.error-summary')
      ?.append(h('p', null, h('a', { href: '/account/login/', target: '_blank' }, '在新窗口登录')));
    return;
  }
  if (Object.keys(failure.fields).length > 0) {
    showErrors(formEl, Object.fromEntries(inFormOrder(Object.entries(failure.fields))), title, {
      ...errorOptions(failure.fields),
    });
    return;
  }
  const extra = failure.status === 409 ? '请刷新页面查看这份备案的最新状态。' : '';
  showErrors(formEl, { _: `${failure.message}${extra}` }, title);
}

let chain: Promise<unknown> = Promise.resolve();

/** Saves the whole form (serialised: one PUT at a time). Returns whether everything typed was saved. */
export function save(opts: { quiet: boolean; step: number }): Promise<boolean> {
  const run = chain.then(() => saveNow(opts));
  chain = run.catch(() => undefined);
  return run;
}

async function saveNow({ quiet, step }: { quiet: boolean; step: number }): Promise<boolean> {
  if (!formEl || !idInput) return false;
  const version = session.edits;
  const form = readForm(session.ctx);
  const raw = idInput.value.trim();
  let idNumber: string | undefined;
  let idError: string | undefined;
  if (raw) {
    const checked = checkIdNumber(raw);
    if (checked.ok) idNumber = checked.value;
    else idError = checked.message;
  }
  setStatus('正在保存……');
  try {
    const res = await call(
      client.api.filings[':id'].$put({
        param: filingParam(),
        json: idNumber ? { form, idNumber } : { form },
      }),
    );
    session.filing = res.filing;
    session.problems = res.problems ?? {};
    session.problemsStale = false;
    // The number is write-only: once saved, only its masked form is shown.
    if (idNumber && idInput.value.trim() === raw) idInput.value = '';
    renderIdState();
    if (!idError) session.savedEdits = version;
    showSaved();
    // The time of the save is the server's, as the 最后保存 line at the top shows it.
    const status = savedStatus(step, clock(new Date(res.filing.updatedAt)), idError !== undefined);
    setStatus(status.text, status.warn);
    if (!quiet) showStepErrors(formEl, step, idError);
    else if (idError) setFieldError(idInput, idError);
    return idError === undefined;
  } catch (e) {
    const failure = asFailure(e, '保存失败，请稍后重试');
    setStatus(`未能保存：${failure.message}`, true);
    if (!quiet) showFailure(failure, '未能保存，请修改以下内容');
    return false;
  }
}

/** Saves, then submits; what still blocks submission is listed on the last step and in an error summary. */
export async function submitFiling() {
  if (!formEl) return;
  const saved = await save({ quiet: false, step: STEPS });
  if (!saved) return;
  setStatus('正在提交……');
  try {
    await call(client.api.filings[':id'].submit.$post({ param: filingParam() }));
    session.leaving = true;
    location.assign(`/filing/view/?id=${encodeURIComponent(filingId ?? '')}&submitted=1`);
  } catch (e) {
    const failure = asFailure(e, '提交失败，请稍后重试');
    setStatus('尚未提交。', true);
    if (failure.status === 422 && Object.keys(failure.fields).length > 0) {
      session.problems = failure.fields;
      for (let n = 1; n < STEPS; n++) session.visited.add(n);
      renderReview();
      showErrors(
        formEl,
        Object.fromEntries(inFormOrder(Object.entries(failure.fields))),
        '提交前请修改以下内容',
        errorOptions(failure.fields),
      );
    } else showFailure(failure, '未能提交');
  }
}
