/** Signing up, signing in and changing passwords: decisions only; routes handle HTTP. */
import {
  type AccountRow,
  findAccount,
  findAccountByLogin,
  findEnterprise,
  findEnterpriseByUscc,
  insertEnterpriseAccount,
  replacePassword,
} from '../../db/queries/accounts.ts';
import type { Me } from '../../src/shared/api-types.ts';
import type { Deps } from '../deps.ts';
import { decoyHash, hashPassword, verifyPassword } from './password.ts';
import { createSession } from './sessions.ts';
import { lockedFor, recordFailure, recordSuccess } from './throttle.ts';

export type Registration = {
  uscc: string;
  name: string;
  type: string;
  grade: string | null;
  city: string;
  contactName: string;
  contactPhone: string;
  password: string;
};

export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; status: 401 | 403 | 409 | 429; code: string; message: string };

export async function registerEnterprise(
  deps: Deps,
  input: Registration,
): Promise<Outcome<{ account: AccountRow; token: string }>> {
  const { db } = deps;
  if (await findEnterpriseByUscc(db, input.uscc)) {
    return {
      ok: false,
      status: 409,
      code: 'uscc_taken',
      message:
        '该统一社会信用代码已注册。请直接登录；如忘记密码，请联系所在市（州）文旅部门核实身份后由系统管理员重置',
    };
  }
  const now = deps.now();
  const enterpriseId = crypto.randomUUID();
  const account = {
    id: crypto.randomUUID(),
    role: 'enterprise' as const,
    login: input.uscc,
    displayName: input.name,
    passwordHash: await hashPassword(input.password, deps.passwordCost),
    city: input.city,
    enterpriseId,
    disabled: false,
    demo: false,
    mustChangePassword: false,
    createdAt: now,
  };
  try {
    await insertEnterpriseAccount(
      db,
      {
        id: enterpriseId,
        uscc: input.uscc,
        name: input.name,
        type: input.type,
        grade: input.grade,
        city: input.city,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        createdAt: now,
      },
      account,
    );
  } catch {
    // A concurrent registration of the same USCC lost the race on the unique index.
    return { ok: false, status: 409, code: 'uscc_taken', message: '该统一社会信用代码已注册，请直接登录' };
  }
  return { ok: true, value: { account, token: await createSession(db, account.id, now) } };
}

export async function signIn(
  deps: Deps,
  login: string,
  password: string,
  ip: string | undefined,
): Promise<Outcome<{ account: AccountRow; token: string }>> {
  const { db } = deps;
  const now = deps.now();
  const normalized = login.trim();
  const wait = await lockedFor(db, normalized, ip, now);
  if (wait > 0) {
    return {
      ok: false,
      status: 429,
      code: 'locked',
      message: `登录失败次数过多，请 ${Math.ceil(wait / 60_000)} 分钟后再试`,
    };
  }
  const account =
    (await findAccountByLogin(db, normalized)) ?? (await findAccountByLogin(db, normalized.toUpperCase()));
  const valid = await verifyPassword(account?.passwordHash ?? (await decoyHash(deps.passwordCost)), password);
  if (!account || !valid || account.disabled) {
    await recordFailure(db, normalized, ip, now);
    return { ok: false, status: 401, code: 'bad_credentials', message: '账号或密码不正确' };
  }
  await recordSuccess(db, normalized);
  return { ok: true, value: { account, token: await createSession(db, account.id, now) } };
}

export async function changePassword(
  deps: Deps,
  accountId: string,
  current: string,
  next: string,
): Promise<Outcome<{ token: string }>> {
  const account = await findAccount(deps.db, accountId);
  if (!account || !(await verifyPassword(account.passwordHash, current))) {
    return { ok: false, status: 403, code: 'bad_password', message: '当前密码不正确' };
  }
  await replacePassword(deps.db, accountId, await hashPassword(next, deps.passwordCost));
  return { ok: true, value: { token: await createSession(deps.db, accountId, deps.now()) } };
}

/** What the browser is told about the signed-in account. */
export async function describeMe(deps: Deps, account: AccountRow): Promise<Me> {
  const enterprise = account.enterpriseId ? await findEnterprise(deps.db, account.enterpriseId) : undefined;
  return {
    id: account.id,
    role: account.role,
    login: account.login,
    displayName: account.displayName,
    city: account.city,
    mustChangePassword: account.mustChangePassword,
    enterprise: enterprise
      ? {
          id: enterprise.id,
          name: enterprise.name,
          uscc: enterprise.uscc,
          type: enterprise.type,
          grade: enterprise.grade,
          city: enterprise.city,
          contactName: enterprise.contactName,
          contactPhone: enterprise.contactPhone,
        }
      : null,
  };
}
