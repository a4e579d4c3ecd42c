/** Change password: current, new, confirm. The server ends every other session. */
import type { Me } from '../../shared/accounts/answers.ts';
import { issuesToFields, passwordField } from '../../shared/fields.ts';
import { goToLogin } from '../lib/account-ui.ts';
import { ApiFailure, call } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { clearErrors, type FieldErrors, showErrors } from '../lib/forms.ts';
import { homeOf } from '../lib/staff.ts';

const form = document.querySelector<HTMLFormElement>('#password-form');
const status = document.querySelector<HTMLElement>('#password-status');

function input(name: string): HTMLInputElement {
  return form?.elements.namedItem(name) as HTMLInputElement;
}

// Lets password managers store the new password under the right login.
let signedIn: Me | undefined;
call(client.api.auth.me.$get()).then(
  ({ me }) => {
    signedIn = me;
    input('username').value = me.login;
    const required = document.getElementById('password-required');
    if (required) required.hidden = !me.mustChangePassword;
  },
  (e) => {
    if (e instanceof ApiFailure && e.status === 401) goToLogin();
  },
);

form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const currentPassword = input('currentPassword').value;
  const newPassword = input('newPassword').value;
  const errors: FieldErrors = {};
  if (!currentPassword) errors.currentPassword = '请填写当前密码';
  const parsed = passwordField.safeParse(newPassword);
  if (!parsed.success) errors.newPassword = issuesToFields(parsed.error.issues)._ ?? '请填写新密码';
  else if (newPassword === currentPassword) errors.newPassword = '新密码不能与当前密码相同';
  if (!errors.newPassword && input('newPasswordConfirm').value !== newPassword) {
    errors.newPasswordConfirm = '两次输入的新密码不一致，请重新输入确认新密码';
  }
  if (Object.keys(errors).length > 0) {
    showErrors(form, errors, '请修改以下内容');
    return;
  }
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (button) button.disabled = true;
  if (status) status.textContent = '正在修改……';
  try {
    await call(client.api.auth.password.$post({ json: { currentPassword, newPassword } }));
    clearErrors(form);
    for (const name of ['currentPassword', 'newPassword', 'newPasswordConfirm']) input(name).value = '';
    if (status) status.textContent = '密码已修改。其他设备上的登录已全部退出。';
    // After replacing an initial password, go on to what the account is for.
    if (signedIn?.mustChangePassword) location.assign(homeOf(signedIn.role));
  } catch (e) {
    if (status) status.textContent = '';
    const failure = e instanceof ApiFailure ? e : new ApiFailure(0, 'network', '修改失败，请稍后重试');
    if (Object.keys(failure.fields).length > 0) showErrors(form, failure.fields, '无法修改密码');
    else if (failure.status === 401 && failure.code === 'unauthenticated') goToLogin();
    else if (failure.status === 400 || failure.status === 401 || failure.status === 403) {
      showErrors(form, { currentPassword: failure.message }, '无法修改密码');
    } else showErrors(form, { _: failure.message }, '无法修改密码');
  } finally {
    if (button) button.disabled = false;
  }
});
