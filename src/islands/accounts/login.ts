/** Login: POST /api/auth/login, then back to `?next=` (same-site paths only) or to the role's start page. */
import { ApiFailure, call } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { clearErrors, type FieldErrors, showErrors } from '../lib/forms.ts';
import { homeOf, PASSWORD_CHANGE_PAGE } from '../lib/staff.ts';

const form = document.querySelector<HTMLFormElement>('#login-form');
const status = document.querySelector<HTMLElement>('#login-status');

/** Only a path on this site: starts with one "/" (not "//" or "/\", which browsers read as another host). */
function safeNext(next: string | null): string | null {
  if (!next || !/^\/(?![/\\])/.test(next)) return null;
  try {
    const url = new URL(next, location.origin);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}

form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const login = (form.elements.namedItem('login') as HTMLInputElement).value.trim();
  const password = (form.elements.namedItem('password') as HTMLInputElement).value;
  const errors: FieldErrors = {};
  if (!login) errors.login = '请填写登录名：统一社会信用代码或用户名';
  if (!password) errors.password = '请填写密码';
  if (Object.keys(errors).length > 0) {
    showErrors(form, errors, '请填写登录信息');
    return;
  }
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (button) button.disabled = true;
  if (status) status.textContent = '正在登录……';
  try {
    const { me } = await call(client.api.auth.login.$post({ json: { login, password } }));
    clearErrors(form);
    if (status) status.textContent = '登录成功，正在跳转……';
    // A password someone else set comes first; then back to where the user was going, or the role's start page.
    location.assign(
      me.mustChangePassword
        ? PASSWORD_CHANGE_PAGE
        : (safeNext(new URLSearchParams(location.search).get('next')) ?? homeOf(me.role)),
    );
  } catch (e) {
    if (status) status.textContent = '';
    const failure = e instanceof ApiFailure ? e : new ApiFailure(0, 'network', '登录失败，请稍后重试');
    if (failure.status === 401)
      showErrors(form, { login: failure.message || '账号或密码不正确' }, '无法登录');
    else if (Object.keys(failure.fields).length > 0) showErrors(form, failure.fields, '无法登录');
    else showErrors(form, { _: failure.message }, '无法登录');
  } finally {
    if (button) button.disabled = false;
  }
});
