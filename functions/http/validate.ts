import type { Input, MiddlewareHandler, ValidationTargets } from 'hono';
import { type InferInput, validator } from 'hono/validator';
import type { z } from 'zod';
import { issuesToFields } from '../../src/shared/fields.ts';
import { apiError } from './errors.ts';

/**
 * What a client sends for `target`: the schema's input type (a field with a default may be left out, a coerced
 * one is sent as a string), not its output. Same rule as @hono/zod-validator.
 */
type Sent<Target extends keyof ValidationTargets, In> = [In] extends [ValidationTargets[Target]]
  ? In
  : InferInput<In, Target>;

/** The same middleware with its input types replaced (what the typed client `hc` and `c.req.valid` read). */
type Retyped<M, V extends Input> =
  M extends MiddlewareHandler<infer E, infer P, infer _I, infer R> ? MiddlewareHandler<E, P, V, R> : never;

/**
 * The one validator wrapper: parses `target` with the zod schema, or answers 400 with a Chinese message and
 * the problems per field. Handlers then read `c.req.valid(target)`.
 */
export const validate = <T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) => {
  const middleware = validator(target, async (value, c) => {
    const parsed = await schema.safeParseAsync(value);
    if (!parsed.success) {
      const fields = issuesToFields(parsed.error.issues);
      const first = Object.values(fields)[0] ?? '请检查填写的内容';
      return apiError(c, 400, 'invalid', `填写的内容有误：${first}`, fields);
    }
    return parsed.data as z.output<S>;
  });
  // hono would type the client's side from the parsed output, making `page` (`.default(1)`) required and
  // `z.coerce.number()` a number in a query string. Only the types change; the schema still parses everything.
  return middleware as Retyped<
    typeof middleware,
    { in: { [K in T]: Sent<K, z.input<S>> }; out: { [K in T]: z.output<S> } }
  >;
};
