/** The endpoints of the API itself: its health and its own description. */
import { z } from 'zod';
import type { Operation } from './operation.ts';

export const healthOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/health',
    tag: '系统',
    summary: '健康检查（含数据库）',
    ok: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok'), time: z.string() }) },
    errors: [503],
  },
];

export const docsOperations: Operation[] = [
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
