/** The enterprise's status page for one filing: where it stands, what reviewers said, and what it can do now. */

import type { InferRequestType } from 'hono/client';
import type { FilingDetail } from '../../shared/filings/answers.ts';
import { filingStatusName, roleName } from '../../shared/filings/status.ts';
import { formatDateTime, formatDay, formatFileSize, sexName } from '../../shared/formats.ts';
import { cityName } from '../../shared/labels.ts';
import { facts, filingKindName, goToLogin, queryId } from '../lib/account-ui.ts';
import { ApiFailure, call } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { clearErrors, showErrors } from '../lib/forms.ts';
import { attachmentKindName, labelOf } from './answers.ts';
import { deleteTrainingButton, trainingUpload } from './training-upload.ts';

const filingId = queryId();
const status = document.querySelector<HTMLElement>('#action-status');
const errors = document.querySelector<HTMLElement>('#view-errors');
const deregisterForm = document.querySelector<HTMLFormElement>('#deregister-form');
const withdrawStart = document.querySelector<HTMLButtonElement>('#withdraw-start');
const withdrawConfirm = document.querySelector<HTMLElement>('#withdraw-confirm');

/**
 * Withdrawing consent to publish the name (个人信息保护法 art. 15), with a confirmation step. Built here rather
 * than in the page because only a filing past submission offers it.
 */
const consent = h(
  'div',
  { id: 'consent', hidden: true },
  h(
    'button',
    {
      type: 'button',
      class: 'button secondary',
      id: 'consent-start',
      'aria-expanded': 'false',
      'aria-controls': 'consent-confirm',
    },
    '撤回公开姓名的同意',
  ),
  h(
    'div',
    { id: 'consent-confirm', class: 'confirm', hidden: true },
    h('h3', { id: 'consent-title', tabindex: -1 }, '确定撤回公开姓名的同意吗？'),
    h(
      'p',
      null,
      '撤回后，公开查询和核验页立即不再显示首席质量官的姓名，只显示企业名称、备案编号和状态；备案本身不受影响。撤回后如需重新公开姓名，须在今后办理备案（如变更备案）时重新表示同意。',
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'button warning', id: 'consent-confirm-button' }, '确认撤回同意'),
      h('button', { type: 'button', class: 'button secondary', id: 'consent-cancel' }, '不撤回'),
    ),
  ),
);
document.querySelector('#action-status')?.before(consent);
const consentStart = consent.querySelector<HTMLButtonElement>('#consent-start');
const consentConfirm = consent.querySelector<HTMLElement>('#consent-confirm');

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

const filing = client.api.filings[':id'];
const param = () => ({ id: encodeURIComponent(filingId ?? '') });
type ActionBody = InferRequestType<typeof filing.actions.$post>['json'];

function fail(e: unknown, target: HTMLElement | null, title: string) {
  if (e instanceof ApiFailure && e.status === 401) {
    goToLogin();
    return;
  }
  const message = e instanceof Error ? e.message : '出现问题，请稍后重试';
  if (target) showErrors(target, { _: message }, title);
}

function render(f: FilingDetail) {
  const editable = f.status === 'draft' || f.status === 'returned';
  const heading = document.querySelector('h1');
  if (heading) heading.textContent = `首席质量官备案详情${f.cqoName ? `：${f.cqoName}` : ''}`;

  const banner = document.querySelector('#view-banner');
  const justSubmitted =
    new URLSearchParams(location.search).get('submitted') === '1' && f.status === 'submitted';
  banner?.replaceChildren(
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

  renderDecision(f);

  const returned = document.querySelector<HTMLElement>('#returned');
  if (returned) {
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

  document.querySelector('#cqo-facts')?.replaceChildren(
    facts([
      ['企业名称', f.enterpriseName],
      ['姓名', f.cqoName],
      ['居民身份证号码', f.idNumberMasked],
      ['性别', sexName(f.sex) || null],
      ['出生日期', f.birthDate ? formatDay(f.birthDate) : null],
      ['公开姓名', consentText(f, editable)],
    ]),
  );

  const attempts = f.training?.attempts ?? [];
  document
    .querySelector('#training')
    ?.replaceChildren(
      facts([['在线学时', `${f.training?.onlineHours ?? 0} 学时（须不少于 20 学时）`]]),
      attempts.length === 0
        ? h('p', null, '尚无专题培训记录。复审通过后由省市场监督管理厅组织培训并记录结果。')
        : h(
            'table',
            { class: 'table-list' },
            h('caption', { class: 'visually-hidden' }, '专题培训记录'),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', { scope: 'col' }, '日期'),
                h('th', { scope: 'col' }, '结果'),
                h('th', { scope: 'col' }, '证书编号'),
              ),
            ),
            h(
              'tbody',
              null,
              ...attempts.map((a) =>
                h(
                  'tr',
                  null,
                  h('td', null, formatDay(a.date)),
                  h('td', null, a.passed ? '合格' : '不合格'),
                  h('td', null, a.certificateNo ?? '—'),
                ),
              ),
            ),
          ),
    );

  // After submission only the 培训证明 can still be added (and removed), while training is under way.
  const trainingOpen = !editable && f.uploadKinds.includes('training');
  const refresh = { onChange: reload, onLoggedOut: goToLogin };
  document.querySelector('#files')?.replaceChildren(
    f.attachments.length === 0
      ? h('p', null, '没有上传附件。')
      : h(
          'ul',
          { class: 'file-list' },
          ...f.attachments.map((a) =>
            h(
              'li',
              null,
              h('span', null, `${attachmentKindName(a.kind)}：`),
              h('a', { href: a.url, download: a.fileName }, a.fileName),
              h('span', { class: 'meta' }, `${formatFileSize(a.size)}，${formatDay(a.uploadedAt)}上传`),
              trainingOpen && a.kind === 'training'
                ? deleteTrainingButton(f.id, a, {
                    ...refresh,
                    onError: (message) => errors && showErrors(errors, { _: message }, '未能删除'),
                  })
                : null,
            ),
          ),
        ),
    ...(trainingOpen ? [trainingUpload({ filingId: f.id, idPrefix: 'training-upload', ...refresh })] : []),
  );

  const id = encodeURIComponent(f.id);
  document
    .querySelector('#links')
    ?.replaceChildren(
      ...[
        editable
          ? h(
              'a',
              { class: 'button', href: `/filing/edit/?id=${id}` },
              f.status === 'returned' ? '修改并重新提交' : '继续填写',
            )
          : null,
        h('a', { class: 'button secondary', href: `/filing/print/?id=${id}` }, '打印备案登记表'),
        f.status === 'recognized' && f.filingNo
          ? h(
              'a',
              { class: 'button secondary', href: `/verify/${encodeURIComponent(f.filingNo)}/` },
              '公开核验页',
            )
          : null,
        h('a', { href: '/account/' }, '返回企业账号'),
      ].filter((x): x is HTMLAnchorElement => x !== null),
    );

  const withdraw = document.querySelector<HTMLElement>('#withdraw');
  if (withdraw) withdraw.hidden = !f.actions.includes('withdraw');
  closeWithdraw(false);
  if (deregisterForm) {
    deregisterForm.hidden = !f.actions.includes('request_deregistration') || f.deregistrationRequested;
  }
  consent.hidden = !f.actions.includes('withdraw_publication_consent');
  closeConsent(false);
  const actions = document.querySelector<HTMLElement>('#actions');
  const hasAction = f.actions.includes('withdraw') || !(deregisterForm?.hidden ?? true) || !consent.hidden;
  if (actions) actions.querySelector('#actions-title')?.replaceChildren(hasAction ? '办理' : '相关链接');
}

function consentText(f: FilingDetail, editable: boolean): string | null {
  // Until submission the form's answer is the consent; afterwards the filing's (withdrawable) consent is.
  if (editable) return f.form.publishConsent === undefined ? null : f.form.publishConsent ? '同意' : '不同意';
  return f.publishConsent ? '同意（本人可以随时撤回）' : '不公开（未同意或已撤回同意）';
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

function closeConsent(focus: boolean) {
  if (consentConfirm) consentConfirm.hidden = true;
  consentStart?.setAttribute('aria-expanded', 'false');
  if (focus) consentStart?.focus();
}

function closeWithdraw(focus: boolean) {
  if (withdrawConfirm) withdrawConfirm.hidden = true;
  withdrawStart?.setAttribute('aria-expanded', 'false');
  if (focus) withdrawStart?.focus();
}

async function act(body: ActionBody, done: string, form: HTMLElement | null) {
  if (status) status.textContent = '正在提交……';
  try {
    const f = await call(filing.actions.$post({ param: param(), json: body }));
    if (form) clearErrors(form);
    render(f);
    if (status) status.textContent = done;
    document.querySelector<HTMLElement>('#state-title')?.focus();
    return true;
  } catch (e) {
    if (status) status.textContent = '';
    fail(e, form ?? errors, '未能办理');
    return false;
  }
}

withdrawStart?.addEventListener('click', () => {
  if (withdrawConfirm) withdrawConfirm.hidden = false;
  withdrawStart.setAttribute('aria-expanded', 'true');
  document.querySelector<HTMLElement>('#withdraw-title')?.focus();
});
document.querySelector('#withdraw-cancel')?.addEventListener('click', () => closeWithdraw(true));
consentStart?.addEventListener('click', () => {
  if (consentConfirm) consentConfirm.hidden = false;
  consentStart.setAttribute('aria-expanded', 'true');
  document.querySelector<HTMLElement>('#consent-title')?.focus();
});
document.querySelector('#consent-cancel')?.addEventListener('click', () => closeConsent(true));
document
  .querySelector('#consent-confirm-button')
  ?.addEventListener('click', () =>
    act(
      { action: 'withdraw_publication_consent' },
      '已撤回公开姓名的同意，公开查询不再显示首席质量官的姓名。',
      consentConfirm,
    ),
  );
document
  .querySelector('#withdraw-confirm-button')
  ?.addEventListener('click', () => act({ action: 'withdraw' }, '备案已撤回。', withdrawConfirm));
deregisterForm?.addEventListener('submit', (e) => {
  e.preventDefault();
  const reason = (deregisterForm.elements.namedItem('reason') as HTMLTextAreaElement).value.trim();
  if (!reason) {
    showErrors(deregisterForm, { reason: '请填写注销原因，如首席质量官已离职' }, '请填写注销原因');
    return;
  }
  act(
    { action: 'request_deregistration', reason },
    '注销申请已提交，等待省市场监督管理厅处理。',
    deregisterForm,
  );
});

/** Loads the filing again after an upload or deletion and draws it. */
async function reload() {
  try {
    render(await call(filing.$get({ param: param() })));
  } catch (e) {
    fail(e, errors, '无法刷新备案详情');
  }
}

async function load() {
  const loading = document.querySelector('#view-status');
  if (loading) loading.textContent = '正在加载……';
  if (!filingId) {
    if (loading) loading.textContent = '';
    if (errors) showErrors(errors, { _: '地址中缺少备案编号。请从企业账号打开备案。' }, '无法打开备案详情');
    return;
  }
  try {
    const f = await call(filing.$get({ param: param() }));
    render(f);
    if (loading) loading.textContent = '';
    const view = document.querySelector<HTMLElement>('#view');
    if (view) view.hidden = false;
  } catch (e) {
    if (loading) loading.textContent = '';
    if (e instanceof ApiFailure && (e.status === 404 || e.status === 403)) {
      if (errors) showErrors(errors, { _: '未找到这份备案，或您无权查看。' }, '无法打开备案详情');
    } else fail(e, errors, '无法打开备案详情');
  }
}

load();
