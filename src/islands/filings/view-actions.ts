/**
 * What the enterprise can do on its filing's status page: continue or print the form, withdraw before the
 * review, withdraw consent to publish the CQO's name, and ask for deregistration. Each asks for confirmation.
 */
import type { InferRequestType } from 'hono/client';
import type { FilingDetail } from '../../shared/filings/answers.ts';
import { goToLogin } from '../lib/account-ui.ts';
import { ApiFailure, call } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { clearErrors, showErrors } from '../lib/forms.ts';

const filing = client.api.filings[':id'];
type ActionBody = InferRequestType<typeof filing.actions.$post>['json'];

const status = document.querySelector<HTMLElement>('#action-status');
const deregisterForm = document.querySelector<HTMLFormElement>('#deregister-form');

/** A button that opens a confirmation box, and the box (its heading takes the focus). */
type Confirmation = { start: HTMLButtonElement | null; box: HTMLElement | null; heading: string };

const withdraw: Confirmation = {
  start: document.querySelector<HTMLButtonElement>('#withdraw-start'),
  box: document.querySelector<HTMLElement>('#withdraw-confirm'),
  heading: '#withdraw-title',
};

/**
 * Withdrawing consent to publish the name (个人信息保护法 art. 15), with a confirmation step. Built here rather
 * than in the page because only a filing past submission offers it.
 */
const consentBlock = h(
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
status?.before(consentBlock);
const consent: Confirmation = {
  start: consentBlock.querySelector<HTMLButtonElement>('#consent-start'),
  box: consentBlock.querySelector<HTMLElement>('#consent-confirm'),
  heading: '#consent-title',
};

function open(c: Confirmation) {
  if (c.box) c.box.hidden = false;
  c.start?.setAttribute('aria-expanded', 'true');
  document.querySelector<HTMLElement>(c.heading)?.focus();
}

function close(c: Confirmation, focus: boolean) {
  if (c.box) c.box.hidden = true;
  c.start?.setAttribute('aria-expanded', 'false');
  if (focus) c.start?.focus();
}

/** Shows a failure in `target`, or sends the user to log in when the session ended. */
export function fail(e: unknown, target: HTMLElement | null, title: string) {
  if (e instanceof ApiFailure && e.status === 401) {
    goToLogin();
    return;
  }
  const message = e instanceof Error ? e.message : '出现问题，请稍后重试';
  if (target) showErrors(target, { _: message }, title);
}

function links(f: FilingDetail) {
  const id = encodeURIComponent(f.id);
  const editable = f.status === 'draft' || f.status === 'returned';
  return [
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
  ].filter((x): x is HTMLAnchorElement => x !== null);
}

/** Draws the 办理 section: the links and the actions the filing allows now. */
export function renderActions(f: FilingDetail) {
  document.querySelector('#links')?.replaceChildren(...links(f));
  const withdrawBlock = document.querySelector<HTMLElement>('#withdraw');
  if (withdrawBlock) withdrawBlock.hidden = !f.actions.includes('withdraw');
  close(withdraw, false);
  if (deregisterForm) {
    deregisterForm.hidden = !f.actions.includes('request_deregistration') || f.deregistrationRequested;
  }
  consentBlock.hidden = !f.actions.includes('withdraw_publication_consent');
  close(consent, false);
  const hasAction =
    f.actions.includes('withdraw') || !(deregisterForm?.hidden ?? true) || !consentBlock.hidden;
  document.querySelector('#actions-title')?.replaceChildren(hasAction ? '办理' : '相关链接');
}

/**
 * Wires the actions of the filing `filingId`: after one is done, `onDone` gets the updated filing; failures
 * show in the form or confirmation box they came from, or in `errors`.
 */
export function setupActions(
  filingId: string,
  errors: HTMLElement | null,
  onDone: (f: FilingDetail) => void,
) {
  const param = { id: encodeURIComponent(filingId) };
  async function act(body: ActionBody, done: string, form: HTMLElement | null) {
    if (status) status.textContent = '正在提交……';
    try {
      const f = await call(filing.actions.$post({ param, json: body }));
      if (form) clearErrors(form);
      onDone(f);
      if (status) status.textContent = done;
      document.querySelector<HTMLElement>('#state-title')?.focus();
    } catch (e) {
      if (status) status.textContent = '';
      fail(e, form ?? errors, '未能办理');
    }
  }
  withdraw.start?.addEventListener('click', () => open(withdraw));
  document.querySelector('#withdraw-cancel')?.addEventListener('click', () => close(withdraw, true));
  consent.start?.addEventListener('click', () => open(consent));
  document.querySelector('#consent-cancel')?.addEventListener('click', () => close(consent, true));
  document
    .querySelector('#consent-confirm-button')
    ?.addEventListener('click', () =>
      act(
        { action: 'withdraw_publication_consent' },
        '已撤回公开姓名的同意，公开查询不再显示首席质量官的姓名。',
        consent.box,
      ),
    );
  document
    .querySelector('#withdraw-confirm-button')
    ?.addEventListener('click', () => act({ action: 'withdraw' }, '备案已撤回。', withdraw.box));
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
}
