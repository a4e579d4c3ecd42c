/** The enterprise dashboard: who is logged in, the enterprise's filings and what can be done next. */

import type { Me } from '../../shared/accounts/answers.ts';
import { workspaceOf } from '../../shared/accounts/signed-in.ts';
import type { FilingSummary } from '../../shared/filings/answers.ts';
import { filingKindName, filingStatusName } from '../../shared/filings/status.ts';
import { formatDateTime, formatDay } from '../../shared/formats.ts';
import { cityName, enterpriseTypeName, gradeName } from '../../shared/labels.ts';
import { facts, goToLogin } from '../lib/account-ui.ts';
import { ApiFailure, call } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { showErrors } from '../lib/forms.ts';
import { showSignedIn } from '../lib/signed-in.ts';

const status = document.querySelector<HTMLElement>('#home-status');
const errors = document.querySelector<HTMLElement>('#home-errors');
const home = document.querySelector<HTMLElement>('#home');
const list = document.querySelector<HTMLUListElement>('#filing-list');
const newButton = document.querySelector<HTMLButtonElement>('#new-filing');
const changeButton = document.querySelector<HTMLButtonElement>('#change-filing');

/** States in which a filing is still on its way (so no second new filing is started). */
const inProgress = new Set([
  'draft',
  'returned',
  'submitted',
  'city_approved',
  'awaiting_training',
  'trained',
]);

function fail(e: unknown) {
  if (e instanceof ApiFailure && e.status === 401) {
    goToLogin();
    return;
  }
  const message = e instanceof Error ? e.message : '出现问题，请稍后重试';
  if (status) status.textContent = '';
  if (errors) showErrors(errors, { _: message }, '无法完成操作');
}

function filingCard(f: FilingSummary): HTMLLIElement {
  const editable = f.status === 'draft' || f.status === 'returned';
  const href = `/filing/${editable ? 'edit' : 'view'}/?id=${encodeURIComponent(f.id)}`;
  const title = `${filingKindName(f.kind)}${f.cqoName ? `：${f.cqoName}` : ''}`;
  return h(
    'li',
    { class: 'card' },
    h('h3', null, title),
    facts([
      ['状态', h('span', { class: 'status-tag' }, filingStatusName(f.status))],
      ['备案编号', f.filingNo ?? '认定后发放'],
      ['提交时间', f.submittedAt ? formatDay(f.submittedAt) : '尚未提交'],
      ['最后更新', formatDateTime(f.updatedAt)],
    ]),
    h(
      'a',
      { class: editable ? 'button' : 'button secondary', href },
      editable ? '继续填写' : '查看',
      h('span', { class: 'visually-hidden' }, `：${title}`),
    ),
  );
}

function renderEnterprise(me: Me) {
  const e = me.enterprise;
  const target = document.querySelector('#enterprise-facts');
  if (!e || !target) return;
  target.replaceChildren(
    facts([
      ['企业名称', e.name],
      ['统一社会信用代码', e.uscc],
      ['企业类型', enterpriseTypeName(e.type)],
      ['等级', gradeName(e.type, e.grade)],
      ['所属市州', cityName(e.city)],
      ['联系人', e.contactName],
      ['联系电话', e.contactPhone],
    ]),
  );
}

function renderFilings(items: FilingSummary[]) {
  const sorted = [...items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  list?.replaceChildren(...sorted.map(filingCard));
  const recognized = sorted.some((f) => f.status === 'recognized');
  const busy = sorted.find((f) => inProgress.has(f.status));
  if (newButton) newButton.hidden = recognized || busy !== undefined;
  if (changeButton) changeButton.hidden = !recognized || busy !== undefined;
  const intro = document.querySelector('#filings-intro');
  if (intro) {
    intro.textContent =
      sorted.length === 0
        ? '还没有备案。选任符合条件的首席质量官后，点击“新建备案”在线填写备案登记表；填写中可随时保存，稍后继续。'
        : busy
          ? `当前有一份备案${filingStatusName(busy.status)}。办结前不能再新建备案。`
          : recognized
            ? '本企业已有认定的首席质量官。更换人员请点击“变更首席质量官”，新的备案认定后替换原备案。'
            : '可以新建备案。';
  }
}

async function create(kind: 'new' | 'change', button: HTMLButtonElement) {
  button.disabled = true;
  if (status) status.textContent = '正在创建备案草稿……';
  try {
    const filing = await call(client.api.filings.$post({ json: { kind } }));
    location.assign(`/filing/edit/?id=${encodeURIComponent(filing.id)}`);
  } catch (e) {
    fail(e);
    button.disabled = false;
  }
}

async function load() {
  if (status) status.textContent = '正在加载……';
  try {
    const { me } = await call(client.api.auth.me.$get());
    showSignedIn(me);
    if (me.role !== 'enterprise') {
      const other = document.querySelector<HTMLElement>('#other-role');
      const text = document.querySelector('#other-role-text');
      const space = workspaceOf(me.role);
      text?.replaceChildren(
        `您登录的是${me.displayName}的工作账号，企业账号页面只供旅游企业使用。`,
        h('a', { href: space.href }, `进入${space.label}`),
      );
      if (other) other.hidden = false;
      if (status) status.textContent = '';
      return;
    }
    const filings = await call(client.api.filings.$get({ query: { pageSize: '100' } }));
    renderEnterprise(me);
    renderFilings(filings.items);
    const heading = document.querySelector('h1');
    if (heading && me.enterprise) heading.textContent = `企业账号：${me.enterprise.name}`;
    if (home) home.hidden = false;
    if (status) status.textContent = '';
  } catch (e) {
    fail(e);
  }
}

newButton?.addEventListener('click', () => create('new', newButton));
changeButton?.addEventListener('click', () => create('change', changeButton));

load();
