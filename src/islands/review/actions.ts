/**
 * The action panel of the review detail page, built from FilingDetail.actions: one small form per action
 * (approve, return with per-field reasons, reject, record training, recognize, deregister), checked here for
 * instant feedback and by the API as the authority. Field ids are `<action>-<field>` so the API's field paths,
 * prefixed with the action (prefixFields), land on the right input.
 */

import type { InferRequestType } from 'hono/client';
import type { FilingDetail } from '../../shared/filings/answers.ts';
import { fieldLabels } from '../../shared/filings/form.ts';
import type { FilingAction } from '../../shared/filings/status.ts';
import { ApiFailure, call, toLogin } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { clearErrors, showErrors } from '../lib/forms.ts';
import { prefixFields } from '../lib/staff.ts';

const reviewerActions = [
  'city_approve',
  'city_return',
  'city_reject',
  'province_approve',
  'province_return',
  'record_training',
  'recognize',
  'deregister',
  'withdraw_publication_consent',
] as const;
type ReviewerAction = (typeof reviewerActions)[number];

const actionNames: Record<ReviewerAction, { choice: string; submit: string }> = {
  city_approve: { choice: '初审通过', submit: '确认初审通过' },
  city_return: { choice: '退回修改', submit: '确认退回修改' },
  city_reject: { choice: '不予通过', submit: '确认不予通过' },
  province_approve: { choice: '复审通过', submit: '确认复审通过' },
  province_return: { choice: '退回修改', submit: '确认退回修改' },
  record_training: { choice: '记录培训情况', submit: '保存培训记录' },
  recognize: { choice: '认定并发放备案编号', submit: '认定并发放备案编号' },
  deregister: { choice: '注销', submit: '确认注销' },
  withdraw_publication_consent: {
    choice: '撤回公开姓名的同意（本人申请）',
    submit: '确认撤回公开姓名的同意',
  },
};

export type ActionOutcome =
  | { kind: 'done'; action: ReviewerAction; filing: FilingDetail }
  | { kind: 'conflict'; message: string };

const isReviewerAction = (a: FilingAction): a is ReviewerAction =>
  (reviewerActions as readonly string[]).includes(a);

function hinted(id: string, hint?: string) {
  return hint ? { hint: h('p', { class: 'hint', id: `${id}-hint` }, hint), describedby: `${id}-hint` } : null;
}

function textareaField(id: string, label: string, opts: { hint?: string; required?: boolean } = {}) {
  const hint = hinted(id, opts.hint);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    hint?.hint,
    h('textarea', { id, rows: 3, required: opts.required, 'aria-describedby': hint?.describedby }),
  );
}

function inputField(
  id: string,
  label: string,
  attrs: Record<string, string | number | boolean>,
  hint?: string,
) {
  const hinted_ = hinted(id, hint);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    hinted_?.hint,
    h('input', { id, ...attrs, 'aria-describedby': hinted_?.describedby }),
  );
}

function choice(type: 'radio' | 'checkbox', id: string, name: string, value: string, label: string) {
  return h('div', { class: 'choice' }, h('input', { type, id, name, value }), h('label', { for: id }, label));
}

function returnFields(a: ReviewerAction) {
  const picks = Object.entries(fieldLabels).flatMap(([path, label]) => {
    const pick = choice('checkbox', `${a}-pick-${path}`, `${a}-pick`, path, label);
    const reason = textareaField(`${a}-reasons-${path}`, `“${label}”的修改意见（必填）`);
    reason.classList.add('reason-field');
    reason.hidden = true;
    pick.querySelector('input')?.addEventListener('change', (e) => {
      reason.hidden = !(e.currentTarget as HTMLInputElement).checked;
    });
    return [pick, reason];
  });
  return [
    h(
      'div',
      { class: 'field' },
      h(
        'fieldset',
        { id: `${a}-reasons`, tabindex: -1 },
        h('legend', {}, '需要企业修改的项目（至少选择一项）'),
        h('p', { class: 'hint' }, '勾选一项后填写该项的修改意见；企业修改时会在对应栏目旁看到这条意见。'),
        picks,
      ),
    ),
    textareaField(`${a}-note`, '总体说明（选填）'),
  ];
}

function panelFields(a: ReviewerAction, detail: FilingDetail): (HTMLElement | null)[] {
  switch (a) {
    case 'city_approve':
    case 'province_approve':
      return [textareaField(`${a}-note`, '审核意见（选填）', { hint: '将记入审核记录。' })];
    case 'city_return':
    case 'province_return':
      return returnFields(a);
    case 'city_reject':
      return [
        h('p', {}, '不予通过是最终结论，企业不能再修改这份备案。如材料可以补正，请选择“退回修改”。'),
        textareaField(`${a}-note`, '不予通过的理由（必填）', { required: true, hint: '将记入审核记录。' }),
      ];
    case 'record_training':
      return [
        inputField(
          `${a}-onlineHours`,
          '在线学时（必填）',
          {
            type: 'number',
            min: 0,
            step: 0.5,
            inputmode: 'decimal',
            required: true,
            value: detail.training.onlineHours > 0 ? String(detail.training.onlineHours) : '',
          },
          '市场监管总局网络学院的累计在线学时；认定须不少于 20 学时。',
        ),
        inputField(`${a}-date`, '专题培训日期（必填）', { type: 'date', required: true }),
        h(
          'div',
          { class: 'field' },
          h(
            'fieldset',
            {},
            h('legend', {}, '专题培训结果（必填）'),
            choice('radio', `${a}-passed`, `${a}-passed`, 'yes', '合格'),
            choice('radio', `${a}-passed-no`, `${a}-passed`, 'no', '不合格'),
          ),
        ),
        inputField(`${a}-certificateNo`, '培训合格证书编号（选填）', { type: 'text', autocomplete: 'off' }),
        h(
          'p',
          { class: 'hint' },
          '培训合格且在线学时不少于 20 学时，备案转为“培训合格，待认定”；不合格时仍为“待培训”，本次结果会保留在培训记录中。',
        ),
      ];
    case 'recognize':
      return [
        h(
          'p',
          {},
          '认定后系统发放唯一的备案编号（如 JL-CQO-2026-0001），备案进入公开查询（企业同意公开姓名时显示姓名）。',
        ),
        h(
          'div',
          { class: 'field' },
          choice(
            'checkbox',
            `${a}-confirm`,
            `${a}-confirm`,
            'yes',
            '我已核对培训记录和备案材料，确认认定（必填）',
          ),
        ),
      ];
    case 'deregister':
      return [
        detail.deregistrationRequested ? h('p', { class: 'notice' }, '企业已申请注销这名首席质量官。') : null,
        textareaField(`${a}-reason`, '注销原因（必填）', {
          required: true,
          hint: '将记入审核记录；注销后公开查询显示“已注销”。',
        }),
      ];
    case 'withdraw_publication_consent':
      return [
        h(
          'p',
          {},
          '首席质量官本人可以随时撤回公开姓名的同意（个人信息保护法第十五条）。撤回后公开查询和核验页立即不再显示其姓名，备案本身不受影响。',
        ),
        textareaField(`${a}-note`, '本人如何提出申请（选填）', {
          hint: '如：本人来函、来电或到场申请；将记入审核记录。',
        }),
        h(
          'div',
          { class: 'field' },
          choice('checkbox', `${a}-confirm`, `${a}-confirm`, 'yes', '已核实是首席质量官本人的申请（必填）'),
        ),
      ];
  }
}

const value = (form: HTMLElement, id: string) =>
  form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)?.value.trim() ?? '';
const checked = (form: HTMLElement, id: string) =>
  form.querySelector<HTMLInputElement>(`#${id}`)?.checked ?? false;

/** Reads one action's inputs into the request body, or the problems to show. */
function collect(
  a: ReviewerAction,
  form: HTMLElement,
): { body: Record<string, unknown>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const body: Record<string, unknown> = { action: a };
  const note = value(form, `${a}-note`);
  switch (a) {
    case 'city_approve':
    case 'province_approve':
      if (note) body.note = note;
      break;
    case 'city_return':
    case 'province_return': {
      const reasons: Record<string, string> = {};
      for (const [path, label] of Object.entries(fieldLabels)) {
        if (!checked(form, `${a}-pick-${path}`)) continue;
        const reason = value(form, `${a}-reasons-${path}`);
        if (reason) reasons[path] = reason;
        else errors[`${a}.reasons.${path}`] = `请填写“${label}”的修改意见`;
      }
      if (Object.keys(reasons).length === 0 && Object.keys(errors).length === 0) {
        errors[`${a}.reasons`] = '请至少选择一个需要企业修改的项目，并填写修改意见';
      }
      body.reasons = reasons;
      if (note) body.note = note;
      break;
    }
    case 'city_reject':
      if (!note) errors[`${a}.note`] = '请填写不予通过的理由';
      body.note = note;
      break;
    case 'record_training': {
      const hoursText = value(form, `${a}-onlineHours`);
      const hours = Number(hoursText);
      if (hoursText === '' || !Number.isFinite(hours) || hours < 0) {
        errors[`${a}.onlineHours`] = '请填写在线学时，为不小于 0 的数字，如 24 或 20.5';
      }
      const date = value(form, `${a}-date`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors[`${a}.date`] = '请选择专题培训日期';
      const passed = checked(form, `${a}-passed`) ? true : checked(form, `${a}-passed-no`) ? false : null;
      if (passed === null) errors[`${a}.passed`] = '请选择专题培训结果：合格或不合格';
      const certificateNo = value(form, `${a}-certificateNo`);
      Object.assign(body, { onlineHours: hours, date, passed, ...(certificateNo ? { certificateNo } : {}) });
      break;
    }
    case 'recognize':
      if (!checked(form, `${a}-confirm`)) errors[`${a}.confirm`] = '请勾选确认已核对培训记录和备案材料';
      break;
    case 'deregister': {
      const reason = value(form, `${a}-reason`);
      if (!reason) errors[`${a}.reason`] = '请填写注销原因';
      body.reason = reason;
      break;
    }
    case 'withdraw_publication_consent':
      if (!checked(form, `${a}-confirm`)) errors[`${a}.confirm`] = '请勾选确认已核实是首席质量官本人的申请';
      if (note) body.note = note;
      break;
  }
  return { body, errors };
}

/**
 * The 审核操作 section for the actions the caller may take now, or a note that there are none.
 * `onOutcome` gets the updated filing after success, or a conflict when someone else changed it first.
 */
export function actionPanel(detail: FilingDetail, onOutcome: (outcome: ActionOutcome) => void): HTMLElement {
  const actions = detail.actions.filter(isReviewerAction);
  const section = h('section', { 'aria-labelledby': 'actions-title', class: 'no-print' });
  section.append(h('h2', { id: 'actions-title' }, '审核操作'));
  if (actions.length === 0) {
    section.append(h('p', {}, '当前状态下您没有需要办理的审核操作。'));
    return section;
  }
  const form = h('form', { class: 'action-panel', novalidate: true, id: 'action-form' });
  const panels = new Map<ReviewerAction, HTMLElement>();
  for (const a of actions) {
    const panel = h(
      'div',
      { id: `panel-${a}` },
      actions.length === 1 ? h('h3', {}, actionNames[a].choice) : null,
      panelFields(a, detail),
      h('button', { type: 'submit', class: 'button', 'data-action': a }, actionNames[a].submit),
    );
    panel.hidden = actions.length > 1;
    panels.set(a, panel);
  }
  if (actions.length > 1) {
    const chooser = h(
      'fieldset',
      {},
      h('legend', {}, '选择审核结论'),
      actions.map((a) => choice('radio', `choose-${a}`, 'action', a, actionNames[a].choice)),
    );
    chooser.addEventListener('change', (e) => {
      const picked = (e.target as HTMLInputElement).value;
      clearErrors(form);
      for (const [a, panel] of panels) panel.hidden = a !== picked;
    });
    form.append(chooser);
  }
  form.append(...panels.values());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // The chosen action, not the submitter: Enter in a field submits with the form's first button.
    const picked = form.querySelector<HTMLInputElement>('input[name="action"]:checked')?.value;
    const a = actions.length === 1 ? actions[0] : actions.find((x) => x === picked);
    const button = a ? panels.get(a)?.querySelector<HTMLButtonElement>('button[type="submit"]') : null;
    if (!a || !button) return;
    const { body, errors } = collect(a, form);
    if (Object.keys(errors).length > 0) {
      showErrors(form, errors);
      return;
    }
    clearErrors(form);
    button.disabled = true;
    try {
      const filing = await call(
        client.api.filings[':id'].actions.$post({
          param: { id: encodeURIComponent(detail.id) },
          // Built field by field from the form above; the API checks it against the action's schema.
          json: body as InferRequestType<(typeof client.api.filings)[':id']['actions']['$post']>['json'],
        }),
      );
      onOutcome({ kind: 'done', action: a, filing });
    } catch (e) {
      button.disabled = false;
      if (!(e instanceof ApiFailure)) throw e;
      if (e.status === 401) toLogin();
      // 409 is the contract's answer to a stale page; the API may also answer 403 when the action is no longer
      // allowed in the filing's new state. Either way the page is out of date: reload it.
      if (e.status === 409 || e.status === 403) {
        onOutcome({ kind: 'conflict', message: e.message });
        return;
      }
      const fields = prefixFields(a, e.fields);
      showErrors(
        form,
        Object.keys(fields).length > 0 ? fields : { [`${a}._`]: e.message },
        '操作未完成，请修改后重试',
      );
    }
  });
  section.append(form);
  return section;
}
