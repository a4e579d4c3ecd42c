/** The API's error body and the time format every answer uses. */
import { z } from 'zod';

/** An ISO 8601 instant, as every answer writes times. */
export const isoTime = z.string().meta({ format: 'date-time' });

/** Every error: HTTP 4xx/5xx with this body. `fields` maps a field path (e.g. `experiences.0.from`) to a message. */
export const apiErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string().meta({ description: '给用户看的中文说明' }),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: 'ApiError' });
export type ApiErrorBody = z.infer<typeof apiErrorBody>;
