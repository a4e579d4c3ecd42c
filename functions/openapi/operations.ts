/**
 * Every endpoint of the API with the zod schemas its route validates with and answers with. The OpenAPI
 * document is generated from this list; a test checks that each route of the app appears here.
 */
import { z } from 'zod';
import { me } from '../../src/shared/accounts/answers.ts';
import { apiErrorBody } from '../../src/shared/api-error.ts';
import {
  eventList,
  eventSummary,
  registrationChange,
  registrationDetail,
  registrationList,
  roster,
} from '../../src/shared/events/answers.ts';
import {
  attendeeSelection,
  checkInInput,
  eventCreate,
  eventUpdate,
  registrationInput,
} from '../../src/shared/events/schemas.ts';
import { filingAction } from '../../src/shared/filings/actions.ts';
import { attachmentInfo, filingDetail, filingList } from '../../src/shared/filings/answers.ts';
import { attachmentKindCodes } from '../../src/shared/filings/form.ts';
import {
  cqoRecord,
  openDataRegistry,
  publicCqoList,
  registryStats,
} from '../../src/shared/registry/answers.ts';
import { passwordReset, staffAccount } from '../routes/accounts.ts';
import { credentials, passwordChange, registration } from '../routes/auth.ts';
import { cqoListQuery } from '../routes/cqos.ts';
import { citySummaryQuery } from '../routes/exports.ts';
import { filingCreate, filingListQuery, filingSave, revealRequest } from '../routes/filings.ts';

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
  {
    method: 'get',
    path: '/api/filings',
    tag: '备案',
    summary:
      '备案列表（企业：本企业；市州：本市州已提交的；省级：全省已提交的）；deregistrationRequested=true 只列企业申请注销、待办理的；deregistrationRequests 为其数量',
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
    errors: [401, 403, 404],
  },
  {
    method: 'put',
    path: '/api/filings/{id}',
    tag: '备案',
    summary: '保存草稿（可不完整；身份证号只写不读）；problems 列出提交前需改正之处',
    roles: 'enterprise（草稿或退回修改状态；审核人员 403）',
    body: filingSave,
    ok: { 200: z.object({ filing: filingDetail, problems: z.record(z.string(), z.string()) }) },
    errors: [400, 401, 403, 404, 409, 413],
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
    summary: '办理：撤回、初审、复审、退回、不予通过、记录培训、认定、申请注销、注销、撤回公开姓名的同意',
    roles:
      '按操作：enterprise / city_tourism（本市州）/ province_tourism / market_regulation（撤回公开姓名的同意：enterprise 或应本人申请的 market_regulation）',
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
    summary: '上传附件（PDF、JPEG、PNG，按内容识别，≤ 10 MB；记入历史）',
    roles:
      'enterprise（草稿或退回修改状态；培训证明另可在待培训、培训合格时）, market_regulation（仅培训证明：待培训、培训合格、已认定）',
    multipart: upload,
    ok: { 201: attachmentInfo },
    errors: [400, 401, 403, 404, 409, 413, 415, 422],
  },
  {
    method: 'get',
    path: '/api/filings/{id}/attachments/{attachmentId}',
    tag: '附件',
    summary: '下载附件（Content-Disposition: attachment；提交后删除的附件仅审核人员可下载）',
    roles: '可查看该备案者',
    ok: { 200: 'application/octet-stream' },
    errors: [401, 403, 404],
  },
  {
    method: 'delete',
    path: '/api/filings/{id}/attachments/{attachmentId}',
    tag: '附件',
    summary: '删除附件（记入历史；备案提交过的，文件保留供审核人员查看）',
    roles: '与上传相同',
    ok: { 204: null },
    errors: [401, 403, 404, 409],
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
  {
    method: 'get',
    path: '/api/cqos',
    tag: '公开查询',
    summary:
      '查询公开名录中的首席质量官（本人同意公开的；姓名、企业名称、备案编号、统一社会信用代码，多个词用空格分开须同时符合；编号与代码精确匹配优先，其次姓名完全一致）；按 IP 限流（每分钟 600 次）',
    query: cqoListQuery,
    ok: { 200: publicCqoList },
    errors: [400, 429, 503],
  },
  {
    method: 'get',
    path: '/api/cqos/{filingNo}',
    tag: '公开查询',
    summary:
      '按备案编号核验：有效 / 已注销（未同意公开姓名的也回答，姓名为 null）/ 已变更（附变更日期和该企业现在公开的备案编号）；未认定的为 404',
    ok: { 200: cqoRecord },
    errors: [404, 429, 503],
  },
  {
    method: 'get',
    path: '/api/cqos/{filingNo}/qr.svg',
    tag: '公开查询',
    summary: '核验页二维码（SVG，指向 /verify/{filingNo}/；已变更的编号为 404）',
    ok: { 200: 'image/svg+xml' },
    errors: [404, 429, 503],
  },
  {
    method: 'get',
    path: '/api/open-data/cqos.csv',
    tag: '开放数据',
    summary:
      '公开名录全量（CSV，UTF-8 带 BOM，中文表头；仅公开字段）；名录变化后最多约 1 分钟重新生成；支持 gzip、ETag/If-None-Match（304）；按 IP 限流（每分钟 10 次）',
    ok: { 200: 'text/csv', 304: null },
    errors: [429, 503],
  },
  {
    method: 'get',
    path: '/api/open-data/cqos.json',
    tag: '开放数据',
    summary:
      '公开名录全量（JSON；仅公开字段）；名录变化后最多约 1 分钟重新生成；支持 gzip、ETag/If-None-Match（304）；按 IP 限流（每分钟 10 次）',
    ok: { 200: openDataRegistry, 304: null },
    errors: [429, 503],
  },
  {
    method: 'get',
    path: '/api/stats',
    tag: '统计',
    summary:
      '有效首席质量官人数（含未同意公开姓名的）：按市州、按企业类型；近 24 个月每月认定人数（含后来注销或变更的）；缓存 60 秒',
    ok: { 200: registryStats },
    errors: [429, 503],
  },
  {
    method: 'get',
    path: '/api/stats/figures.csv',
    tag: '统计',
    summary: '统计数字表（CSV，UTF-8 带 BOM：分类、项目、人数；不需要 JavaScript 也能取得全部数字）',
    ok: { 200: 'text/csv' },
    errors: [429, 503],
  },
  {
    method: 'get',
    path: '/api/stats/city.svg',
    tag: '统计',
    summary: '按市州统计图（无障碍 SVG 条形图，<title>/<desc> 列出全部数字）',
    ok: { 200: 'image/svg+xml' },
    errors: [429, 503],
  },
  {
    method: 'get',
    path: '/api/stats/type.svg',
    tag: '统计',
    summary: '按企业类型统计图（无障碍 SVG 条形图，<title>/<desc> 列出全部数字）',
    ok: { 200: 'image/svg+xml' },
    errors: [429, 503],
  },
  {
    method: 'get',
    path: '/api/stats/month.svg',
    tag: '统计',
    summary: '近 24 个月认定人数统计图（无障碍 SVG 条形图，<title>/<desc> 列出全部数字）',
    ok: { 200: 'image/svg+xml' },
    errors: [429, 503],
  },
  {
    method: 'get',
    path: '/api/events',
    tag: '活动报名',
    summary: '论坛与经验分享会：报名规则（席位、报名时间、每家企业上限）与实时名额',
    ok: { 200: eventList },
  },
  {
    method: 'post',
    path: '/api/events',
    tag: '活动报名',
    summary: '创建活动（slug 与活动公告 content/forums/{slug}.md 相同）',
    roles: 'admin',
    body: eventCreate,
    ok: { 201: eventSummary },
    errors: [400, 401, 403, 409],
  },
  {
    method: 'get',
    path: '/api/events/{slug}',
    tag: '活动报名',
    summary: '一个活动的报名规则与实时名额',
    ok: { 200: eventSummary },
    errors: [404],
  },
  {
    method: 'put',
    path: '/api/events/{slug}',
    tag: '活动报名',
    summary:
      '修改活动规则；增加席位时候补人员按先后顺序立即递补；席位数不能少于已确认人数；updatedAt 须为读取时的值，期间他人已修改则 409（edited_meanwhile），请刷新后重试',
    roles: 'admin',
    body: eventUpdate,
    ok: { 200: z.object({ event: eventSummary, promoted: z.number() }) },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/api/events/{slug}/registrations',
    tag: '活动报名',
    summary:
      '企业报名参会人员（全部成功或全部不成功）：有空席位即确认，否则进入候补；同一 idempotencyKey 重复提交返回原报名（200）',
    roles: 'enterprise',
    body: registrationInput,
    ok: { 201: registrationDetail, 200: registrationDetail },
    errors: [400, 401, 403, 404, 409, 422],
  },
  {
    method: 'get',
    path: '/api/events/{slug}/roster',
    tag: '活动报名',
    summary: '参会名单（报名先后顺序，含完整手机号）与人数统计',
    roles: 'admin',
    ok: { 200: roster },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/events/{slug}/roster.xlsx',
    tag: '活动报名',
    summary: '导出参会名单（xlsx）',
    roles: 'admin',
    ok: { 200: xlsx },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/registrations',
    tag: '活动报名',
    summary: '本企业的报名（新的在前）',
    roles: 'enterprise',
    ok: { 200: registrationList },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/api/registrations/{code}',
    tag: '活动报名',
    summary: '凭确认码查看报名（无需登录；手机号仅对报名企业和管理员完整显示）',
    ok: { 200: registrationDetail },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/registrations/{code}/cancel',
    tag: '活动报名',
    summary:
      '取消参会人员（仅报名企业本身或管理员；活动开始前；已签到的不能取消）；空出的席位立即由候补第一位递补',
    roles: 'enterprise（报名企业）, admin',
    body: attendeeSelection,
    ok: { 200: registrationChange },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/api/registrations/{code}/check-in',
    tag: '活动报名',
    summary:
      '现场签到：event 为签到的活动，其他活动的确认码 409（other_event）；仅已确认的参会人员；重复签到不改变签到时间',
    roles: 'admin',
    body: checkInInput,
    ok: { 200: registrationChange },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'get',
    path: '/api/registrations/{code}/calendar.ics',
    tag: '活动报名',
    summary: '报名的日历文件（.ics）',
    ok: { 200: 'text/calendar' },
    errors: [404],
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
