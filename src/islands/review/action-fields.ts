/**
 * The inputs of each action on the review detail page (approve, return with per-field reasons, reject, record
 * training, recognize, deregister, withdraw consent). Ids are `<action>-<field>` so the API's field paths,
 * prefixed with the action (prefixFields), land on the right input.
 */
import type { FilingDetail } from '../../shared/filings/answers.ts';
import { returnableFields } from '../../shared/filings/form.ts';
import { MIN_ONLINE_HOURS, trainingShortfall } from '../../shared/filings/training.ts';
import { h } from '../lib/dom.ts';
import { choice, field, type Mark, markText } from '../lib/field.ts';

export const reviewerActions = [
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
export type ReviewerAction = (typeof reviewerActions)[number];

export const actionNames: Record<ReviewerAction, { choice: string; submit: string }> = {
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

type Options = { mark: Mark; hint?: string; required?: boolean };

function textareaField(id: string, label: string, { required, ...opts }: Options) {
  return field(h('textarea', { id, rows: 3, required }), { label, ...opts });
}

function inputField(
  id: string,
  label: string,
  attrs: Record<string, string | number | boolean>,
  opts: Options,
) {
  return field(h('input', { id, ...attrs }), { label, ...opts });
}

const confirmBox = (a: ReviewerAction, label: string) =>
  h('div', { class: 'field' }, choice('checkbox', `${a}-confirm`, `${a}-confirm`, 'yes', label));

function returnFields(a: ReviewerAction, detail: FilingDetail) {
  const picks = returnableFields(detail.enterpriseType).flatMap(([path, label]) => {
    const pick = choice('checkbox', `${a}-pick-${path}`, `${a}-pick`, path, label);
    const reason = textareaField(`${a}-reasons-${path}`, `“${label}”的修改意见`, { mark: 'required' });
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
    textareaField(`${a}-note`, '总体说明', { mark: 'optional' }),
  ];
}

/** What the record will lead to, as the reviewer fills it in: why a 合格 with too few hours stays 待培训. */
function trainingOutcome(a: ReviewerAction, fields: HTMLElement[]) {
  const note = h('p', { class: 'hint', id: `${a}-outcome`, 'aria-live': 'polite' });
  const update = () => {
    const hoursText = fields[0]?.querySelector('input')?.value.trim() ?? '';
    const hours = Number(hoursText);
    const passed = fields[2]?.querySelector<HTMLInputElement>('input:checked')?.value;
    if (hoursText === '' || !Number.isFinite(hours) || passed === undefined) {
      note.textContent = `专题培训合格且在线学时不少于 ${MIN_ONLINE_HOURS} 学时，备案转为“培训合格，待认定”；否则仍为“待培训”，本次结果保留在培训记录中。`;
      return;
    }
    const shortfall = trainingShortfall(passed === 'yes', hours);
    note.textContent = shortfall
      ? `按此记录，备案仍为“待培训”：${shortfall}。`
      : '按此记录，备案转为“培训合格，待认定”。';
  };
  for (const f of fields) f.addEventListener('input', update);
  for (const f of fields) f.addEventListener('change', update);
  update();
  return note;
}

function trainingFields(a: ReviewerAction, detail: FilingDetail) {
  const hours = detail.training.onlineHours;
  const fields = [
    inputField(
      `${a}-onlineHours`,
      '在线学时',
      {
        type: 'number',
        min: 0,
        step: 0.5,
        inputmode: 'decimal',
        required: true,
        value: hours > 0 ? String(hours) : '',
      },
      {
        mark: 'required',
        hint: `市场监管总局网络学院的累计在线学时；认定须不少于 ${MIN_ONLINE_HOURS} 学时。`,
      },
    ),
    inputField(`${a}-date`, '专题培训日期', { type: 'date', required: true }, { mark: 'required' }),
    h(
      'div',
      { class: 'field' },
      h(
        'fieldset',
        {},
        h('legend', {}, '专题培训结果', markText('required')),
        choice('radio', `${a}-passed`, `${a}-passed`, 'yes', '合格'),
        choice('radio', `${a}-passed-no`, `${a}-passed`, 'no', '不合格'),
      ),
    ),
    inputField(
      `${a}-certificateNo`,
      '培训合格证书编号',
      { type: 'text', autocomplete: 'off' },
      { mark: 'optional' },
    ),
  ];
  return [...fields, trainingOutcome(a, fields)];
}

/** The inputs of one action's panel. */
export function panelFields(a: ReviewerAction, detail: FilingDetail): (HTMLElement | null)[] {
  switch (a) {
    case 'city_approve':
    case 'province_approve':
      return [textareaField(`${a}-note`, '审核意见', { mark: 'optional', hint: '将记入审核记录。' })];
    case 'city_return':
    case 'province_return':
      return returnFields(a, detail);
    case 'city_reject':
      return [
        h('p', {}, '不予通过是最终结论，企业不能再修改这份备案。如材料可以补正，请选择“退回修改”。'),
        textareaField(`${a}-note`, '不予通过的理由', {
          mark: 'required',
          required: true,
          hint: '将记入审核记录。',
        }),
      ];
    case 'record_training':
      return trainingFields(a, detail);
    case 'recognize':
      return [
        h(
          'p',
          {},
          '认定后系统发放唯一的备案编号（如 JL-CQO-2026-0001），备案进入公开查询（企业同意公开姓名时显示姓名）。',
        ),
        confirmBox(a, '我已核对培训记录和备案材料，确认认定（必填）'),
      ];
    case 'deregister':
      return [
        detail.deregistrationRequested ? h('p', { class: 'notice' }, '企业已申请注销这名首席质量官。') : null,
        textareaField(`${a}-reason`, '注销原因', {
          mark: 'required',
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
        textareaField(`${a}-note`, '本人如何提出申请', {
          mark: 'optional',
          hint: '如：本人来函、来电或到场申请；将记入审核记录。',
        }),
        confirmBox(a, '已核实是首席质量官本人的申请（必填）'),
      ];
  }
}
