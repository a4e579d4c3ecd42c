/** Reviewer and admin accounts, created by an admin (or the CLI); never with a default password. */
import {
  findAccount,
  findAccountByLogin,
  insertAccount,
  resetPassword,
} from '../../db/queries/accounts/accounts.ts';
import type { Role } from '../../src/shared/filings/status.ts';
import type { Deps } from '../deps.ts';
import { hashPassword } from './password.ts';
import { weakPassword } from './password-rules.ts';
import type { Outcome } from './service.ts';

export type NewStaffAccount = {
  role: Exclude<Role, 'enterprise'>;
  login: string;
  displayName: string;
  city?: string;
  password: string;
  demo?: boolean;
};

export async function createStaffAccount(
  deps: Deps,
  input: NewStaffAccount,
): Promise<Outcome<{ id: string }>> {
  const weak = await weakPassword(input.password, { login: input.login }, 'password');
  if (weak) return weak;
  if (await findAccountByLogin(deps.db, input.login)) {
    return {
      ok: false,
      status: 409,
      code: 'login_taken',
      message: `登录名“${input.login}”已被使用，请换一个`,
    };
  }
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
  return { ok: true, value: { id } };
}

const noAccount = { ok: false, status: 404, code: 'not_found', message: '未找到该账号' } as const;

/** Sets a password an admin chose (the holder forgot theirs); the holder must replace it at the next login. */
export async function resetAccountPassword(deps: Deps, id: string, password: string): Promise<Outcome<null>> {
  const account = await findAccount(deps.db, id);
  if (!account) return noAccount;
  const weak = await weakPassword(password, { login: account.login }, 'password');
  if (weak) return weak;
  const done = await resetPassword(deps.db, id, await hashPassword(password, deps.passwordCost));
  return done ? { ok: true, value: null } : noAccount;
}
