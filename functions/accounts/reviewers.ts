/**
 * Accounts an admin manages: reviewer and admin accounts, created by an admin (or the CLI) and never with a
 * default password; disabling, enabling and resetting the password of any account but the admin's own.
 */
import {
  findAccount,
  findAccountByLogin,
  insertAccount,
  listAccounts,
  resetPassword,
  setAccountDisabled,
} from '../../db/queries/accounts/accounts.ts';
import type { Role } from '../../src/shared/filings/status.ts';
import type { Deps, SignedIn } from '../deps.ts';
import { passwordResetNotices } from '../notifications/triggers.ts';
import { ok, type Result, refuse } from '../result.ts';
import { hashPassword } from './password.ts';
import { weakPassword } from './password-rules.ts';

export type NewStaffAccount = {
  role: Exclude<Role, 'enterprise'>;
  login: string;
  displayName: string;
  city?: string;
  password: string;
  demo?: boolean;
};

const noAccount = refuse(404, 'not_found', '未找到该账号');

/** Every account, for the admin's list. */
export async function accountList(deps: Deps) {
  const rows = await listAccounts(deps.db);
  return ok({
    items: rows.map((a) => ({
      id: a.id,
      role: a.role,
      login: a.login,
      displayName: a.displayName,
      city: a.city,
      disabled: a.disabled,
      createdAt: a.createdAt.toISOString(),
    })),
  });
}

export async function createStaffAccount(
  deps: Deps,
  input: NewStaffAccount,
): Promise<Result<{ id: string }>> {
  const weak = await weakPassword(input.password, { login: input.login }, 'password');
  if (weak) return weak;
  if (await findAccountByLogin(deps.db, input.login))
    return refuse(409, 'login_taken', `登录名“${input.login}”已被使用，请换一个`);
  const id = crypto.randomUUID();
  await insertAccount(deps.db, {
    id,
    role: input.role,
    login: input.login,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password, deps.passwordCost),
    city: input.role === 'city_tourism' ? (input.city ?? null) : null,
    enterpriseId: null,
    disabled: false,
    demo: input.demo ?? false,
    // Whoever chose this password is not its holder (an admin, or the CLI's printout): the holder replaces it.
    mustChangePassword: !input.demo,
    createdAt: deps.now(),
  });
  return ok({ id });
}

/**
 * Disables an account and ends its sessions, or enables it again. An admin cannot disable their own account
 * (they would shut themselves out there and then).
 */
export async function setDisabled(
  deps: Deps,
  me: SignedIn,
  id: string,
  disabled: boolean,
): Promise<Result<{ ok: true }>> {
  if (disabled && id === me.id) return refuse(409, 'self', '不能停用自己的账号');
  return (await setAccountDisabled(deps.db, id, disabled)) ? ok({ ok: true }) : noAccount;
}

/**
 * Sets a password an admin chose (the holder forgot theirs); the holder must replace it at the next login.
 * An admin's own password is changed like anyone's, knowing the current one.
 */
export async function resetAccountPassword(
  deps: Deps,
  me: SignedIn,
  id: string,
  password: string,
): Promise<Result<{ ok: true }>> {
  if (id === me.id) return refuse(409, 'self', '请在“修改密码”页面修改自己的密码');
  const account = await findAccount(deps.db, id);
  if (!account) return noAccount;
  const weak = await weakPassword(password, { login: account.login }, 'password');
  if (weak) return weak;
  const done = await resetPassword(
    deps.db,
    id,
    await hashPassword(password, deps.passwordCost),
    passwordResetNotices(deps, id),
  );
  return done ? ok({ ok: true }) : noAccount;
}
