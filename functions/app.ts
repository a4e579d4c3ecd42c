import { Hono } from 'hono';
import type { AppEnv, Deps } from './deps.ts';
import { apiError, handleError } from './http/errors.ts';
import { health } from './routes/health.ts';

/** Builds the API (everything under /api) from the host's dependencies. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>()
    .basePath('/api')
    .use(async (c, next) => {
      c.set('deps', deps);
      await next();
      c.header('Cache-Control', c.res.headers.get('Cache-Control') ?? 'no-store');
    })
    .route('/health', health);
  app.notFound((c) => apiError(c, 404, 'not_found', '未找到该接口，请核对地址'));
  app.onError(handleError);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
