/**
 * `npm run seed -- --filings 100000 [--database file:data/load.db] [--seed 1]`: fills a libSQL database with
 * synthetic recognized filings for load tests (see functions/demo/bulk.ts). Migrates the database first; uses
 * the Node host's ID keys (data/keys.json or ID_ENCRYPTION_KEY / ID_HASH_KEY) like `npm start`.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { migrateDatabase, nodeDeps, openDatabase } from '../hosts/node.ts';
import { keepPrivate } from '../hosts/private-files.ts';
import { loadRegistryFilings } from './bulk.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Migrates `databaseUrl` and loads `count` filings into it; returns the totals and the time it took.
 * `dataDir` holds the ID keys (keys.json), as for the Node host.
 */
export async function seedLoadDatabase(
  databaseUrl: string,
  count: number,
  { seed = 1, dataDir = join(projectRoot, 'data') }: { seed?: number; dataDir?: string } = {},
) {
  if (databaseUrl.startsWith('file:'))
    mkdirSync(dirname(resolve(projectRoot, databaseUrl.slice('file:'.length))), { recursive: true });
  const { client, db } = await openDatabase({ databaseUrl });
  // A bulk load inserts into random places of several indexes: a large page cache keeps that from thrashing.
  await client.execute('PRAGMA cache_size = -262144');
  await migrateDatabase(db, join(projectRoot, 'db/migrations'));
  const deps = nodeDeps(db, dataDir);
  const started = performance.now();
  const totals = await loadRegistryFilings(deps, { count, seed });
  const seconds = (performance.now() - started) / 1000;
  client.close();
  return { ...totals, seconds };
}

if (import.meta.main) {
  keepPrivate();
  const { values } = parseArgs({
    options: {
      filings: { type: 'string', default: '100000' },
      database: { type: 'string', default: 'file:data/load.db' },
      seed: { type: 'string', default: '1' },
    },
  });
  const count = Number(values.filings);
  if (!Number.isInteger(count) || count < 1 || count > 2_000_000) {
    console.error('--filings 须为 1 到 2000000 之间的整数');
    process.exit(2);
  }
  const t = await seedLoadDatabase(values.database, count, { seed: Number(values.seed) });
  console.log(
    `已写入 ${values.database}：公开名录 ${t.listed} 条（已注销 ${t.deregistered}，未同意公开姓名 ${t.withoutConsent}），` +
      `另有被变更替换的备案 ${t.superseded} 条；企业 ${t.enterprises} 家；用时 ${t.seconds.toFixed(1)} 秒`,
  );
}
