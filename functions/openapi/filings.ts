/** The endpoints of filings: the form, its review, its attachments and the reviewers' exports. */
import { z } from 'zod';
import { filingAction } from '../../src/shared/filings/actions.ts';
import { attachmentInfo, filingDetail, filingList } from '../../src/shared/filings/answers.ts';
import { attachmentKindCodes } from '../../src/shared/filings/form.ts';
import {
  citySummaryQuery,
  filingCreate,
  filingListQuery,
  filingSave,
  revealRequest,
} from '../../src/shared/filings/requests.ts';
import { XLSX_TYPE as xlsx } from '../http/download.ts';
import type { Operation } from './operation.ts';

const upload = z.object({ kind: z.enum(attachmentKindCodes), file: z.string().meta({ format: 'binary' }) });

export const filingOperations: Operation[] = [
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
    summary: '新建备案草稿（new：首次备案；change：变更备案）',
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
];
