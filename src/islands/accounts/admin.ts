/** Account management (/admin/accounts/, admin only): list, disable/enable, create reviewer accounts. */

import type { InferRequestType } from 'hono/client';
import type { Me } from '../../shared/accounts/answers.ts';
import { passwordField } from '../../shared/fields.ts';
import { roleName } from '../../shared/filings/status.ts';
import { formatNumericTime } from '../../shared/formats.ts';
import { cityName } from '../../shared/labels.ts';
import { type Answer, ApiFailure, call, toLogin } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { clearErrors, showErrors } from '../lib/forms.ts';
import { prefixFields, requireRole } from '../lib/staff.ts';
import { stackable } from '../lib/table.ts';

type Account = Answer<typeof client.api.accounts.$get>['items'][number];
type NewAccount = InferRequestType<typeof client.api.accounts.$post>['json'];

const flash = document.getElementById('flash');
const list = document.getElementById('accounts');
const form = document.querySelector<HTMLFormElement>('#new-account');
const roleSelect = document.querySelector<HTMLSelectElement>('#new-role');
const cityField = document.getElementById('new-city-field');
const password = document.querySelector<HTMLInputElement>('#new-password');
const showPassword = document.querySelector<HTMLInputElement>('#show-password');

let me: Me | null = null;

function say(message: string, warn = false) {
  if (!flash) return;
  flash.classList.toggle('warn', warn);
  flash.textContent = message;
}

function failure(e: unknown): string {
  if (e instanceof ApiFailure) {
    if (e.status === 401) toLogin();
    return e.message;
  }
  return '操作未完成，请刷新页面重试';
}

async function setDisabled(account: Account, disabled: boolean) {
  try {
    const param = { id: encodeURIComponent(account.id) };
    const target = client.api.accounts[':id'];
    await call(disabled ? target.disable.$post({ param }) : target.enable.$post({ param }));
    await loadAccounts();
    say(
      disabled
        ? `已停用账号 ${account.login}（${account.displayName}），该账号不能再登录。`
        : `已启用账号 ${account.login}（${account.displayName}）。`,
    );
    document.querySelector<HTMLButtonElement>(`button[data-id="${CSS.escape(account.id)}"]`)?.focus();
  } catch (e) {
    say(`未能${disabled ? '停用' : '启用'}账号 ${account.login}：${failure(e)}`, true);
  }
}

/** A new initial password for someone who forgot theirs, shown once for the admin to hand over. */
async function resetPasswordOf(account: Account) {
  const password = randomPassword();
  try {
    await call(
      client.api.accounts[':id'].password.$post({
        param: { id: encodeURIComponent(account.id) },
        json: { password },
      }),
    );
    say(
      `已重置账号 ${account.login}（${account.displayName}）的密码，新的初始密码：${password}（只显示这一次，请当面或电话告知本人；其原有登录已全部退出，下次登录须先修改密码）。`,
    );
  } catch (e) {
    say(`未能重置账号 ${account.login} 的密码：${failure(e)}`, true);
  }
}

function row(account: Account) {
  const self = me?.id === account.id;
  const toggle = self
    ? h('span', { class: 'empty' }, '当前登录账号')
    : h(
        'button',
        { type: 'button', class: 'button secondary small', 'data-id': account.id },
        account.disabled ? '启用' : '停用',
        h('span', { class: 'visually-hidden' }, `账号 ${account.login}`),
      );
  if (!self) toggle.addEventListener('click', () => void setDisabled(account, !account.disabled));
  const reset = self
    ? null
    : h(
        'button',
        { type: 'button', class: 'button secondary small' },
        '重置密码',
        h('span', { class: 'visually-hidden' }, `账号 ${account.login}`),
      );
  reset?.addEventListener('click', () => void resetPasswordOf(account));
  return h(
    'tr',
    {},
    h('td', {}, account.login),
    h('td', { class: 'wrap-cell' }, account.displayName),
    h('td', {}, roleName(account.role)),
    h('td', {}, account.city ? cityName(account.city) : '—'),
    h('td', {}, account.disabled ? '已停用' : '正常'),
    h('td', {}, formatNumericTime(account.createdAt)),
    h('td', {}, toggle, reset ? ' ' : null, reset),
  );
}

async function loadAccounts() {
  const { items } = await call(client.api.accounts.$get());
  const head = ['登录名', '姓名或单位名称', '角色', '市州', '状态', '创建时间', '操作'].map((t) =>
    h('th', { scope: 'col' }, t),
  );
  list?.replaceChildren(
    h('p', {}, `共 ${items.length} 个账号，其中 ${items.filter((a) => a.disabled).length} 个已停用。`),
    h(
      'div',
      { class: 'table-scroll', role: 'region', 'aria-label': '账号列表', tabindex: 0 },
      stackable(h('table', {}, h('thead', {}, h('tr', {}, head)), h('tbody', {}, items.map(row)))),
    ),
  );
}

function syncCityField() {
  if (cityField && roleSelect) cityField.hidden = roleSelect.value !== 'city_tourism';
}

/** 16 characters from an alphabet without look-alikes (0/O, 1/l/I), read out easily over the phone. */
function randomPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const out: string[] = [];
  const bytes = new Uint8Array(1);
  while (out.length < 16) {
    crypto.getRandomValues(bytes);
    const b = bytes[0] ?? 255;
    // Reject the top of the byte range so every character is equally likely.
    if (b < 256 - (256 % alphabet.length)) out.push(alphabet[b % alphabet.length] ?? '');
  }
  return out.join('');
}

async function create(f: HTMLFormElement) {
  const data = new FormData(f);
  const role = String(data.get('role') ?? '');
  // The form's own options; the server checks them again.
  const body: NewAccount = {
    role: role as NewAccount['role'],
    login: String(data.get('login') ?? '').trim(),
    displayName: String(data.get('displayName') ?? '').trim(),
    password: String(data.get('password') ?? ''),
  };
  if (role === 'city_tourism') body.city = String(data.get('city') ?? '') as NewAccount['city'];
  const errors: Record<string, string> = {};
  if (role === 'city_tourism' && !body.city) errors['new.city'] = '请选择该审核人员所属的市州';
  if (!body.login) errors['new.login'] = '请填写登录名';
  if (!body.displayName) errors['new.displayName'] = '请填写姓名或单位名称';
  const pw = passwordField.safeParse(body.password);
  if (!pw.success) errors['new.password'] = pw.error.issues[0]?.message ?? '请填写初始密码';
  if (Object.keys(errors).length > 0) {
    showErrors(f, errors);
    return;
  }
  try {
    await call(client.api.accounts.$post({ json: body }));
    clearErrors(f);
    f.reset();
    syncCityField();
    if (password) password.type = 'password';
    await loadAccounts();
    say(
      `已创建账号 ${body.login}（${roleName(role)}）。请当面或通过电话把初始密码告知本人，并提醒其首次登录后立即修改密码。`,
    );
  } catch (e) {
    const fields = e instanceof ApiFailure ? prefixFields('new', e.fields) : {};
    const message = failure(e);
    showErrors(f, Object.keys(fields).length > 0 ? fields : { 'new._': message }, '未能创建账号');
  }
}

async function main() {
  try {
    me = await requireRole(['admin']);
    if (!me) return;
    await loadAccounts();
    say('');
  } catch (e) {
    say(`无法加载账号列表：${failure(e)}`, true);
  }
}

syncCityField();
roleSelect?.addEventListener('change', syncCityField);
showPassword?.addEventListener('change', () => {
  if (password) password.type = showPassword.checked ? 'text' : 'password';
});
document.getElementById('generate-password')?.addEventListener('click', () => {
  if (!password || !showPassword) return;
  password.value = randomPassword();
  password.type = 'text';
  showPassword.checked = true;
  say('已生成随机初始密码，显示在“初始密码”输入框中。');
  password.focus();
});
form?.addEventListener('submit', (e) => {
  e.preventDefault();
  void create(form);
});
void main();
