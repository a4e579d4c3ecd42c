/**
 * `npm run bench:lookup`: the public registry lookup under load, against a static file served by the same
 * server in the same run. Loopback only, bounded in time (about a minute to generate the data, 26 s of load).
 *
 * 1. a fresh libSQL database with 100,000 listed filings (the load generator, functions/demo/load.ts);
 * 2. the real Node host (createNodeSite over dist/client) in a child process, the read model built before it
 *    listens (build time and memory reported);
 * 3. autocannon, 32 connections: 3 s warm-up each, then 10 s of /favicon.svg and 10 s of a mix of lookups
 *    (full names, two-character names, enterprise-name substrings, exact 备案编号 and USCC in any case,
 *    filters and pages), drawn at random from 2,000 distinct queries (--distinct N: more of them defeats the
 *    per-query answer cache, for a worst case).
 *
 * Targets: lookup p99 ≤ 20 ms and lookup throughput ≥ 0.5 × the static file's. Exits 1 when one is missed.
 * Options: --filings N (default 100000), --duration S (default 10), --distinct N (default 2000).
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { seedLoadDatabase } from '../../functions/demo/load.ts';
import type { OpenDataRegistry, PublicCqo } from '../../src/shared/api-types.ts';
import { cityCodes, enterpriseTypeCodes } from '../../src/shared/labels.ts';
import { projectRoot, siteRoot } from '../support/server.ts';

const { values } = parseArgs({
  options: {
    filings: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    distinct: { type: 'string', default: '2000' },
  },
});
const filings = Number(values.filings);
const duration = Number(values.duration);
const distinct = Number(values.distinct);
const CONNECTIONS = 32;

function random(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** `distinct` different lookups, in the proportions people would plausibly use. */
function lookupPaths(items: PublicCqo[]): string[] {
  const int = random(7);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)] as T;
  const named = items.filter((c) => c.name);
  const paths = new Set<string>();
  const q = (text: string, extra = '') => `/api/cqos?q=${encodeURIComponent(text)}${extra}`;
  while (paths.size < distinct) {
    const kind = int(100);
    const cqo = pick(items);
    const person = pick(named);
    const name = [...(person.name ?? '')];
    if (kind < 25) paths.add(q(name.join('')));
    else if (kind < 45) paths.add(q(name.slice(0, 2).join('')));
    else if (kind < 65) {
      const chars = [...cqo.enterpriseName];
      const len = 2 + int(3);
      const at = int(Math.max(1, chars.length - len - 4));
      paths.add(q(chars.slice(at, at + len).join('')));
    } else if (kind < 75) paths.add(q(int(2) ? cqo.filingNo : cqo.filingNo.toLowerCase()));
    else if (kind < 85) paths.add(q(int(2) ? cqo.uscc : cqo.uscc.toLowerCase()));
    else if (kind < 95) {
      const filters = [
        int(2) ? `city=${pick(cityCodes)}` : '',
        int(2) ? `type=${pick(enterpriseTypeCodes)}` : '',
        int(3) === 0 ? `status=${int(2) ? 'valid' : 'deregistered'}` : '',
        `page=${1 + int(5)}`,
      ].filter(Boolean);
      paths.add(`/api/cqos?${filters.join('&')}`);
    } else paths.add(q(name.slice(0, 2).join(''), `&city=${person.city}`));
  }
  return [...paths];
}

type Run = { rps: number; p50: number; p99: number; requests: number; non2xx: number; errors: number };

async function load(url: string, paths: string[], seconds: number): Promise<Run> {
  const int = random(11);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[int(paths.length)] }) }],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

function ask<T>(child: ChildProcess, message?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    if (message) child.send(message);
  });
}

async function main() {
  if (!existsSync(join(siteRoot, 'favicon.svg'))) {
    console.log('dist/client 不存在，先构建网站（npm run build）……');
    if (spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'inherit' }).status !== 0)
      throw new Error('npm run build failed');
  }
  const dir = mkdtempSync(join(tmpdir(), 'cqo-bench-'));
  const databaseUrl = `file:${join(dir, 'load.db')}`;
  let server: ChildProcess | undefined;
  try {
    console.log(`生成 ${filings} 条公开备案……`);
    const seeded = await seedLoadDatabase(databaseUrl, filings, { dataDir: dir });
    console.log(`  用时 ${seeded.seconds.toFixed(1)} s（另有被替换的备案 ${seeded.superseded} 条）`);

    server = fork(join(import.meta.dirname, 'lookup-server.ts'), [databaseUrl, dir, siteRoot], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await ask<{ port: number; buildMs: number; indexHeapMb: number; entries: number }>(server);
    const url = `http://127.0.0.1:${ready.port}`;
    console.log(
      `读模型：${ready.entries} 条，构建 ${ready.buildMs.toFixed(0)} ms（含查询数据库），堆内存增加 ${ready.indexHeapMb.toFixed(1)} MiB`,
    );
    const open = (await (await fetch(`${url}/api/open-data/cqos.json`)).json()) as OpenDataRegistry;
    const paths = lookupPaths(open.items);

    await load(url, ['/favicon.svg'], 3);
    await load(url, paths, 3);
    const staticRun = await load(url, ['/favicon.svg'], duration);
    const lookupRun = await load(url, paths, duration);
    const memory = await ask<{ rssMb: number; heapMb: number; heapTotalMb: number; externalMb: number }>(
      server,
      'memory',
    );

    const row = (label: string, r: Run) =>
      `${label.padEnd(22)} ${r.rps.toFixed(0).padStart(7)} ${String(r.p50).padStart(6)} ${String(r.p99).padStart(6)} ${String(r.requests).padStart(8)} ${String(r.non2xx).padStart(6)} ${String(r.errors).padStart(6)}`;
    console.log(`\n${CONNECTIONS} 个连接，各 ${duration} s：`);
    console.log(
      `${''.padEnd(22)} ${'req/s'.padStart(7)} ${'p50ms'.padStart(6)} ${'p99ms'.padStart(6)} ${'请求数'.padStart(7)} ${'非2xx'.padStart(6)} ${'错误'.padStart(5)}`,
    );
    console.log(row('静态文件 /favicon.svg', staticRun));
    console.log(row('公开查询 /api/cqos', lookupRun));
    const ratio = lookupRun.rps / staticRun.rps;
    console.log(`吞吐量之比（查询 / 静态）：${ratio.toFixed(2)}`);
    console.log(
      `服务器进程：RSS ${memory.rssMb.toFixed(0)} MiB，堆 ${memory.heapMb.toFixed(0)} / ${memory.heapTotalMb.toFixed(0)} MiB（已用 / 已分配），堆外 ${memory.externalMb.toFixed(0)} MiB`,
    );

    const misses = [
      lookupRun.p99 > 20 ? `查询 p99 ${lookupRun.p99} ms > 20 ms` : '',
      ratio < 0.5 ? `吞吐量之比 ${ratio.toFixed(2)} < 0.5` : '',
      lookupRun.non2xx + lookupRun.errors > 0 ? `${lookupRun.non2xx + lookupRun.errors} 个查询失败` : '',
      staticRun.non2xx + staticRun.errors > 0
        ? `静态文件有 ${staticRun.non2xx + staticRun.errors} 个请求失败（另有人在重建 dist？）`
        : '',
    ].filter(Boolean);
    console.log(
      misses.length ? `未达标：${misses.join('；')}` : '达标：p99 ≤ 20 ms，吞吐量 ≥ 0.5 × 静态文件',
    );
    process.exitCode = misses.length ? 1 : 0;
  } finally {
    server?.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
