/**
 * How large a request body may be. Most requests are small JSON (64 KB is generous); the two that carry more
 * have their own limits. Checked once, before any route reads the body, so an oversized request is refused
 * with 413 without being held in memory.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_ATTACHMENT_BYTES } from '../files/sniff.ts';
import { apiError } from './errors.ts';

const KB = 1024;

type Limit = { method: string; path: RegExp; maxSize: number; message: string };

const limits: Limit[] = [
  {
    method: 'POST',
    path: /^\/api\/filings\/[^/]+\/attachments\/?$/,
    maxSize: MAX_ATTACHMENT_BYTES + 64 * KB,
    message: '文件超过 10 MB，请压缩或分页扫描后再上传',
  },
  {
    method: 'PUT',
    path: /^\/api\/filings\/[^/]+\/?$/,
    maxSize: 256 * KB,
    message: '备案登记表内容过大（超过 256 KB），请精简工作经历、职责等长文本后再保存',
  },
];

const standard = { maxSize: 64 * KB, message: '提交的内容过大（超过 64 KB），请删减后再提交' };

const limiters = new Map<Limit | typeof standard, MiddlewareHandler>();
function limiter(limit: Limit | typeof standard): MiddlewareHandler {
  let handler = limiters.get(limit);
  if (!handler) {
    handler = bodyLimit({
      maxSize: limit.maxSize,
      onError: (c) => apiError(c, 413, 'too_large', limit.message),
    });
    limiters.set(limit, handler);
  }
  return handler;
}

/** Refuses bodies over the limit of the route they are sent to, with 413 and a Chinese message. */
export function limitBodies(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    const limit = limits.find((l) => l.method === c.req.method && l.path.test(c.req.path)) ?? standard;
    return limiter(limit)(c, next);
  };
}
