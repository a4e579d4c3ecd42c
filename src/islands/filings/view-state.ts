/**
 * Where the enterprise's filing stands, on its status page: the state facts and what comes next, the decision
 * that ended it (不予通过, 注销, 替换) and the reviewers' reasons when it was returned.
 */
import type { FilingDetail } from '../../shared/filings/answers.ts';
import { filingKindName, filingStatusName, roleName } from '../../shared/filings/status.ts';
import { formatDateTime, formatDay } from '../../shared/formats.ts';
import { cityName } from '../../shared/labels.ts';
import { facts } from '../lib/account-ui.ts';
import { h } from '../lib/dom.ts';
import { labelOf } from './labels.ts';

/** What the decision that ended a filing is called, and what the enterprise can do next. */
const decisions = {
  city_reject: {
    title: '不予通过的理由',
    next: '如对结论有疑问，请联系所属市（州）文旅部门。另行选任符合条件的人员的，可以在企业账号中新建备案。',
  },
  deregister: {
    title: '注销原因',
    next: '如需备案新的首席质量官，请在企业账号中新建备案。',
  },
  supersede: { title: '替换说明', next: '' },
} as const;

const nextSteps: Record<string, string> = {
  draft: '草稿尚未提交。填写完整后在登记表最后一步提交。',
  submitted: '等待所属市（州）文旅部门初审。初审前可以撤回。',
  returned: '审核人员退回了备案，请按下面的意见修改后重新提交。',
  withdrawn: '本次备案已撤回。如需备案，请在企业账号中新建备案。',
  rejected: '本次备案不予通过，市（州）文旅部门的理由见下方。',
  city_approved: '市（州）初审已通过，等待省文化和旅游厅复审。',
  awaiting_training:
    '复审已通过。请首席质量官参加省市场监督管理厅组织的专题培训，并完成不少于 20 学时的在线课程学习；培训结果由市场监管部门记录。',
  trained: '培训合格，等待省市场监督管理厅认定并发放备案编号。',
  recognized: '已认定，备案有效。可以在公开查询中按备案编号核验。',
  superseded: '本企业已备案新的首席质量官，这份备案已被替换。',
  deregistered: '这份备案已注销，注销原因见下方。',
};

function renderBanner(f: FilingDetail) {
  const justSubmitted =
    new URLSearchParams(location.search).get('submitted') === '1' && f.status === 'submitted';
  document
    .querySelector('#view-banner')
    ?.replaceChildren(
      ...(justSubmitted
        ? [
            h(
              'p',
              { class: 'success' },
              '备案已提交，等待所属市（州）文旅部门初审。审核结果会显示在本页和企业账号中。',
            ),
          ]
        : []),
    );
}

function renderFacts(f: FilingDetail) {
  document
    .querySelector('#state-facts')
    ?.replaceChildren(
      facts([
        ['状态', h('span', { class: 'status-tag' }, filingStatusName(f.status))],
        ['备案类型', filingKindName(f.kind)],
        ['备案编号', f.filingNo ?? '认定后发放'],
        ['提交时间', f.submittedAt ? formatDateTime(f.submittedAt) : '尚未提交'],
        ['认定日期', f.recognizedAt ? formatDay(f.recognizedAt) : '尚未认定'],
        ...(f.deregisteredAt ? [['注销日期', formatDay(f.deregisteredAt)] as [string, string]] : []),
        ['最后更新', formatDateTime(f.updatedAt)],
      ]),
    );
  const next = document.querySelector('#state-next');
  if (next) {
    next.textContent =
      f.deregistrationRequested && f.status === 'recognized'
        ? '已申请注销，等待省市场监督管理厅处理。'
        : (nextSteps[f.status] ?? '');
  }
}

function renderDecision(f: FilingDetail) {
  const existing = document.querySelector<HTMLElement>('#decision');
  const d = f.decision;
  if (!d) {
    existing?.remove();
    return;
  }
  const box =
    existing ?? h('section', { id: 'decision', class: 'reason-box', 'aria-labelledby': 'decision-title' });
  if (!existing) document.querySelector('#returned')?.before(box);
  const who = d.actorRole === 'city_tourism' ? `${cityName(f.city)}文旅部门` : roleName(d.actorRole);
  const text = decisions[d.action];
  box.replaceChildren(
    h('h2', { id: 'decision-title' }, text.title),
    h('p', null, d.reason ?? '未记录具体理由。如需了解，请联系作出决定的部门。'),
    h('p', { class: 'meta' }, `${who}，${formatDay(d.at)}`),
    ...(text.next ? [h('p', null, text.next)] : []),
  );
}

function renderReturned(f: FilingDetail) {
  const returned = document.querySelector<HTMLElement>('#returned');
  if (!returned) return;
  returned.hidden = f.status !== 'returned';
  const note = returned.querySelector('#returned-note');
  if (note) note.textContent = f.returnNote ? `审核意见：${f.returnNote}` : '';
  returned
    .querySelector('#returned-list')
    ?.replaceChildren(
      ...Object.entries(f.returnReasons ?? {}).map(([path, reason]) =>
        h('li', null, `${labelOf(path)}：${reason}`),
      ),
    );
  returned
    .querySelector<HTMLAnchorElement>('#returned-edit')
    ?.setAttribute('href', `/filing/edit/?id=${encodeURIComponent(f.id)}`);
}

/** Draws the heading, the 办理状态 section, the decision and the return reasons. */
export function renderState(f: FilingDetail) {
  const heading = document.querySelector('h1');
  if (heading) heading.textContent = `首席质量官备案详情${f.cqoName ? `：${f.cqoName}` : ''}`;
  renderBanner(f);
  renderFacts(f);
  renderDecision(f);
  renderReturned(f);
}
