/** The one way a route answers a domain result: the value as JSON, a refusal as the API's error. */
import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed, JSONValue } from 'hono/utils/types';
import type { Refusal, Result } from '../result.ts';
import { apiError } from './errors.ts';

type Options = {
  /**
   * The form field a refusal without its own `fields` concerns (e.g. `uscc` when it is already registered): the
   * form shows the message there too. Not for 429, which concerns no field.
   */
  field?: string;
};

/** A refusal as `{ error: { code, message, fields } }`, with Retry-After when it says how long to wait. */
export function refused(c: Context, r: Refusal, { field }: Options = {}) {
  if (r.retryAfter) c.header('Retry-After', String(r.retryAfter));
  const fields = r.fields ?? (field && r.status !== 429 ? { [field]: r.message } : undefined);
  return apiError(c, r.status, r.code, r.message, fields);
}

/**
 * The result's value as JSON with `status` (200 unless given), or its refusal. Keeps the value's type, so the
 * typed client (`hc`) sees what the route answers.
 */
export function respond<T extends JSONValue | object, S extends ContentfulStatusCode = 200>(
  c: Context,
  result: Result<T>,
  status?: S,
  options?: Options,
): (Response & TypedResponse<JSONParsed<T>, S, 'json'>) | ReturnType<typeof refused> {
  return result.ok ? c.json(result.value, (status ?? 200) as S) : refused(c, result, options);
}
