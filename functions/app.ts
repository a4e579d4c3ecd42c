import { Hono } from 'hono';
import type { AppEnv, Deps } from './deps.ts';
import { limitBodies } from './http/body-limit.ts';
import { apiError, handleError } from './http/errors.ts';
import { sameOrigin } from './http/same-origin.ts';
import { loadSession } from './http/session.ts';
import { accounts } from './routes/accounts.ts';
import { auth } from './routes/auth.ts';
import { deliveries } from './routes/deliveries.ts';
import { docs } from './routes/docs.ts';
import { eventMessages } from './routes/event-messages.ts';
import { events } from './routes/events.ts';
import { exports } from './routes/exports.ts';
import { filings } from './routes/filings.ts';
import { health } from './routes/health.ts';
import { notifications } from './routes/notifications.ts';
import { registrations } from './routes/registrations.ts';
import { registry } from './routes/registry.ts';

/** Builds the API (everything under /api) from the host's dependencies. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>()
    .basePath('/api')
    .use(async (c, next) => {
      c.set('deps', deps);
      await next();
      if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
    })
    .use(sameOrigin())
    .use(limitBodies())
    .use(loadSession())
    .route('/health', health)
    .route('/auth', auth)
    .route('/filings', filings)
    .route('/accounts', accounts)
    .route('/exports', exports)
    // The public registry: /cqos, /open-data and /stats.
    .route('/', registry)
    .route('/events', events)
    .route('/registrations', registrations)
    .route('/events', eventMessages)
    .route('/notifications', notifications)
    .route('/admin/deliveries', deliveries)
    .route('/', docs);
  app.notFound((c) => apiError(c, 404, 'not_found', '未找到该接口，请核对地址'));
  app.onError(handleError);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
