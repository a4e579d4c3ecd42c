/**
 * zod field types built on the shared validators, so the browser and the API give the same Chinese message
 * for the same input.
 */
import { z } from 'zod';
import { PASSWORD_HINT, PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from './accounts/password-rules.ts';
import { checkIdNumber } from './id-number.ts';
import { checkContactPhone, checkMobile } from './phone.ts';
import { checkUscc } from './uscc.ts';

// Messages zod gives on its own (a wrong type, say) are in Chinese too.
z.config(z.locales.zhCN());

type Check = (input: string) => { ok: true; value: string } | { ok: false; message: string };

function checked(check: Check) {
  return z.string({ error: '请填写此项' }).transform((input, ctx) => {
    const result = check(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });
}

// Free text of every form follows one rule (text.ts); re-exported here beside the other field types.
export { multilineText, optionalText, personName, text } from './text.ts';

export const usccField = checked(checkUscc);
export const mobileField = checked(checkMobile);
export const contactPhoneField = checked(checkContactPhone);
export const idNumberField = checked((input) => checkIdNumber(input));
export const emailField = z
  .string({ error: '请填写电子邮箱' })
  .trim()
  .max(100, '电子邮箱不能超过 100 个字符')
  .pipe(z.email('电子邮箱格式不正确，请填写如 name@example.com 的地址'));
export const monthField = z
  .string({ error: '请填写年月' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '年月格式应为 YYYY-MM，例如 2021-03');
export const dateField = z
  .string({ error: '请填写日期' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD，例如 2024-08-01');
/** A new password: the shared rules of accounts/password-rules.ts (the server adds its common-password list). */
export const passwordField = z
  .string({ error: '请填写密码' })
  .min(PASSWORD_MIN, `密码至少 ${PASSWORD_MIN} 位。${PASSWORD_HINT}`)
  .max(PASSWORD_MAX, `密码不能超过 ${PASSWORD_MAX} 位`)
  .superRefine((password, ctx) => {
    const message = password.length >= PASSWORD_MIN ? passwordProblem(password) : undefined;
    if (message) ctx.addIssue({ code: 'custom', message });
  });

/** Turns zod issues into `{ field path: first message }` for the error summary. */
export function issuesToFields(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}
