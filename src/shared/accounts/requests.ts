/** What the accounts API accepts (zod): the API validates with these, OpenAPI documents them. */
import { z } from 'zod';
import { contactPhoneField, passwordField, personName, text, usccField } from '../fields.ts';
import { cityCodes, enterpriseTypeCodes, gradesOf } from '../labels.ts';

/** An enterprise signing up (POST /api/auth/register). */
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

/** A reviewer or admin account an admin (or the account CLI) creates. */
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

/** A password an admin sets for someone who forgot theirs. */
export const passwordReset = z.object({ password: passwordField }).strict();
