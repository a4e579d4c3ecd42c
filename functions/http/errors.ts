import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error shape of the API: `{ error: { code, message, fields } }`, message in Chinese. */
export type ApiError = {
  error: { code: string; message: string; fields?: Record<string, string> };
};

export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  fields?: Record<string, string>,
) {
  const body: ApiError = { error: fields ? { code, message, fields } : { code, message } };
  return c.json(body, status);
}

const statusMessages: Record<number, [string, string]> = {
  400: ['bad_request', '请求格式不正确，请检查后重试'],
  401: ['unauthenticated', '请先登录'],
  403: ['forbidden', '您没有权限进行此操作'],
  404: ['not_found', '未找到请求的内容'],
  405: ['method_not_allowed', '不支持该请求方式'],
  413: ['too_large', '提交的内容过大'],
  415: ['unsupported_media_type', '提交的内容类型不受支持'],
  429: ['too_many_requests', '请求过于频繁，请稍后再试'],
};

/**
 * What may be logged about an error: its class, the database's error code from its causes (e.g.
 * SQLITE_CONSTRAINT_TRIGGER) and where in our code it was thrown. Never the message: Drizzle's carries the query's
 * parameters (names, phones, e-mail addresses, ID ciphertext, session ids), and our own may quote input.
 */
export function safeErrorFacts(err: unknown): string {
  const name =
    err instanceof Error ? (err.constructor.name !== 'Error' ? err.constructor.name : err.name) : typeof err;
  const codes: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 8; depth++) {
    const { code, extendedCode } = e as { code?: unknown; extendedCode?: unknown };
    for (const c of [extendedCode, code])
      if (typeof c === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(c) && !codes.includes(c)) codes.push(c);
    e = (e as { cause?: unknown }).cause;
  }
  // Stack frames name files and lines only. The message heads the stack and can span lines: it is cut off, and
  // a stack that does not start with it is not read at all.
  const head = err instanceof Error ? (err.message ? `${err.name}: ${err.message}` : err.name) : undefined;
  const stack =
    err instanceof Error && head && err.stack?.startsWith(head) ? err.stack.slice(head.length) : '';
  const frame = stack
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith('at ') && !l.includes('node_modules') && !l.includes('node:'));
  const where = frame?.match(/\(?((?:file:\/\/)?\/[^\s()]+:\d+):\d+\)?$/)?.[1];
  return [name, codes.length ? `(${codes.join(', ')})` : '', where ? `at ${where}` : '']
    .filter(Boolean)
    .join(' ');
}

/** Turns any thrown error into the API's error shape; unknown errors become a generic 500 with no details. */
export function handleError(err: Error, c: Context) {
  if (err instanceof HTTPException && err.status < 500) {
    const [code, message] = statusMessages[err.status] ?? ['error', '请求无法处理'];
    return apiError(
      c,
      err.status,
      code,
      err.message && /[\u4e00-\u9fff]/.test(err.message) ? err.message : message,
    );
  }
  // The matched route pattern (/api/filings/:id), not the path: paths can carry tokens and codes.
  console.error(`[api] 500 ${c.req.method} ${matchedPattern(c)}: ${safeErrorFacts(err)}`);
  return apiError(c, 500, 'internal', '服务器暂时无法处理请求，请稍后再试');
}

function matchedPattern(c: Context) {
  try {
    return routePath(c, -1) || '(no route)';
  } catch {
    return '(no route)';
  }
}
