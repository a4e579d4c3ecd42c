import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
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

/** The real Node host (site + API) on a free port. */
export async function startSite() {
  const database = await tempDatabase();
  const deps = testDeps(database);
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
