/**
 * CPU of the public lookup over a large generated registry: a full build of the read model, and searches that
 * each use a different query, so that none is answered from the per-query cache (see cpu.ts for the method).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPublicFilings } from '../../db/queries/registry/registry.ts';
import { createApp } from '../../functions/app.ts';
import { seedLoadDatabase } from '../../functions/demo/load.ts';
import type { Deps } from '../../functions/deps.ts';
import { nodeDeps, openDatabase } from '../../functions/hosts/node.ts';
import { buildRegistry, normalizeText, registryOf } from '../../functions/registry/index.ts';
import { Client } from '../support/api.ts';
import { type CpuFigure, cpuNow, get, measure } from './cpu.ts';

export type RegistryCpu = {
  /** Filings generated; `filings` of them are in the public registry. */
  seeded: number;
  filings: number;
  seedSeconds: number;
  readRowsCpuMs: number;
  readRowsWallMs: number;
  buildCpuMs: number;
  buildWallMs: number;
  figures: CpuFigure[];
};

type Entry = ReturnType<Awaited<ReturnType<typeof registryOf>>['items']>[number];

/** The two halves of a build, timed apart: reading the public rows and indexing them. */
async function buildCost(db: Deps['db']) {
  let cpu = cpuNow();
  let wall = performance.now();
  const rows = await listPublicFilings(db);
  const readRowsCpuMs = cpuNow() - cpu;
  const readRowsWallMs = performance.now() - wall;
  cpu = cpuNow();
  wall = performance.now();
  buildRegistry(rows, new Date());
  return { readRowsCpuMs, readRowsWallMs, buildCpuMs: cpuNow() - cpu, buildWallMs: performance.now() - wall };
}

/**
 * 300 queries, distinct after normalization as the cache sees them: names, two-character names,
 * enterprise-name parts and exact 备案编号 / USCC, in roughly the proportions of the lookup bench.
 */
function distinctQueries(items: readonly Entry[]): string[] {
  let a = 17;
  const int = (n: number) => {
    a = (Math.imul(a, 1_103_515_245) + 12_345) >>> 0;
    return a % n;
  };
  const queries = new Set<string>();
  while (queries.size < 300) {
    const cqo = items[int(items.length)];
    if (!cqo) continue;
    const kind = int(10);
    const name = [...(cqo.name ?? '')];
    const chars = [...cqo.enterpriseName];
    const at = int(Math.max(1, chars.length - 6));
    const q =
      kind < 3 && name.length
        ? name.join('')
        : kind < 5 && name.length
          ? name.slice(0, 2).join('')
          : kind < 8
            ? chars.slice(at, at + 2 + int(3)).join('')
            : kind < 9
              ? cqo.filingNo
              : cqo.uscc.toLowerCase();
    queries.add(normalizeText(q));
  }
  return [...queries];
}

/** The worst case: the most frequent character pairs of enterprise names match most of the registry. */
function commonPairs(items: readonly Entry[], besides: string[]): string[] {
  const pairs = new Map<string, number>();
  for (const cqo of items.slice(0, 5000)) {
    const chars = [...cqo.enterpriseName];
    for (let i = 1; i < chars.length; i++) {
      const pair = normalizeText(`${chars[i - 1]}${chars[i]}`);
      pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
    }
  }
  return [...pairs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 21)
    .map(([p]) => p)
    .filter((p) => !besides.includes(p));
}

async function lookups(db: Deps['db'], dir: string) {
  const anonymous = new Client(createApp(nodeDeps(db, dir)));
  const registry = await registryOf(db);
  const items = registry.items();
  const listed = registry.size.toLocaleString('en');
  const distinct = distinctQueries(items);
  const common = commonPairs(items, distinct);
  const search = (q: string | undefined) => get(anonymous, `/api/cqos?q=${encodeURIComponent(q ?? '')}`);
  const figures = [
    await measure(`GET /api/cqos?q=…（名录 ${listed} 条，每次不同的查询，不命中缓存）`, 200, (_, i) =>
      search(distinct[i]),
    ),
    await measure(
      `GET /api/cqos?q=…（名录 ${listed} 条，最常见的两字，命中最多，不命中缓存）`,
      Math.min(20, common.length - 1),
      (_, i) => search(common[i]),
    ),
    await measure(`GET /api/cqos/{备案编号}（名录 ${listed} 条）`, 200, (_, i) =>
      get(anonymous, `/api/cqos/${encodeURIComponent(items[(i * 487) % items.length]?.filingNo ?? '')}`),
    ),
  ];
  return { filings: registry.size, figures };
}

/**
 * The public lookup over `count` generated filings (a fresh load database): the CPU of a full build of the read
 * model (paid on first use in each Worker isolate, and now and then again in the background), then CPU per
 * request of searches that each use a different query, so none is answered from the per-query cache.
 */
export async function registryCpu(count = 100_000): Promise<RegistryCpu> {
  const dir = mkdtempSync(join(tmpdir(), 'cqo-bench-cpu-'));
  const databaseUrl = `file:${join(dir, 'load.db')}`;
  try {
    const seeded = await seedLoadDatabase(databaseUrl, count, { dataDir: dir });
    const { client, db } = await openDatabase({ databaseUrl });
    try {
      const cost = await buildCost(db);
      const { filings, figures } = await lookups(db, dir);
      return { seeded: count, filings, seedSeconds: seeded.seconds, ...cost, figures };
    } finally {
      client.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
