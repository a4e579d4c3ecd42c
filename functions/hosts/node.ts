/**
 * The Node host: the embedded default and the self-hosting option. Serves the built site from
 * dist/client and the API from the same origin, over a libSQL file database.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { type Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import * as schema from '../../db/schema/index.ts';
import { createApp } from '../app.ts';
import type { Deps } from '../deps.ts';
import { safeErrorFacts } from '../http/errors.ts';
import { withSecurityHeaders } from '../http/security-headers.ts';
import { signedInPage } from '../http/signed-in-pages.ts';
import { nodeNotifications } from '../notifications/node-channels.ts';
import { folderStore } from './folder-store.ts';
import { loadIdKeys } from './keys.ts';

export type NodeConfig = {
  /** libSQL URL, e.g. file:data/cqo.db. */
  databaseUrl: string;
  databaseAuthToken?: string;
  /** Folder of the built site (dist/client). */
  siteRoot: string;
  migrationsFolder: string;
  now?: () => Date;
};

export async function openDatabase(config: Pick<NodeConfig, 'databaseUrl' | 'databaseAuthToken'>) {
  // `timeout` is the busy timeout of every pooled connection: concurrent writers queue instead of failing.
  const client = createClient({
    url: config.databaseUrl,
    authToken: config.databaseAuthToken,
    timeout: 5000,
  });
  if (config.databaseUrl.startsWith('file:')) {
    // WAL lets readers run beside the writer; busy_timeout queues writers instead of failing them.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA busy_timeout = 5000');
    await client.execute('PRAGMA foreign_keys = ON');
  }
  return { client, db: drizzle({ client, schema }) };
}

/** The Node host's dependencies: the database, a folder for uploads, the ID keys and the real clock. */
export function nodeDeps(db: Deps['db'], dataDir: string, env: NodeJS.ProcessEnv = process.env): Deps {
  return {
    db,
    files: folderStore(env.FILES_DIR ?? join(dataDir, 'files')),
    idKeys: loadIdKeys(env, env.KEY_FILE ?? join(dataDir, 'keys.json')),
    now: () => new Date(),
    origin: env.PUBLIC_ORIGIN,
    trustProxy: env.TRUST_PROXY === '1',
    refuseDemoAccounts: env.DEMO_DATA === 'off',
    notifications: nodeNotifications(env),
    // Behind a reverse proxy (TRUST_PROXY=1) the client is the last address the proxy added.
    clientIp: (c) =>
      (env.TRUST_PROXY === '1' ? c.req.header('x-forwarded-for')?.split(',').pop()?.trim() : undefined) ??
      (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
        ?.remoteAddress,
  };
}

export async function migrateDatabase(db: Deps['db'], migrationsFolder: string) {
  await migrate(db, { migrationsFolder });
}

/** Builds the whole Node request handler: API under /api, static site for everything else. */
export function createNodeSite(deps: Deps, siteRoot: string) {
  const api = createApp(deps);
  const notFoundPage = join(siteRoot, '404.html');
  const notFound = async (c: Context) =>
    c.html(existsSync(notFoundPage) ? await readFile(notFoundPage, 'utf8') : '未找到页面', 404);
  const site = new Hono();
  site.use(async (c, next) => {
    await next();
    c.res = withSecurityHeaders(c.res);
  });
  site.use(compress());
  site.all('/api/*', (c) => api.fetch(c.req.raw, c.env));
  site.all('/api', (c) => api.fetch(c.req.raw, c.env));
  site.use(async (c, next) => {
    await next();
    c.res = await signedInPage(c.req.raw, c.res);
  });
  site.use(async (c, next) => {
    // A malformed escape (e.g. /%E0%A4%A) names no file: answer the 404 page, not an error.
    const path = safeDecode(c.req.path);
    if (path === undefined) return notFound(c);
    // Directory URLs without the trailing slash go to their canonical form.
    if (
      !path.endsWith('/') &&
      !/\.[a-z0-9]+$/i.test(path) &&
      (isDirectory(join(siteRoot, path)) || verifyPage.test(`${path}/`))
    ) {
      return c.redirect(`${c.req.path}/`, 301);
    }
    await next();
  });
  site.use(async (c, next) => {
    await next();
    // Hono's MIME table has no entry for Word documents (the duty-list templates).
    if (c.req.path.endsWith('.docx') && c.res.ok) c.res.headers.set('Content-Type', DOCX_TYPE);
  });
  site.use(
    serveStatic({
      root: siteRoot,
      // Every /verify/<备案编号>/ is the one static verify page; its script reads the number from the URL.
      rewriteRequestPath: (path) => (verifyPage.test(path) ? '/verify/' : path),
      onFound: (path, c) => {
        const immutable = path.includes('/_astro/') || path.includes('/pagefind/');
        c.header(
          'Cache-Control',
          immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
        );
      },
    }),
  );
  site.notFound(notFound);
  site.onError((err, c) => {
    // Facts that carry no personal data, as the API logs them; the visitor gets a Chinese page with no details.
    console.error(`[site] 500 ${c.req.method}: ${safeErrorFacts(err)}`);
    return c.html(serverErrorPage, 500);
  });
  return site;
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const serverErrorPage = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>服务器暂时无法处理请求 - 吉林省旅游行业首席质量官平台</title></head>
<body><main><h1>服务器暂时无法处理请求</h1>
<p>请稍后刷新页面重试。如果问题持续出现，请联系平台管理员，并告知出现问题的页面地址和时间。</p>
<p><a href="/">返回首页</a></p></main></body></html>`;

function safeDecode(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** A record's verify URL: one path segment of letters, digits and hyphens (e.g. /verify/JL-CQO-2026-0001/). */
const verifyPage = /^\/verify\/[A-Za-z0-9-]+\/$/;

function isDirectory(path: string) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
