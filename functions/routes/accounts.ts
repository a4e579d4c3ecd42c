import { Hono } from 'hono';
import { z } from 'zod';
import { listAccounts, setAccountDisabled } from '../../db/queries/accounts/accounts.ts';
import { passwordField, text } from '../../src/shared/fields.ts';
import { cityCodes } from '../../src/shared/labels.ts';
import { createStaffAccount, resetAccountPassword } from '../accounts/reviewers.ts';
import type { AppEnv } from '../deps.ts';
import { apiError } from '../http/errors.ts';
import { requireRole, signedIn } from '../http/session.ts';
import { validate } from '../http/validate.ts';

export const staffAccount = z
  .object({
    role: z.enum(['city_tourism', 'province_tourism', 'market_regulation', 'admin'], { error: '请选择角色' }),
    login: z
      .string({ error: '请填写登录名' })
      .trim()
      .regex(/^[a-z][a-z0-9_-]{2,31}$/, '登录名由 3–32 位小写字母、数字、下划线或连字符组成，以字母开头'),
    displayName: text('姓名或单位名称', 50),
    city: z.enum(cityCodes, { error: '请选择所属市州' }).optional(),
    password: passwordField,
  })
  .strict()
  .refine((v) => v.role !== 'city_tourism' || v.city, {
    message: '市（州）文旅部门账号须选择所属市州',
    path: ['city'],
  });

export const passwordReset = z.object({ password: passwordField }).strict();

export const accounts = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => {
    const rows = await listAccounts(c.get('deps').db);
    return c.json({
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
  })
  .post('/', validate('json', staffAccount), async (c) => {
    const result = await createStaffAccount(c.get('deps'), c.req.valid('json'));
    return result.ok
      ? c.json(result.value, 201)
      : apiError(c, result.status, result.code, result.message, {
          [result.field ?? 'login']: result.message,
        });
  })
  .post('/:id/disable', async (c) => {
    if (c.req.param('id') === signedIn(c).id) return apiError(c, 409, 'self', '不能停用自己的账号');
    return (await setAccountDisabled(c.get('deps').db, c.req.param('id'), true))
      ? c.json({ ok: true })
      : apiError(c, 404, 'not_found', '未找到该账号');
  })
  .post('/:id/password', validate('json', passwordReset), async (c) => {
    if (c.req.param('id') === signedIn(c).id)
      return apiError(c, 409, 'self', '请在“修改密码”页面修改自己的密码');
    const done = await resetAccountPassword(c.get('deps'), c.req.param('id'), c.req.valid('json').password);
    if (!done.ok)
      return apiError(
        c,
        done.status,
        done.code,
        done.message,
        done.field ? { [done.field]: done.message } : undefined,
      );
    return c.json({ ok: true });
  })
  .post('/:id/enable', async (c) =>
    (await setAccountDisabled(c.get('deps').db, c.req.param('id'), false))
      ? c.json({ ok: true })
      : apiError(c, 404, 'not_found', '未找到该账号'),
  );
