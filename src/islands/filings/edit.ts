/**
 * The 备案登记表, step by step with save-and-return. Every step lives in the page (hidden but the current one),
 * so errors from the server can point at any field; the step is in the URL hash (#step-3) so Back works.
 * This file starts the page; the steps, saving, notes and the last step's summary are in ./lib/filing-*.ts.
 */

import type { Me } from '../../shared/accounts/answers.ts';
import { cityName, type EnterpriseType, enterpriseTypeName, gradesOf } from '../../shared/labels.ts';
import { facts, goToLogin } from '../lib/account-ui.ts';
import { call } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { clearErrors, showErrors } from '../lib/forms.ts';
import { setupAttachments } from './attachments.ts';
import { renderReview } from './check-summary.ts';
import { updateExperience, wireExperiences } from './experience.ts';
import { writeForm } from './fields.ts';
import { checkIdInput, renderIdState } from './id-number.ts';
import { renderProblems, renderReturnReasons } from './notes.ts';
import { asFailure, save, setStatus, showSaved, submitFiling } from './save.ts';
import { filingId, filingParam, isDirty, STEPS, session } from './session.ts';
import { mayMoveOn } from './step-check.ts';
import { goToStep, onHistory, onStepShown, showStep, stepFromHash } from './steps.ts';

const formEl = document.querySelector<HTMLFormElement>('#filing-form');
const idInput = document.querySelector<HTMLInputElement>('#idNumber');

onStepShown((n, left) => {
  if (n === 4) updateExperience();
  if (n === STEPS) renderReview();
  renderProblems();
  // Leaving a step saves it; the last step also needs the problems of what is in the form now.
  if (isDirty() || (n === STEPS && (session.problems === null || session.problemsStale))) {
    void save({ quiet: true, step: left || n }).then(() => {
      if (session.current === STEPS) renderReview();
      renderProblems();
    });
  }
});

function updateQualification() {
  const kind = document.querySelector<HTMLInputElement>('input[name="qualificationKind"]:checked')?.value;
  const certificate = document.querySelector<HTMLElement>('#qualification-certificate');
  const equivalent = document.querySelector<HTMLElement>('#qualification-equivalent-block');
  if (certificate) certificate.hidden = kind !== 'certificate';
  if (equivalent) equivalent.hidden = kind !== 'equivalent';
}

function setupEnterprise(me: Me) {
  const { filing } = session;
  const e = me.enterprise;
  const type = (e?.type ?? filing.enterpriseType) as EnterpriseType;
  const grades = gradesOf(type);
  session.ctx = { gradeApplies: grades.length > 0, licenseApplies: type === 'travel_agency' };
  document.querySelector('#enterprise-facts')?.replaceChildren(
    facts([
      ['企业名称', e?.name ?? filing.enterpriseName],
      ['统一社会信用代码', e?.uscc ?? filing.uscc],
      ['企业类型', enterpriseTypeName(type)],
      ['所属市州', cityName(e?.city ?? filing.city)],
    ]),
  );
  const grade = document.querySelector<HTMLSelectElement>('#grade');
  grade?.append(...grades.map((g) => new Option(g, g)));
  const gradeField = document.querySelector<HTMLElement>('#grade-field');
  if (gradeField) gradeField.hidden = !session.ctx.gradeApplies;
  const licenseField = document.querySelector<HTMLElement>('#licenseNo-field');
  if (licenseField) licenseField.hidden = !session.ctx.licenseApplies;
  const template = document.querySelector<HTMLAnchorElement>('#duties-other-hint a');
  if (template) template.href = `/duties/templates/${type.replace(/_/g, '-')}/`;
  for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>('[data-print-link]'))) {
    a.href = `/filing/print/?id=${encodeURIComponent(filing.id)}`;
  }
  showSaved();
  // A new draft starts from what the account already knows.
  const form = { ...filing.form };
  form.grade ??= e?.grade ?? null;
  form.contactName ??= e?.contactName;
  form.contactPhone ??= e?.contactPhone;
  writeForm(form);
}

function wire() {
  if (!formEl) return;
  formEl.addEventListener('input', (e) => {
    if ((e.target as HTMLInputElement).type !== 'file') session.edits++;
  });
  formEl.addEventListener('change', (e) => {
    const target = e.target as HTMLInputElement;
    if (target.type === 'file') return;
    session.edits++;
    if (target.name === 'qualificationKind') updateQualification();
    if (target.closest('#experience-rows')) updateExperience();
  });
  formEl.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (session.current === STEPS) {
      await submitFiling();
      return;
    }
    const step = session.current;
    const ok = await save({ quiet: false, step });
    if (!ok || !mayMoveOn(step)) return;
    session.visited.add(step);
    clearErrors(formEl);
    goToStep(step + 1, true);
  });
  document.querySelector('#save-draft')?.addEventListener('click', async () => {
    await save({ quiet: false, step: session.current });
    session.visited.add(session.current);
    renderProblems();
    if (session.current === STEPS) renderReview();
  });
  idInput?.addEventListener('blur', () => checkIdInput(true));
  idInput?.addEventListener('input', () => checkIdInput(false));
  wireExperiences();
  window.addEventListener('hashchange', onHistory);
  window.addEventListener('popstate', onHistory);
  window.addEventListener('beforeunload', (e) => {
    if (isDirty() && !session.leaving) e.preventDefault();
  });
}

/** Says why the form cannot be shown, with a way back to the account. */
function cannotOpen(errors: HTMLElement | null, message: string) {
  if (!errors) return;
  showErrors(errors, { _: message }, '无法打开备案登记表');
  errors.querySelector('.error-summary')?.append(h('p', null, h('a', { href: '/account/' }, '返回企业账号')));
}

async function load() {
  const status = document.querySelector('#load-status');
  if (status) status.textContent = '正在加载备案登记表……';
  const errors = document.querySelector<HTMLElement>('#load-errors');
  if (!filingId) {
    if (status) status.textContent = '';
    cannotOpen(errors, '地址中缺少备案编号。请从企业账号打开要填写的备案。');
    return;
  }
  try {
    const [{ me }, detail] = await Promise.all([
      call(client.api.auth.me.$get()),
      call(client.api.filings[':id'].$get({ param: filingParam() })),
    ]);
    if (detail.status !== 'draft' && detail.status !== 'returned') {
      location.replace(`/filing/view/?id=${encodeURIComponent(detail.id)}`);
      return;
    }
    session.filing = detail;
    setupEnterprise(me);
    session.attachments = setupAttachments({
      filingId,
      submittedAt: detail.submittedAt,
      initial: detail.attachments,
      onChange: (files) => {
        // A kind that now has files no longer needs its “请上传” hint; the next save brings the full picture.
        session.problemsStale = true;
        const { problems } = session;
        for (const path of Object.keys(problems ?? {})) {
          const kind = /^attachments\.(.+)$/.exec(path)?.[1];
          if (kind && files.some((f) => f.kind === kind) && problems) delete problems[path];
        }
        renderProblems();
        if (session.current === STEPS) renderReview();
      },
      onLoggedOut: () => setStatus('登录已超时，请在新窗口重新登录后再上传。', true),
    });
    renderIdState();
    updateQualification();
    wire();
    const app = document.querySelector<HTMLElement>('#filing-app');
    if (app) app.hidden = false;
    if (status) status.textContent = '';
    renderReturnReasons();
    showStep(stepFromHash() ?? 1, false);
  } catch (e) {
    const failure = asFailure(e, '加载失败，请稍后重试');
    if (failure.status === 401) {
      goToLogin();
      return;
    }
    if (status) status.textContent = '';
    cannotOpen(
      errors,
      failure.status === 404 || failure.status === 403 ? '未找到这份备案，或您无权查看。' : failure.message,
    );
  }
}

load();
