import { Hono } from 'hono';
import { pingDatabase } from '../../db/queries/health.ts';
import type { AppEnv } from '../deps.ts';
import { apiError } from '../http/errors.ts';

/** `GET /api/health`: 200 when the database answers, 503 otherwise. */
export const health = new Hono<AppEnv>().get('/', async (c) => {
  const { db, now } = c.get('deps');
  try {
    await pingDatabase(db);
  } catch {
    return apiError(c, 503, 'database_unavailable', '数据库暂时不可用');
  }
  return c.json({ status: 'ok', database: 'ok', time: now().toISOString() });
});
