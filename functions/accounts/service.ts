/** Signing up, signing in and changing passwords: decisions only; routes handle HTTP. */
import {
  type AccountRow,
  findAccount,
  findAccountByLogin,
  findEnterprise,
  findEnterpriseByUscc,
  insertEnterpriseAccount,
  replacePassword,
} from '../../db/queries/accounts/accounts.ts';
import type { Me } from '../../src/shared/accounts/answers.ts';
import type { Deps } from '../deps.ts';
import { ok, type Refusal, type Result, refuse } from '../result.ts';
import { decoyHash, hashPassword, verifyPassword } from './password.ts';
import { weakPassword } from './password-rules.ts';
import { createSession, purgeExpiredSessions } from './sessions.ts';
import { beginGuess, beginRegistration, guessSucceeded, minutes } from './throttle.ts';

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

/** Too many attempts: the message says how long to wait, `retryAfter` tells programs (Retry-After). */
const tooMany = (waitMs: number, message: string): Refusal => ({
  ...refuse(429, 'locked', message),
  retryAfter: Math.ceil(waitMs / 1000),
});

const taken = refuse(
  409,
  'uscc_taken',
  '该统一社会信用代码已注册。请直接登录；如忘记密码，请联系所在市（州）文旅部门核实身份后由系统管理员重置',
);

/**
 * Registers an enterprise and signs it in. Counted per client address before any password hashing (self-
 * registration is open to anyone and scrypt is deliberately slow).
 */
export async function registerEnterprise(
  deps: Deps,
  input: Registration,
  ip?: string,
): Promise<Result<{ account: AccountRow; token: string }>> {
  const { db } = deps;
  const weak = await weakPassword(input.password, { login: input.uscc, uscc: input.uscc }, 'password');
  if (weak) return weak;
  const wait = await beginRegistration(db, ip, deps.now());
  if (wait > 0) {
    return tooMany(
      wait,
      `从您所在网络提交的注册过多，请 ${minutes(wait)}后再试；如需为多家企业注册，请分批办理`,
    );
  }
  if (await findEnterpriseByUscc(db, input.uscc)) return taken;
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
  // 'taken' only for the unique index on USCC/login (a simultaneous registration won); other errors propagate.
  const inserted = await insertEnterpriseAccount(
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
  if (inserted === 'taken') return taken;
  return ok({ account, token: await createSession(db, account.id, now) });
}

const lockedMessage = (waitMs: number) => `登录尝试过于频繁，请 ${minutes(waitMs)}后再试`;

export const demoRefused = refuse(
  403,
  'demo_disabled',
  '本平台已关闭演示数据，演示账号不能登录。请使用管理员为您开设的账号，或以统一社会信用代码注册企业账号',
);

/**
 * Signs in with a login and password. The guess is counted before the password is checked (see throttle.ts);
 * unknown accounts take the same time and get the same answer as wrong passwords.
 */
export async function signIn(
  deps: Deps,
  login: string,
  password: string,
  ip: string | undefined,
): Promise<Result<{ account: AccountRow; token: string }>> {
  const { db } = deps;
  const now = deps.now();
  const normalized = login.trim();
  const gate = await beginGuess(db, normalized, ip, now);
  if (!gate.ok) return tooMany(gate.waitMs, lockedMessage(gate.waitMs));
  // Expired sessions and old counters go a bounded batch at a time, on a request: Workers have no cron here.
  await purgeExpiredSessions(db, now);
  const account =
    (await findAccountByLogin(db, normalized)) ?? (await findAccountByLogin(db, normalized.toUpperCase()));
  const valid = await verifyPassword(account?.passwordHash ?? (await decoyHash(deps.passwordCost)), password);
  if (!account || !valid || account.disabled) return refuse(401, 'bad_credentials', '账号或密码不正确');
  await guessSucceeded(db, gate.attempt);
  // Checked after the password, so it tells nothing about accounts to someone who does not know one.
  if (account.demo && deps.refuseDemoAccounts) return demoRefused;
  return ok({ account, token: await createSession(db, account.id, now) });
}

/** Changes the signed-in account's password; wrong current passwords count as guesses like failed logins. */
export async function changePassword(
  deps: Deps,
  accountId: string,
  current: string,
  next: string,
  ip?: string,
): Promise<Result<{ token: string }>> {
  const account = await findAccount(deps.db, accountId);
  if (!account) return refuse(403, 'bad_password', '当前密码不正确');
  const gate = await beginGuess(deps.db, account.login, ip, deps.now());
  if (!gate.ok) return tooMany(gate.waitMs, `当前密码输错次数过多，请 ${minutes(gate.waitMs)}后再试`);
  if (!(await verifyPassword(account.passwordHash, current)))
    return refuse(403, 'bad_password', '当前密码不正确，请重新输入');
  await guessSucceeded(deps.db, gate.attempt);
  const weak = await weakPassword(next, { login: account.login }, 'newPassword');
  if (weak) return weak;
  await replacePassword(deps.db, accountId, await hashPassword(next, deps.passwordCost));
  return ok({ token: await createSession(deps.db, accountId, deps.now()) });
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
