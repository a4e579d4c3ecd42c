import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { Deps } from '../../functions/deps.ts';
import { createNodeSite, migrateDatabase, nodeDeps, openDatabase } from '../../functions/hosts/node.ts';

export const projectRoot = resolve(import.meta.dirname, '../..');
export const siteRoot = join(projectRoot, 'dist/client');

/** A migrated libSQL file database in a temporary folder. */
export async function tempDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'cqo-test-'));
  const { client, db } = await openDatabase({ databaseUrl: `file:${join(dir, 'test.db')}` });
  await migrateDatabase(db, join(projectRoot, 'db/migrations'));
  return {
    db,
    client,
    dir,
    cleanup: () => {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Node host's dependencies over a temporary database, with a cheap scrypt cost to keep tests fast. */
export function testDeps(
  database: { db: Deps['db']; dir: string },
  now: () => Date = () => new Date(),
): Deps {
  return {
    ...nodeDeps(database.db, database.dir, { ...process.env, ID_ENCRYPTION_KEY: '', ID_HASH_KEY: '' }),
    now,
    passwordCost: { N: 1024, r: 8, p: 1 },
  };
}

/**
 * Where the e2e clock starts by default: inside the registration windows of the demo events
 * (content/forums/*.md close on 2027-01-08, 01-18 and 02-22), whatever day the tests run on.
 */
export const SITE_EPOCH = new Date('2026-11-26T10:00:00+08:00');

/** A clock that starts at `start` and then runs in real time, so sessions, timeouts and ordering behave. */
export function offsetClock(start: Date): () => Date {
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

/**
 * The real Node host (site + API) on a free port. Its clock starts at SITE_EPOCH (or `now`) and runs on, so
 * tests do not depend on the date they run on.
 */
export async function startSite(options: { now?: () => Date } = {}) {
  const database = await tempDatabase();
  const deps = testDeps(database, options.now ?? offsetClock(SITE_EPOCH));
  const site = createNodeSite(deps, siteRoot);
  const server = serve({ fetch: site.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((done) => server.once('listening', () => done()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    site,
    deps,
    database,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      database.cleanup();
    },
  };
}

/** GETs JSON from a started site; anything but 200 fails the caller. */
export async function getJson<T>(siteUrl: string, path: string): Promise<T> {
  const res = await fetch(`${siteUrl}${path}`);
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}, expected 200`);
  return (await res.json()) as T;
}

/** A port free on 127.0.0.1 right now, for a host started in another process. */
export async function freePort() {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
