import type { ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { issuesToFields } from '../../src/shared/fields.ts';
import { apiError } from './errors.ts';

/**
 * The one validator wrapper: parses `target` with the zod schema, or answers 400 with a Chinese message and
 * the problems per field. Handlers then read `c.req.valid(target)`.
 */
export const validate = <T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) =>
  validator(target, async (value, c) => {
    const parsed = await schema.safeParseAsync(value);
    if (!parsed.success) {
      const fields = issuesToFields(parsed.error.issues);
      const first = Object.values(fields)[0] ?? '请检查填写的内容';
      return apiError(c, 400, 'invalid', `填写的内容有误：${first}`, fields);
    }
    return parsed.data as z.output<S>;
  });
