/**
 * The 备案登记表, step by step with save-and-return. Every step lives in the page (hidden but the current one),
 * so errors from the server can point at any field; the step is in the URL hash (#step-3) so Back works.
 */

import type { FilingDetail, Me } from '../shared/api-types.ts';
import { formatMonths, REQUIRED_EXPERIENCE_MONTHS } from '../shared/eligibility.ts';
import { eligibilityOf, experienceProblems } from '../shared/filing-form.ts';
import { filingStatusName } from '../shared/filing-status.ts';
import { clock, formatDateTime, formatDay, sexName } from '../shared/formats.ts';
import { checkIdNumber } from '../shared/id-number.ts';
import { cityName, type EnterpriseType, enterpriseTypeName, gradesOf } from '../shared/labels.ts';
import { facts, filingKindName, goToLogin, queryId } from './lib/account-ui.ts';
import { ApiFailure, api } from './lib/api.ts';
import { h } from './lib/dom.ts';
import { answerParts, labelOf, summaryLabel } from './lib/filing-answers.ts';
import { setupAttachments } from './lib/filing-attachments.ts';
import {
  addExperience,
  experienceRows,
  type FormContext,
  MAX_EXPERIENCES,
  readForm,
  renumberExperiences,
  writeForm,
} from './lib/filing-fields.ts';
import { clearErrors, type FieldErrors, fieldId, setFieldError, showErrors } from './lib/forms.ts';

const STEPS = 8;
const filingId = queryId();
const formEl = document.querySelector<HTMLFormElement>('#filing-form');
const saveStatus = document.querySelector<HTMLElement>('#save-status');
const idInput = document.querySelector<HTMLInputElement>('#idNumber');
const addButton = document.querySelector<HTMLButtonElement>('#experiences');
const baseTitle = document.title;

let filing: FilingDetail;
let ctx: FormContext = { gradeApplies: false, licenseApplies: false };
let attachments: ReturnType<typeof setupAttachments> | undefined;
/** What would still block submission, from the last save; null until the first save of this visit. */
let problems: Record<string, string> | null = null;
/** Set when files changed since that save (uploads are not saves). */
let problemsStale = false;
let current = 0;
let edits = 0;
let savedEdits = 0;
let leaving = false;
/** Steps the user has saved or left: their problems are shown as hints when they come back. */
const visited = new Set<number>();

const isDirty = () => edits !== savedEdits;
const filingUrl = () => `/api/filings/${encodeURIComponent(filingId ?? '')}`;

// ---- where things are ----

const aliases: Record<string, string> = {
  'eligibility.degree': 'degree',
  'eligibility.qualification': 'qualification',
  'eligibility.experience': 'experiences',
  attachments: 'step-6-title',
};

/** The element a field path points at: its own id, else the nearest parent path that has one. */
function locate(path: string): HTMLElement | null {
  let p = aliases[path] ?? path;
  if (/^duties\.\d+$/.test(p)) return document.getElementById('duties-other');
  for (;;) {
    const el = document.getElementById(fieldId(p));
    if (el && formEl?.contains(el)) return el;
    const dot = p.lastIndexOf('.');
    if (dot < 0) return null;
    p = p.slice(0, dot);
  }
}

function stepOf(el: Element | null): number | null {
  const n = Number(el?.closest<HTMLElement>('[data-step]')?.dataset.step);
  return n >= 1 && n <= STEPS ? n : null;
}

function stepOfPath(path: string): number | null {
  return stepOf(locate(path));
}

/** Paths in the order of the form: by step, then by position in the page. */
function inFormOrder<T>(entries: [string, T][]): [string, T][] {
  const position = (path: string) => locate(path);
  return [...entries].sort(([a], [b]) => {
    const ea = position(a);
    const eb = position(b);
    if (!ea || !eb) return ea ? -1 : eb ? 1 : 0;
    if (ea === eb) return 0;
    return ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}

/** Switches to the step a field is on, so it can be focused (used by the error summary's links). */
function reveal(field: HTMLElement) {
  const n = stepOf(field);
  if (n !== null && n !== current) goToStep(n, false);
}

function errorOptions(fields: FieldErrors) {
  const labels: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const label = summaryLabel(path, message, stepOfPath(path));
    if (label) labels[path] = label;
  }
  return { labels, locate, reveal };
}

// ---- notes beside fields: return reasons and problems ----

function attachNote(el: HTMLElement, kind: 'reason' | 'problem', text: string) {
  const noteId = `${el.id}-${kind}`;
  document.getElementById(noteId)?.remove();
  const note = h('p', { class: kind, id: noteId, 'data-note': kind }, text);
  if (/^H[1-6]$/.test(el.tagName)) {
    el.insertAdjacentElement('afterend', note);
    return;
  }
  const anchor = el.closest('.field') ?? el;
  anchor.insertAdjacentElement(anchor === el ? 'beforebegin' : 'afterbegin', note);
  const described = el.getAttribute('aria-describedby');
  el.setAttribute('aria-describedby', described ? `${described} ${noteId}` : noteId);
}

function removeNotes(kind: 'reason' | 'problem') {
  for (const note of Array.from(document.querySelectorAll(`[data-note="${kind}"]`))) {
    const field = document.querySelector(`[aria-describedby~="${note.id}"]`);
    if (field) {
      const rest = (field.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter((x) => x && x !== note.id);
      if (rest.length > 0) field.setAttribute('aria-describedby', rest.join(' '));
      else field.removeAttribute('aria-describedby');
    }
    note.remove();
  }
}

function renderProblems() {
  removeNotes('problem');
  if (!problems || current === STEPS || !visited.has(current)) return;
  for (const [path, message] of Object.entries(problems)) {
    // Dates of work experience are checked live, row by row.
    if (/^experiences\.\d+\.(from|to)$/.test(path)) continue;
    const el = locate(path);
    if (el && stepOf(el) === current) attachNote(el, 'problem', `提交前须完善：${message}`);
  }
}

function renderReturnReasons() {
  const box = document.querySelector<HTMLElement>('#return-summary');
  const reasons = Object.entries(filing.returnReasons ?? {});
  if (!box || filing.status !== 'returned') return;
  const note = box.querySelector('#return-note');
  if (note) note.textContent = filing.returnNote ? `审核意见：${filing.returnNote}` : '';
  const list = box.querySelector('#return-list');
  list?.replaceChildren(
    ...inFormOrder(reasons).map(([path, reason]) => {
      const el = locate(path);
      const text = `${labelOf(path)}：${reason}`;
      if (!el) return h('li', null, text);
      attachNote(el, 'reason', `审核意见：${reason}`);
      const step = stepOf(el);
      if (step) {
        const link = document.querySelector(`[data-step-link="${step}"]`);
        if (link && !link.classList.contains('has-reason')) {
          link.classList.add('has-reason');
          link.append(h('span', { class: 'visually-hidden' }, '（有审核意见）'));
        }
      }
      const a = h('a', { href: `#${el.id}` }, text);
      a.addEventListener('click', (e) => {
        e.preventDefault();
        reveal(el);
        el.focus();
      });
      return h('li', null, a);
    }),
  );
  box.hidden = false;
}

// ---- steps ----

function stepFromHash(): number | null {
  if (location.hash === '' || location.hash === '#') return 1;
  const m = /^#step-(\d)$/.exec(location.hash);
  const n = m ? Number(m[1]) : 0;
  return n >= 1 && n <= STEPS ? n : null;
}

function stepName(n: number): string {
  return document.querySelector(`[data-step-link="${n}"]`)?.childNodes[1]?.textContent ?? '';
}

function showStep(n: number, focus: boolean) {
  const leavingStep = current;
  if (leavingStep && leavingStep !== n) visited.add(leavingStep);
  current = n;
  for (const section of Array.from(document.querySelectorAll<HTMLElement>('section.step'))) {
    section.hidden = Number(section.dataset.step) !== n;
  }
  for (const link of Array.from(document.querySelectorAll<HTMLElement>('[data-step-link]'))) {
    if (Number(link.dataset.stepLink) === n) link.setAttribute('aria-current', 'step');
    else link.removeAttribute('aria-current');
  }
  const prev = document.querySelector<HTMLAnchorElement>('#prev-step');
  if (prev) {
    prev.hidden = n === 1;
    prev.href = `#step-${Math.max(1, n - 1)}`;
  }
  const next = document.querySelector<HTMLElement>('#save-continue');
  const submit = document.querySelector<HTMLElement>('#submit-filing');
  if (next) next.hidden = n === STEPS;
  if (submit) submit.hidden = n !== STEPS;
  const error = document.title.startsWith('错误：') ? '错误：' : '';
  document.title = `${error}${stepName(n)}（第 ${n} 步，共 ${STEPS} 步）- ${baseTitle}`;
  if (n === 4) updateExperience();
  if (n === STEPS) renderReview();
  renderProblems();
  if (focus) document.getElementById(`step-${n}-title`)?.focus();
  if (isDirty() || (n === STEPS && (problems === null || problemsStale))) {
    void save({ quiet: true, step: leavingStep || n }).then(() => {
      if (current === STEPS) renderReview();
      renderProblems();
    });
  }
}

function goToStep(n: number, focus: boolean) {
  if (n === current) return;
  history.pushState(null, '', `#step-${n}`);
  showStep(n, focus);
}

function onHistory() {
  const n = stepFromHash();
  if (n !== null && n !== current) showStep(n, true);
}

// ---- saving ----

function setStatus(text: string, isError = false) {
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

function problemCount(step: number): number {
  return Object.keys(problems ?? {}).filter((path) => stepOfPath(path) === step).length;
}

let chain: Promise<unknown> = Promise.resolve();

/** Saves the whole form (serialised: one PUT at a time). Returns whether everything typed was saved. */
function save(opts: { quiet: boolean; step: number }): Promise<boolean> {
  const run = chain.then(() => saveNow(opts));
  chain = run.catch(() => undefined);
  return run;
}

async function saveNow({ quiet, step }: { quiet: boolean; step: number }): Promise<boolean> {
  if (!formEl || !idInput) return false;
  const version = edits;
  const form = readForm(ctx);
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
    const res = await api<{ filing: FilingDetail; problems: Record<string, string> }>(
      'PUT',
      filingUrl(),
      idNumber ? { form, idNumber } : { form },
    );
    filing = res.filing;
    problems = res.problems ?? {};
    problemsStale = false;
    // The number is write-only: once saved, only its masked form is shown.
    if (idNumber && idInput.value.trim() === raw) idInput.value = '';
    renderIdState();
    if (!idError) savedEdits = version;
    const count = problemCount(step);
    const note = count > 0 ? `第 ${step} 步还有 ${count} 项须在提交前完善，可以稍后补充。` : '';
    if (idError) {
      setStatus(`已保存 ${clock()}，但身份证号码有误，未保存。`, true);
      if (quiet) setFieldError(idInput, idError);
      else
        showErrors(
          formEl,
          { idNumber: idError },
          '身份证号码有误，未保存',
          errorOptions({ idNumber: idError }),
        );
      return false;
    }
    setStatus(`已保存 ${clock()}。${note}`);
    return true;
  } catch (e) {
    const failure = e instanceof ApiFailure ? e : new ApiFailure(0, 'network', '保存失败，请稍后重试');
    setStatus(`未能保存：${failure.message}`, true);
    if (!quiet) showFailure(failure, '未能保存，请修改以下内容');
    return false;
  }
}

async function submitFiling() {
  if (!formEl) return;
  const saved = await save({ quiet: false, step: STEPS });
  if (!saved) return;
  setStatus('正在提交……');
  try {
    await api<FilingDetail>('POST', `${filingUrl()}/submit`);
    leaving = true;
    location.assign(`/filing/view/?id=${encodeURIComponent(filingId ?? '')}&submitted=1`);
  } catch (e) {
    const failure = e instanceof ApiFailure ? e : new ApiFailure(0, 'network', '提交失败，请稍后重试');
    setStatus('尚未提交。', true);
    if (failure.status === 422 && Object.keys(failure.fields).length > 0) {
      problems = failure.fields;
      for (let n = 1; n < STEPS; n++) visited.add(n);
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

// ---- step contents ----

function renderIdState() {
  const stored = document.querySelector<HTMLElement>('#idNumber-stored');
  if (stored && idInput) {
    stored.hidden = !filing.idNumberMasked;
    stored.textContent = filing.idNumberMasked
      ? `已填写：${filing.idNumberMasked}，如需修改请重新输入完整号码`
      : '';
    const ids = (idInput.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((x) => x && x !== 'idNumber-stored');
    if (filing.idNumberMasked) ids.splice(1, 0, 'idNumber-stored');
    idInput.setAttribute('aria-describedby', ids.join(' '));
  }
  if (idInput?.value.trim() === '') showDerived(filing.sex, filing.birthDate);
}

function showDerived(sex: 'male' | 'female' | null, birthDate: string | null) {
  const derived = document.querySelector('#idNumber-derived');
  if (!derived) return;
  derived.textContent = sex && birthDate ? `性别：${sexName(sex)}　出生日期：${formatDay(birthDate)}` : '';
}

function checkIdInput(final: boolean) {
  if (!idInput) return;
  const raw = idInput.value.trim();
  if (raw === '') {
    setFieldError(idInput, null);
    showDerived(filing.sex, filing.birthDate);
    return;
  }
  const result = checkIdNumber(raw);
  if (result.ok) {
    setFieldError(idInput, null);
    showDerived(result.sex, result.birthDate);
  } else {
    showDerived(null, null);
    if (final) setFieldError(idInput, result.message);
  }
}

function updateQualification() {
  const kind = document.querySelector<HTMLInputElement>('input[name="qualificationKind"]:checked')?.value;
  const certificate = document.querySelector<HTMLElement>('#qualification-certificate');
  const equivalent = document.querySelector<HTMLElement>('#qualification-equivalent-block');
  if (certificate) certificate.hidden = kind !== 'certificate';
  if (equivalent) equivalent.hidden = kind !== 'equivalent';
}

function updateExperience() {
  const form = readForm(ctx);
  const months = eligibilityOf(form).experienceMonths;
  const total = document.querySelector('#experience-total');
  if (total) {
    total.textContent = `按以上经历累计旅游服务质量管理工作经验 ${formatMonths(months)}，${
      months >= REQUIRED_EXPERIENCE_MONTHS
        ? '满足“3 年以上”的要求。'
        : `不足 3 年，还差 ${formatMonths(REQUIRED_EXPERIENCE_MONTHS - months)}。`
    }`;
  }
  const rowProblems = experienceProblems(form);
  experienceRows().forEach((row, i) => {
    const p = row.querySelector<HTMLElement>('[data-row-problem]');
    const from = row.querySelector<HTMLElement>('[data-name="from"]');
    const message = rowProblems[`experiences.${i}.from`];
    if (!p || !from) return;
    p.textContent = message ?? '';
    p.hidden = !message;
    const ids = (from.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== p.id);
    if (message) ids.push(p.id);
    from.setAttribute('aria-describedby', ids.join(' '));
  });
  if (addButton) addButton.disabled = experienceRows().length >= MAX_EXPERIENCES;
}

function announce(id: string, text: string) {
  const region = document.getElementById(id);
  if (region) region.textContent = text;
}

function dropExperienceProblems() {
  if (!problems) return;
  for (const path of Object.keys(problems)) if (path.startsWith('experiences.')) delete problems[path];
}

function renderReview() {
  const answers = document.querySelector('#review-answers');
  const form = readForm(ctx);
  const idText = idInput?.value.trim() ? '已输入新号码，提交时保存' : filing.idNumberMasked;
  const parts = answerParts(form, filing, idText, attachments?.current() ?? filing.attachments);
  answers?.replaceChildren(
    ...parts.map((part) =>
      h(
        'section',
        { class: 'answers', 'aria-labelledby': `answers-${part.step}` },
        h(
          'div',
          { class: 'answers-head' },
          h('h3', { id: `answers-${part.step}` }, `${part.step}. ${part.title}`),
          h('a', { href: `#step-${part.step}` }, '修改', h('span', { class: 'visually-hidden' }, part.title)),
        ),
        part.pairs.length > 0 ? facts(part.pairs) : null,
        part.list
          ? facts([
              [
                part.list.label,
                part.list.items.length > 0
                  ? h('ol', null, ...part.list.items.map((item) => h('li', null, item)))
                  : null,
              ],
            ])
          : null,
      ),
    ),
  );
  const rules = document.querySelector('#review-rules');
  rules?.replaceChildren(
    ...eligibilityOf(form).rules.map((r) =>
      h(
        'li',
        { class: r.met ? 'met' : 'unmet' },
        h('h4', null, `${r.met ? '已满足' : '未满足'}：${r.title}`),
        h('p', null, r.detail),
        !r.met && r.next ? h('p', null, `建议：${r.next}`) : null,
      ),
    ),
  );
  const box = document.querySelector('#review-problems');
  const open = inFormOrder(Object.entries(problems ?? {}));
  box?.replaceChildren(
    ...(open.length === 0
      ? []
      : [
          h(
            'div',
            { class: 'problem' },
            h('h3', null, `提交前还须完善 ${open.length} 项`),
            h(
              'ul',
              null,
              ...open.map(([path, message]) => {
                const el = locate(path);
                const label = summaryLabel(path, message, stepOf(el));
                const text = label ? `${label}：${message}` : message;
                if (!el) return h('li', null, text);
                const a = h('a', { href: `#${el.id}` }, text);
                a.addEventListener('click', (e) => {
                  e.preventDefault();
                  reveal(el);
                  el.focus();
                });
                return h('li', null, a);
              }),
            ),
          ),
        ]),
  );
}

// ---- start ----

function setupEnterprise(me: Me) {
  const e = me.enterprise;
  const type = (e?.type ?? filing.enterpriseType) as EnterpriseType;
  const grades = gradesOf(type);
  ctx = { gradeApplies: grades.length > 0, licenseApplies: type === 'travel_agency' };
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
  if (gradeField) gradeField.hidden = !ctx.gradeApplies;
  const licenseField = document.querySelector<HTMLElement>('#licenseNo-field');
  if (licenseField) licenseField.hidden = !ctx.licenseApplies;
  const template = document.querySelector<HTMLAnchorElement>('#duties-other-hint a');
  if (template) template.href = `/duties/templates/${type.replace(/_/g, '-')}/`;
  for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>('[data-print-link]'))) {
    a.href = `/filing/print/?id=${encodeURIComponent(filing.id)}`;
  }
  const meta = document.querySelector('#filing-meta');
  if (meta) {
    meta.textContent = `${filingKindName(filing.kind)} · 状态：${filingStatusName(filing.status)} · 最后保存：${formatDateTime(filing.updatedAt)}`;
  }
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
    if ((e.target as HTMLInputElement).type !== 'file') edits++;
  });
  formEl.addEventListener('change', (e) => {
    const target = e.target as HTMLInputElement;
    if (target.type === 'file') return;
    edits++;
    if (target.name === 'qualificationKind') updateQualification();
    if (target.closest('#experience-rows')) updateExperience();
  });
  formEl.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (current === STEPS) {
      await submitFiling();
      return;
    }
    const step = current;
    const ok = await save({ quiet: false, step });
    if (!ok) return;
    visited.add(step);
    clearErrors(formEl);
    goToStep(step + 1, true);
  });
  document.querySelector('#save-draft')?.addEventListener('click', async () => {
    const ok = await save({ quiet: false, step: current });
    visited.add(current);
    if (ok) clearErrors(formEl);
    renderProblems();
    if (current === STEPS) renderReview();
  });
  idInput?.addEventListener('blur', () => checkIdInput(true));
  idInput?.addEventListener('input', () => checkIdInput(false));
  addButton?.addEventListener('click', () => {
    if (experienceRows().length >= MAX_EXPERIENCES) return;
    const row = addExperience();
    edits++;
    updateExperience();
    row?.querySelector<HTMLInputElement>('input')?.focus();
    announce('experience-announce', `已添加第 ${experienceRows().length} 段工作经历`);
  });
  document.querySelector('#experience-rows')?.addEventListener('click', (e) => {
    const button = (e.target as Element).closest('[data-remove]');
    const row = button?.closest<HTMLElement>('.experience');
    if (!row) return;
    const index = experienceRows().indexOf(row as HTMLFieldSetElement);
    row.remove();
    renumberExperiences();
    edits++;
    dropExperienceProblems();
    renderProblems();
    updateExperience();
    const rest = experienceRows();
    const next = rest[index] ?? rest[index - 1];
    (next?.querySelector<HTMLInputElement>('input') ?? addButton)?.focus();
    announce('experience-announce', `已删除第 ${index + 1} 段工作经历`);
  });
  window.addEventListener('hashchange', onHistory);
  window.addEventListener('popstate', onHistory);
  window.addEventListener('beforeunload', (e) => {
    if (isDirty() && !leaving) e.preventDefault();
  });
}

async function load() {
  const status = document.querySelector('#load-status');
  if (status) status.textContent = '正在加载备案登记表……';
  const errors = document.querySelector<HTMLElement>('#load-errors');
  if (!filingId) {
    if (status) status.textContent = '';
    if (errors)
      showErrors(errors, { _: '地址中缺少备案编号。请从企业账号打开要填写的备案。' }, '无法打开备案登记表');
    errors
      ?.querySelector('.error-summary')
      ?.append(h('p', null, h('a', { href: '/account/' }, '返回企业账号')));
    return;
  }
  try {
    const [{ me }, detail] = await Promise.all([
      api<{ me: Me }>('GET', '/api/auth/me'),
      api<FilingDetail>('GET', filingUrl()),
    ]);
    if (detail.status !== 'draft' && detail.status !== 'returned') {
      location.replace(`/filing/view/?id=${encodeURIComponent(detail.id)}`);
      return;
    }
    filing = detail;
    setupEnterprise(me);
    attachments = setupAttachments({
      filingId,
      initial: filing.attachments,
      onChange: (files) => {
        // A kind that now has files no longer needs its “请上传” hint; the next save brings the full picture.
        problemsStale = true;
        for (const path of Object.keys(problems ?? {})) {
          const kind = /^attachments\.(.+)$/.exec(path)?.[1];
          if (kind && files.some((f) => f.kind === kind) && problems) delete problems[path];
        }
        renderProblems();
        if (current === STEPS) renderReview();
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
    const failure = e instanceof ApiFailure ? e : new ApiFailure(0, 'network', '加载失败，请稍后重试');
    if (failure.status === 401) {
      goToLogin();
      return;
    }
    if (status) status.textContent = '';
    const message =
      failure.status === 404 || failure.status === 403 ? '未找到这份备案，或您无权查看。' : failure.message;
    if (errors) showErrors(errors, { _: message }, '无法打开备案登记表');
    errors
      ?.querySelector('.error-summary')
      ?.append(h('p', null, h('a', { href: '/account/' }, '返回企业账号')));
  }
}

load();
