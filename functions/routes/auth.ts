import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { contactPhoneField, passwordField, personName, text, usccField } from '../../src/shared/fields.ts';
import { cityCodes, enterpriseTypeCodes, gradesOf } from '../../src/shared/labels.ts';
import type { Outcome } from '../accounts/service.ts';
import { changePassword, describeMe, registerEnterprise, signIn } from '../accounts/service.ts';
import { endSession } from '../accounts/sessions.ts';
import type { AppEnv } from '../deps.ts';
import { apiError } from '../http/errors.ts';
import { clearSessionCookie, requireSignIn, sessionToken, setSessionCookie } from '../http/session.ts';
import { validate } from '../http/validate.ts';

export const registration = z
  .object({
    uscc: usccField,
    name: text('企业名称', 100),
    type: z.enum(enterpriseTypeCodes, { error: '请选择企业类型' }),
    grade: z.string().max(20).nullable(),
    city: z.enum(cityCodes, { error: '请选择所属市州' }),
    contactName: personName('联系人', 50),
    contactPhone: contactPhoneField,
    password: passwordField,
  })
  .strict()
  .superRefine((v, ctx) => {
    const grades = gradesOf(v.type);
    if (grades.length > 0 && !grades.includes(v.grade ?? '')) {
      ctx.addIssue({ code: 'custom', path: ['grade'], message: `请选择等级：${grades.join('、')}` });
    }
    if (grades.length === 0 && v.grade)
      ctx.addIssue({ code: 'custom', path: ['grade'], message: '旅行社无需填写等级' });
  });

export const credentials = z
  .object({
    login: text('登录名', 64),
    password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(128),
  })
  .strict();

export const passwordChange = z
  .object({
    currentPassword: z.string({ error: '请填写当前密码' }).min(1, '请填写当前密码').max(128),
    newPassword: passwordField,
  })
  .strict();

type Refusal = Extract<Outcome<unknown>, { ok: false }>;

/** A refused outcome as the API's error, with Retry-After on 429; `field` names the form field it concerns. */
function refusal(c: Context<AppEnv>, r: Refusal, field?: string) {
  if (r.retryAfter) c.header('Retry-After', String(r.retryAfter));
  const named = r.field ?? field;
  return apiError(
    c,
    r.status,
    r.code,
    r.message,
    named && r.status !== 429 ? { [named]: r.message } : undefined,
  );
}

export const auth = new Hono<AppEnv>()
  .post('/register', validate('json', registration), async (c) => {
    const deps = c.get('deps');
    const result = await registerEnterprise(deps, c.req.valid('json'), deps.clientIp?.(c));
    if (!result.ok) return refusal(c, result, 'uscc');
    setSessionCookie(c, result.value.token, 'enterprise');
    return c.json({ me: await describeMe(c.get('deps'), result.value.account) }, 201);
  })
  .post('/login', validate('json', credentials), async (c) => {
    const deps = c.get('deps');
    const { login, password } = c.req.valid('json');
    const result = await signIn(deps, login, password, deps.clientIp?.(c));
    if (!result.ok) return refusal(c, result);
    setSessionCookie(c, result.value.token, result.value.account.role);
    return c.json({ me: await describeMe(deps, result.value.account) });
  })
  .post('/logout', async (c) => {
    const token = sessionToken(c);
    if (token) await endSession(c.get('deps').db, token);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .get('/me', requireSignIn(), async (c) => {
    const me = c.get('me');
    if (!me) return apiError(c, 401, 'unauthenticated', '请先登录');
    return c.json({ me: await describeMe(c.get('deps'), me) });
  })
  .post('/password', requireSignIn(), validate('json', passwordChange), async (c) => {
    const me = c.get('me');
    if (!me) return apiError(c, 401, 'unauthenticated', '请先登录');
    const deps = c.get('deps');
    const { currentPassword, newPassword } = c.req.valid('json');
    const result = await changePassword(deps, me.id, currentPassword, newPassword, deps.clientIp?.(c));
    if (!result.ok) return refusal(c, result, 'currentPassword');
    setSessionCookie(c, result.value.token, me.role);
    return c.json({ me: await describeMe(c.get('deps'), { ...me, mustChangePassword: false }) });
  });
