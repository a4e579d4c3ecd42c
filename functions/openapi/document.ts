/** The OpenAPI 3.1 document, generated from the operations and their zod schemas. */
import { z } from 'zod';
import { apiErrorBody } from '../../src/shared/api-error.ts';
import { type Operation, operations } from './operations.ts';

const errorText: Record<number, string> = {
  400: '参数或内容不正确（fields 逐项说明）',
  401: '未登录或会话已过期',
  403: '无权进行此操作，或跨站请求被拒绝',
  404: '不存在或无权查看',
  409: '状态已变化或与现有数据冲突',
  413: '内容过大',
  415: '文件类型不受支持',
  422: '内容不完整或不符合条件（fields 逐项说明）',
  429: '请求过多，请稍后再试',
  503: '服务暂时不可用',
};

/** Every 429 says how long to wait. */
const retryAfter = {
  description: '需等待的秒数，之后可以重试',
  required: true,
  schema: { type: 'integer', minimum: 1 },
};

const json = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

function parameters(op: Operation) {
  const params: object[] = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (op.query) {
    const schema = json(op.query, 'input') as { properties?: Record<string, object>; required?: string[] };
    for (const [name, s] of Object.entries(schema.properties ?? {})) {
      params.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: s });
    }
  }
  return params;
}

function responses(op: Operation) {
  const out: Record<string, object> = {};
  for (const [status, body] of Object.entries(op.ok)) {
    if (body === null)
      out[status] = {
        description: status === '304' ? '未修改：If-None-Match 与当前 ETag 相同' : '成功，无内容',
      };
    else if (typeof body === 'string')
      out[status] = {
        description: '成功',
        content: { [body]: { schema: { type: 'string', format: 'binary' } } },
      };
    else
      out[status] = {
        description: '成功',
        content: { 'application/json': { schema: json(body, 'output') } },
      };
  }
  // Every unsafe request passes the same-origin check (403) and the body size limit (413) first.
  const everyUnsafe = op.method === 'get' ? [] : [403, 413];
  for (const status of [...[...new Set([...(op.errors ?? []), ...everyUnsafe])].sort((a, b) => a - b), 500]) {
    out[status] = {
      description: errorText[status] ?? '服务器错误',
      ...(status === 429 ? { headers: { 'Retry-After': retryAfter } } : {}),
      content: { 'application/json': { schema: json(apiErrorBody, 'output') } },
    };
  }
  return out;
}

export function openApiDocument(serverUrl = '/') {
  const paths: Record<string, Record<string, object>> = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, object>)[op.method] = {
      tags: [op.tag],
      summary: op.summary,
      description: op.roles ? `权限：${op.roles}` : '权限：公开',
      parameters: parameters(op),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: json(op.body, 'input') } },
            },
          }
        : {}),
      ...(op.multipart
        ? {
            requestBody: {
              required: true,
              content: { 'multipart/form-data': { schema: json(op.multipart, 'input') } },
            },
          }
        : {}),
      responses: responses(op),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '吉林省旅游行业首席质量官平台 API',
      version: '1.0.0',
      description:
        '备案登记、审核认定、公开查询与活动报名的接口。所有错误返回 { error: { code, message, fields } }，message 为中文。非 GET 请求须同源（Origin 或 Sec-Fetch-Site）。会话通过 HttpOnly Cookie 保持。',
    },
    servers: [{ url: serverUrl }],
    paths,
  };
}
