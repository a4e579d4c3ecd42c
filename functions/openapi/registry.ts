/** The endpoints of the public registry: lookup and verification, open data, statistics. */
import {
  cqoRecord,
  openDataRegistry,
  publicCqoList,
  registryStats,
} from '../../src/shared/registry/answers.ts';
import { cqoListQuery } from '../../src/shared/registry/requests.ts';
import type { Operation } from './operation.ts';

export const registryOperations: Operation[] = [
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
];
