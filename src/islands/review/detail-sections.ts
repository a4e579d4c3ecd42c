/**
 * The parts of the reviewer's filing detail page around the answers: the overview, the table of contents, the
 * eligibility check, the reasons of the last return, training and the audit history.
 */
import type { FilingDetail } from '../../shared/filings/answers.ts';
import { formatMonths } from '../../shared/filings/eligibility.ts';
import { fieldLabels } from '../../shared/filings/form.ts';
import { filingActions, filingKindName, filingStatusName, roleName } from '../../shared/filings/status.ts';
import { attemptCells, attemptColumns, hoursText } from '../../shared/filings/training.ts';
import { formatDay, formatNumericDate, formatNumericTime } from '../../shared/formats.ts';
import { cityName } from '../../shared/labels.ts';
import { h } from '../lib/dom.ts';
import { empty, facts, type Row, scrollTable, section } from './detail-blocks.ts';

export function overview(d: FilingDetail) {
  const rows: Row[] = [
    { label: '当前状态', value: h('span', { class: 'status-name' }, filingStatusName(d.status)) },
    {
      label: '备案类型',
      value: `${filingKindName(d.kind)}${d.kind === 'change' ? '（认定后替换现任首席质量官）' : ''}`,
    },
    { label: '备案编号', value: d.filingNo ?? empty('认定后发放') },
    { label: '所属市州', value: cityName(d.city) },
    { label: '提交时间', value: formatNumericTime(d.submittedAt) },
    { label: '最后更新', value: formatNumericTime(d.updatedAt) },
  ];
  rows.push({
    label: '公开姓名',
    value: d.publishConsent ? '本人同意公开（可随时撤回）' : '不公开（未同意或已撤回同意）',
  });
  if (d.recognizedAt) rows.push({ label: '认定日期', value: formatNumericDate(d.recognizedAt) });
  if (d.deregisteredAt) rows.push({ label: '注销日期', value: formatNumericDate(d.deregisteredAt) });
  return [
    facts(d, rows),
    d.deregistrationRequested && d.status === 'recognized'
      ? h(
          'p',
          { class: 'alert-box' },
          '企业已申请注销这名首席质量官。',
          d.actions.includes('deregister') ? '请在下方“审核操作”中办理。' : null,
        )
      : null,
  ];
}

export function toc() {
  const items: [string, string][] = [
    ['eligibility', '任职条件核验'],
    ['enterprise', '企业基本情况'],
    ['cqo', '首席质量官基本情况'],
    ['experience', '工作经历'],
    ['duties', '任命与职责'],
    ['attachments', '附件'],
    ['training', '培训情况'],
    ['history', '审核记录'],
  ];
  return h(
    'nav',
    { class: 'toc no-print', 'aria-label': '本页内容' },
    h(
      'ul',
      {},
      items.map(([key, label]) => h('li', {}, h('a', { href: `#s-${key}` }, label))),
      h('li', {}, h('a', { href: '#actions-title' }, '审核操作')),
    ),
  );
}

export function eligibility(d: FilingDetail) {
  const unmet = d.eligibility.rules.filter((r) => !r.met);
  return section(
    'eligibility',
    '任职条件核验',
    unmet.length > 0
      ? h(
          'p',
          { class: 'alert-box' },
          `有 ${unmet.length} 项任职条件未满足（通知二（二）），请对照附件重点核实。`,
        )
      : h('p', {}, '系统按填报内容核验，三项任职条件均已满足；请对照附件核实填报内容是否属实。'),
    h(
      'ul',
      { class: 'rules' },
      d.eligibility.rules.map((r) =>
        h(
          'li',
          { class: r.met ? 'met' : 'unmet' },
          h('h3', {}, `${r.met ? '已满足' : '未满足'}：${r.title}`),
          h('p', {}, r.detail),
          !r.met && r.next ? h('p', {}, `给企业的建议：${r.next}`) : null,
        ),
      ),
    ),
    h('p', {}, `累计旅游服务质量管理工作经验：${formatMonths(d.eligibility.experienceMonths)}`),
  );
}

export function returnReasons(d: FilingDetail) {
  const entries = Object.entries(d.returnReasons);
  if (entries.length === 0 && !d.returnNote) return null;
  return section(
    'returned',
    '上次退回的修改意见',
    // Resubmitting clears the reasons, so they are only ever shown while the enterprise has yet to act on them.
    h(
      'p',
      { class: 'hint' },
      d.status === 'returned'
        ? '已退回企业，等待企业按以下意见修改后重新提交；对应栏目旁也标出了这些意见。'
        : '对应栏目旁也标出了这些意见。',
    ),
    entries.length > 0
      ? h(
          'ul',
          {},
          entries.map(([path, reason]) => h('li', {}, `${fieldLabels[path] ?? path}：${reason}`)),
        )
      : null,
    d.returnNote ? h('p', {}, `总体说明：${d.returnNote}`) : null,
  );
}

export function training(d: FilingDetail) {
  const t = d.training;
  return section(
    'training',
    '六、培训情况',
    facts(d, [{ label: '在线学时', value: hoursText(t.onlineHours) }]),
    t.attempts.length === 0
      ? h('p', {}, '尚无专题培训记录。')
      : scrollTable(
          '专题培训记录',
          attemptColumns,
          t.attempts.map((a) =>
            h(
              'tr',
              {},
              attemptCells(a, formatDay).map((cell) => h('td', {}, cell)),
            ),
          ),
        ),
  );
}

/** Every action of the audit history in words, including those no reviewer takes. */
export const actionNames: Record<string, string> = {
  ...Object.fromEntries(filingActions.map((a) => [a.code, a.name])),
  create: '创建草稿',
  reveal_id: '查看完整身份证号',
  supersede: `被${filingKindName('change')}替换`,
  attachment_upload: '上传附件',
  attachment_delete: '删除附件',
};

export function history(d: FilingDetail) {
  const transition = (from: string | null, to: string | null) =>
    from && to && from !== to
      ? `${filingStatusName(from)} → ${filingStatusName(to)}`
      : to
        ? filingStatusName(to)
        : '—';
  return section(
    'history',
    '审核记录',
    d.history.length === 0
      ? h('p', {}, '暂无记录。')
      : scrollTable(
          '审核记录表',
          ['时间', '操作人', '角色', '操作', '状态变化', '说明'],
          d.history.map((e) =>
            h(
              'tr',
              {},
              h('td', {}, formatNumericTime(e.at)),
              h('td', {}, e.actorName),
              h('td', {}, roleName(e.actorRole)),
              h('td', {}, actionNames[e.action] ?? e.action),
              h('td', {}, transition(e.from, e.to)),
              h('td', { class: 'wrap-cell' }, e.reason ?? '—'),
            ),
          ),
        ),
  );
}
