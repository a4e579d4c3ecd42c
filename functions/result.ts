/**
 * The one outcome of domain code: a value, or a refusal that says in Chinese what to do instead. Domain code
 * knows nothing of HTTP beyond the status a refusal is answered with; functions/http/respond.ts turns a result
 * into the response.
 */

export type Refusal = {
  ok: false;
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;
  /** Stable, for programs (e.g. `state_changed`); the message is for people. */
  code: string;
  message: string;
  /** What is wrong per form field, keyed by field path (e.g. `experiences.0.from`). */
  fields?: Record<string, string>;
  /** Seconds to wait before trying again (429 only), for the Retry-After header. */
  retryAfter?: number;
};

export type Result<T> = { ok: true; value: T } | Refusal;

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const refuse = (
  status: Refusal['status'],
  code: string,
  message: string,
  fields?: Record<string, string>,
): Refusal => (fields ? { ok: false, status, code, message, fields } : { ok: false, status, code, message });
