/**
 * `npm start`: builds the site if it is missing or older than its sources, migrates the libSQL file
 * database, fills a new local database with demo data (see functions/demo/policy.ts: DEMO_DATA=on/off decides
 * otherwise), and serves site + API on one port.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { roleName } from '../../src/shared/filings/status.ts';
import { planDemoData } from '../demo/policy.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.ts';
import { startDispatcher } from '../notifications/dispatcher.ts';
import { dispatchPolicyOf } from '../notifications/node-channels.ts';
import { warmRegistry } from '../registry/index.ts';
import { localOrigins, originWarning } from './local-origins.ts';
import { createNodeSite, migrateDatabase, nodeDeps, openDatabase } from './node.ts';
import { secureDataPaths } from './private-files.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const env = process.env;
const port = Number(env.PORT ?? 4321);
const host = env.HOST ?? '127.0.0.1';
const databaseUrl = env.DATABASE_URL ?? 'file:data/cqo.db';
const siteRoot = join(projectRoot, 'dist/client');

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function buildIfNeeded() {
  const built = statSync(join(siteRoot, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(
    ...['src', 'content', 'public', 'astro.config.mjs'].map((p) => newestMtime(join(projectRoot, p))),
  );
  if (built > sources) return;
  console.log('正在构建网站（npm run build）……');
  const result = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('构建失败，请查看上方输出。');
    process.exit(1);
  }
}

async function main() {
  buildIfNeeded();
  // After the build (the site is for everyone to read), before any data is opened.
  const created = secureDataPaths({
    databaseFile: databaseUrl.startsWith('file:')
      ? resolve(projectRoot, databaseUrl.slice('file:'.length))
      : undefined,
    filesDir: env.FILES_DIR ?? join(projectRoot, 'data/files'),
    keyFile: env.KEY_FILE ?? join(projectRoot, 'data/keys.json'),
  });
  const { db } = await openDatabase({ databaseUrl, databaseAuthToken: env.DATABASE_AUTH_TOKEN });
  await migrateDatabase(db, join(projectRoot, 'db/migrations'));
  const deps = { ...nodeDeps(db, join(projectRoot, 'data')), localOrigins: localOrigins(host, port) };
  created();
  const warning = originWarning(env);
  if (warning) console.warn(warning);
  const demo = await planDemoData(db, databaseUrl, env.DEMO_DATA);
  if (demo.note) console.log(demo.note);
  const logins = demo.seed ? await seedDemo(deps) : [];
  // The public registry's read model is built before the first visitor asks (later changes patch it).
  await warmRegistry(db);
  // Notifications leave through the dispatcher, never from inside a request; a stop lets its sends finish.
  const dispatcher = startDispatcher(deps, { policy: dispatchPolicyOf(env) });
  if (deps.notifications) deps.notifications.wake = dispatcher.wake;
  process.once('SIGTERM', () => void dispatcher.stop().then(() => process.exit(0)));
  const site = createNodeSite(deps, siteRoot);
  serve({ fetch: site.fetch, port, hostname: host }, (info) => {
    const shown = host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host;
    console.log(`\n吉林省旅游行业首席质量官平台已启动：http://${shown}:${info.port}/`);
    console.log(`数据库：${databaseUrl}`);
    if (logins.length > 0) {
      console.log(`\n演示账号（演示数据，密码均为 ${DEMO_PASSWORD}）：`);
      for (const l of logins)
        console.log(`  ${roleName(l.role).padEnd(12, '　')} ${l.login.padEnd(20)} ${l.displayName}`);
    }
  });
}

await main();
