import { Hono } from 'hono';
import { pingDatabase } from '../../db/queries/system/health.ts';
import type { AppEnv } from '../deps.ts';
import { apiError } from '../http/errors.ts';

/** `GET /api/health`: 200 when the database answers, 503 otherwise. */
export const health = new Hono<AppEnv>().get('/', async (c) => {
  const { db, now } = c.get('deps');
  try {
    await pingDatabase(db);
  } catch {
    return apiError(
      c,
      503,
      'database_unavailable',
      '数据库暂时无法连接，平台暂停办理业务。请稍后再试；如持续出现，请管理员检查数据库服务是否运行以及 DATABASE_URL 配置是否正确。',
    );
  }
  return c.json({ status: 'ok', database: 'ok', time: now().toISOString() });
});
