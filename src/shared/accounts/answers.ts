/** Shapes of the accounts API's answers (zod): the islands use the inferred types, OpenAPI documents them. */
import { z } from 'zod';
import { roleCodes } from '../filings/status.ts';

const role = z.enum(roleCodes);

export const me = z
  .object({
    id: z.string(),
    role,
    login: z.string(),
    displayName: z.string(),
    /** City code of a city reviewer, or of the enterprise. */
    city: z.string().nullable(),
    /** The account's password was set by someone else: every other action waits until the holder changes it. */
    mustChangePassword: z.boolean(),
    enterprise: z
      .object({
        id: z.string(),
        name: z.string(),
        uscc: z.string(),
        type: z.string(),
        grade: z.string().nullable(),
        city: z.string(),
        contactName: z.string(),
        contactPhone: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof me>;
