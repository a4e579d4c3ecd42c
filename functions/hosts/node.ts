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
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import * as schema from '../../db/schema/index.ts';
import { createApp } from '../app.ts';
import type { Deps } from '../deps.ts';
import { withSecurityHeaders } from '../http/security-headers.ts';
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
  const site = new Hono();
  site.use(async (c, next) => {
    await next();
    c.res = withSecurityHeaders(c.res);
  });
  site.use(compress());
  site.all('/api/*', (c) => api.fetch(c.req.raw, c.env));
  site.all('/api', (c) => api.fetch(c.req.raw, c.env));
  site.use(async (c, next) => {
    // Directory URLs without the trailing slash go to their canonical form.
    const path = decodeURIComponent(c.req.path);
    if (
      !path.endsWith('/') &&
      !/\.[a-z0-9]+$/i.test(path) &&
      (isDirectory(join(siteRoot, path)) || verifyPage.test(`${path}/`))
    ) {
      return c.redirect(`${c.req.path}/`, 301);
    }
    await next();
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
  site.notFound(async (c) =>
    c.html(existsSync(notFoundPage) ? await readFile(notFoundPage, 'utf8') : '未找到页面', 404),
  );
  return site;
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
