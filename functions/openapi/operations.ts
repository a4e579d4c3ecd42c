/**
 * Every endpoint of the API with the zod schemas its route validates with and answers with. The OpenAPI
 * document is generated from this list; a test checks that each route of the app appears here.
 */
import { z } from 'zod';
import { apiErrorBody, attachmentInfo, filingDetail, filingList, me } from '../../src/shared/api-types.ts';
import { attachmentKindCodes } from '../../src/shared/filing-form.ts';
import { staffAccount } from '../routes/accounts.ts';
import { credentials, passwordChange, registration } from '../routes/auth.ts';
import { citySummaryQuery } from '../routes/exports.ts';
import { filingAction, filingCreate, filingListQuery, filingSave, revealRequest } from '../routes/filings.ts';

export type Operation = {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  tag: string;
  summary: string;
  /** Who may call it; omitted = anyone. */
  roles?: string;
  query?: z.ZodType;
  body?: z.ZodType;
  multipart?: z.ZodType;
  /** Success answers: status → schema (or a media type for files). */
  ok: Record<number, z.ZodType | string | null>;
  errors?: number[];
};

const me200 = z.object({ me });
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const upload = z.object({ kind: z.enum(attachmentKindCodes), file: z.string().meta({ format: 'binary' }) });
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

export const operations: Operation[] = [
  {
    method: 'get',
    path: '/api/health',
    tag: '系统',
    summary: '健康检查（含数据库）',
    ok: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok'), time: z.string() }) },
    errors: [503],
  },
  {
    method: 'post',
    path: '/api/auth/register',
    tag: '账号',
    summary: '企业注册（一个统一社会信用代码一个账号），成功后即登录',
    body: registration,
    ok: { 201: me200 },
    errors: [400, 403, 409],
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
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/api/filings',
    tag: '备案',
    summary: '备案列表（企业：本企业；市州：本市州已提交的；省级：全省已提交的）',
    roles: 'enterprise, city_tourism, province_tourism, market_regulation',
    query: filingListQuery,
    ok: { 200: filingList },
    errors: [400, 401, 403],
  },
  {
    method: 'post',
    path: '/api/filings',
    tag: '备案',
    summary: '新建备案草稿（new：新备案；change：变更首席质量官）',
    roles: 'enterprise',
    body: filingCreate,
    ok: { 201: filingDetail },
    errors: [400, 401, 403, 409],
  },
  {
    method: 'get',
    path: '/api/filings/{id}',
    tag: '备案',
    summary: '备案详情（身份证号脱敏；审核人员可见历史记录）',
    roles: '可查看该备案者',
    ok: { 200: filingDetail },
    errors: [401, 404],
  },
  {
    method: 'put',
    path: '/api/filings/{id}',
    tag: '备案',
    summary: '保存草稿（可不完整；身份证号只写不读）；problems 列出提交前需改正之处',
    roles: 'enterprise（草稿或退回修改状态）',
    body: filingSave,
    ok: { 200: z.object({ filing: filingDetail, problems: z.record(z.string(), z.string()) }) },
    errors: [400, 401, 404, 409, 413],
  },
  {
    method: 'post',
    path: '/api/filings/{id}/submit',
    tag: '备案',
    summary: '提交备案（校验全部字段、任职条件、附件、同一人重复备案）',
    roles: 'enterprise',
    ok: { 200: filingDetail },
    errors: [401, 403, 404, 409, 422],
  },
  {
    method: 'post',
    path: '/api/filings/{id}/actions',
    tag: '审核',
    summary: '办理：撤回、初审、复审、退回、不予通过、记录培训、认定、申请注销、注销',
    roles: '按操作：enterprise / city_tourism（本市州）/ province_tourism / market_regulation',
    body: filingAction,
    ok: { 200: filingDetail },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/api/filings/{id}/reveal-id',
    tag: '审核',
    summary: '查看完整身份证号（记入历史）',
    roles: 'city_tourism（本市州）, province_tourism, market_regulation',
    body: revealRequest,
    ok: { 200: z.object({ idNumber: z.string() }) },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'post',
    path: '/api/filings/{id}/attachments',
    tag: '附件',
    summary: '上传附件（PDF、JPEG、PNG，按内容识别，≤ 10 MB）',
    roles: 'enterprise（草稿或退回修改状态）',
    multipart: upload,
    ok: { 201: attachmentInfo },
    errors: [400, 401, 404, 409, 413, 415, 422],
  },
  {
    method: 'get',
    path: '/api/filings/{id}/attachments/{attachmentId}',
    tag: '附件',
    summary: '下载附件（Content-Disposition: attachment）',
    roles: '可查看该备案者',
    ok: { 200: 'application/octet-stream' },
    errors: [401, 404],
  },
  {
    method: 'delete',
    path: '/api/filings/{id}/attachments/{attachmentId}',
    tag: '附件',
    summary: '删除附件',
    roles: 'enterprise（草稿或退回修改状态）',
    ok: { 204: null },
    errors: [401, 404, 409],
  },
  {
    method: 'get',
    path: '/api/exports/city-summary.xlsx',
    tag: '导出',
    summary: '市州备案汇总表（市州审核员只能导出本市州）',
    roles: 'city_tourism, province_tourism, market_regulation',
    query: citySummaryQuery,
    ok: { 200: xlsx },
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/api/exports/registry.xlsx',
    tag: '导出',
    summary: '全省已认定首席质量官（报送全国首席质量官数据库、吉林省质量专家数据库）',
    roles: 'province_tourism, market_regulation',
    ok: { 200: xlsx },
    errors: [401, 403],
  },
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
    path: '/api/accounts/{id}/enable',
    tag: '管理',
    summary: '启用账号',
    roles: 'admin',
    ok: { 200: z.object({ ok: z.boolean() }) },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: '系统',
    summary: '本文档（OpenAPI 3.1）',
    ok: { 200: 'application/json' },
  },
  {
    method: 'get',
    path: '/api/reference',
    tag: '系统',
    summary: '接口说明（HTML）',
    ok: { 200: 'text/html' },
  },
];

export { apiErrorBody };
