/**
 * The Cloudflare Worker: /api/* goes to the Hono app over Turso (HTTP) and R2; every other path to
 * Astro's handler, which serves the prerendered pages and static assets.
 */
import { handle } from '@astrojs/cloudflare/handler';
import { createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import * as schema from '../../db/schema/index.ts';
import { createApp } from '../app.ts';
import type { Deps } from '../deps.ts';
import { safeErrorFacts } from '../http/errors.ts';
import { withSecurityHeaders } from '../http/security-headers.ts';
import { pageRequest, signedInPage } from '../http/signed-in-pages.ts';
import type { NotificationSetup } from '../notifications/channels.ts';
import { bindingMail, type SendEmailBinding, smsFromEnv } from '../notifications/config.ts';
import { dispatchDue, queueReminders } from '../notifications/dispatcher.ts';
import { r2Store } from './r2-store.ts';

type WorkerEnv = Env & {
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
  ID_ENCRYPTION_KEY?: string;
  ID_HASH_KEY?: string;
  PUBLIC_ORIGIN?: string;
  /** `on` lets the published demo logins sign in (a demo deployment); anything else refuses them. */
  DEMO_DATA?: string;
  /** Cloudflare Email Service binding (`[[send_email]]` in wrangler.toml) and the sender address. */
  EMAIL?: SendEmailBinding;
  MAIL_FROM?: string;
};

let cached: { url: string; app: ReturnType<typeof createApp>; deps: Deps } | undefined;

/** E-mail through the binding, SMS from SMS_* variables; either absent is off (README, "Notifications"). */
function notificationsFor(env: WorkerEnv): NotificationSetup {
  const { sms, problem } = smsFromEnv(env as unknown as Record<string, unknown>);
  return {
    mail: env.EMAIL && env.MAIL_FROM ? bindingMail(env.EMAIL, env.MAIL_FROM) : undefined,
    sms,
    smsProblem: problem,
    publicOrigin: env.PUBLIC_ORIGIN,
  };
}

function apiFor(env: WorkerEnv, url: string) {
  if (cached?.url === url) return cached;
  const client = createClient({ url, authToken: env.DATABASE_AUTH_TOKEN });
  const deps: Deps = {
    db: drizzle({ client, schema }),
    files: r2Store(env.FILES),
    idKeys: { encryptionKey: env.ID_ENCRYPTION_KEY ?? '', hashKey: env.ID_HASH_KEY ?? '' },
    // Without PUBLIC_ORIGIN the same-origin check accepts the request's own origin: Cloudflare routes only the
    // hostnames configured for this Worker to it, so that Host is never one an attacker chose.
    origin: env.PUBLIC_ORIGIN,
    // At the edge the published demo password must never open a production database: demo logins are
    // refused unless the deployment says it is a demo.
    refuseDemoAccounts: env.DEMO_DATA !== 'on',
    now: () => new Date(),
    clientIp: (c) => c.req.header('CF-Connecting-IP'),
    notifications: notificationsFor(env),
  };
  cached = { url, app: createApp(deps), deps };
  return cached;
}

/** Sends what is due without holding up the answer; a failure waits for the next cron tick. */
function dispatchLater(ctx: ExecutionContext, deps: Deps, withReminders = false) {
  ctx.waitUntil(
    (async () => {
      if (withReminders) await queueReminders(deps);
      await dispatchDue(deps, { maxRounds: withReminders ? 20 : 2 });
    })().catch((err) => console.error(`[notifications] 发送出错：${safeErrorFacts(err)}`)),
  );
}

/** The API's error shape (functions/http/errors.ts), for the one answer given without the app. */
function databaseNotConfigured() {
  const body = {
    error: {
      code: 'database_not_configured',
      message:
        '服务暂时无法办理业务：平台尚未连接数据库。请稍后再试；如持续出现，请联系平台管理员配置 DATABASE_URL。',
    },
  };
  return Response.json(body, { status: 503, headers: { 'Cache-Control': 'no-store', 'Retry-After': '300' } });
}

export default {
  async fetch(request, env: WorkerEnv, ctx) {
    const { pathname, search } = new URL(request.url);
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      // Without a database the API cannot answer anything; the static pages below still work.
      if (!env.DATABASE_URL) return withSecurityHeaders(databaseNotConfigured());
      const api = apiFor(env, env.DATABASE_URL);
      const response = await api.app.fetch(request, env, ctx);
      // A write that succeeded may have queued notifications: nudge the dispatcher after answering.
      if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && response.status < 400)
        dispatchLater(ctx, api.deps);
      return withSecurityHeaders(response);
    }
    // Every /verify/<备案编号>/ is the one static verify page; its script reads the number from the URL.
    if (/^\/verify\/[A-Za-z0-9-]+$/.test(pathname)) {
      return withSecurityHeaders(Response.redirect(new URL(`${pathname}/${search}`, request.url).href, 301));
    }
    // A signed-in visitor's pages carry the header's script (functions/http/signed-in-pages.ts).
    const page = pageRequest(request);
    const path = /^\/verify\/[A-Za-z0-9-]+\/$/.test(pathname) ? new URL('/verify/', request.url) : null;
    const response = await handle(path ? new Request(path, page) : page, env, ctx);
    return withSecurityHeaders(await signedInPage(request, response));
  },
  /** Cron Trigger (wrangler.toml `[triggers] crons`): the 24-hour reminders, then everything due. */
  async scheduled(_controller, env: WorkerEnv, ctx) {
    if (env.DATABASE_URL) dispatchLater(ctx, apiFor(env, env.DATABASE_URL).deps, true);
  },
} satisfies ExportedHandler<WorkerEnv>;
