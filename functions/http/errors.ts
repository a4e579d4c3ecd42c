import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
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
  // Only the error's name and message: request bodies may carry personal data.
  console.error(`[api] ${c.req.method} ${new URL(c.req.url).pathname}: ${err.name}: ${err.message}`);
  return apiError(c, 500, 'internal', '服务器暂时无法处理请求，请稍后再试');
}
