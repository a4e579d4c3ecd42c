/** The endpoints of signing up, signing in and the admin's account management. */
import { z } from 'zod';
import { me } from '../../src/shared/accounts/answers.ts';
import {
  credentials,
  passwordChange,
  passwordReset,
  registration,
  staffAccount,
} from '../../src/shared/accounts/requests.ts';
import type { Operation } from './operation.ts';

const me200 = z.object({ me });
const accountList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      role: z.string(),
      login: z.string(),
      displayName: z.string(),
      city: z.string().nullable(),
      disabled: z.boolean(),
      createdAt: z.string(),
    }),
  ),
});

export const authOperations: Operation[] = [
  {
    method: 'post',
    path: '/api/auth/register',
    tag: '账号',
    summary: '企业注册（一个统一社会信用代码一个账号），成功后即登录',
    body: registration,
    ok: { 201: me200 },
    errors: [400, 403, 409, 429],
  },
  {
    method: 'post',
    path: '/api/auth/login',
    tag: '账号',
    summary: '登录（企业用统一社会信用代码，审核人员用用户名）',
    body: credentials,
    ok: { 200: me200 },
    errors: [400, 401, 403, 429],
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    tag: '账号',
    summary: '退出登录',
    ok: { 204: null },
    errors: [403],
  },
  {
    method: 'get',
    path: '/api/auth/me',
    tag: '账号',
    summary: '当前登录账号',
    roles: '任何已登录账号',
    ok: { 200: me200 },
    errors: [401],
  },
  {
    method: 'post',
    path: '/api/auth/password',
    tag: '账号',
    summary: '修改密码（结束该账号的其他所有会话）',
    roles: '任何已登录账号',
    body: passwordChange,
    ok: { 200: me200 },
    errors: [400, 401, 403, 429],
  },
];

export const accountOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/accounts',
    tag: '管理',
    summary: '账号列表',
    roles: 'admin',
    ok: { 200: accountList },
    errors: [401, 403],
  },
  {
    method: 'post',
    path: '/api/accounts',
    tag: '管理',
    summary: '创建审核人员或管理员账号',
    roles: 'admin',
    body: staffAccount,
    ok: { 201: z.object({ id: z.string() }) },
    errors: [400, 401, 403, 409],
  },
  {
    method: 'post',
    path: '/api/accounts/{id}/disable',
    tag: '管理',
    summary: '停用账号（同时结束其会话）',
    roles: 'admin',
    ok: { 200: z.object({ ok: z.boolean() }) },
    errors: [401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/api/accounts/{id}/password',
    tag: '管理',
    summary: '重置账号密码（结束其全部会话；本人下次登录须先修改）',
    roles: 'admin',
    body: passwordReset,
    ok: { 200: z.object({ ok: z.boolean() }) },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/api/accounts/{id}/enable',
    tag: '管理',
    summary: '启用账号',
    roles: 'admin',
    ok: { 200: z.object({ ok: z.boolean() }) },
    errors: [401, 403, 404],
  },
];
