/**
 * `npm run bench:lookup`: the public registry lookup under load, against a static file served by the same
 * server in the same run. Loopback only, bounded in time (about a minute to generate the data, ~80 s of load).
 *
 * 1. a fresh libSQL database with 100,000 listed filings (the load generator, functions/demo/load.ts);
 * 2. the real Node host (createNodeSite over dist/client) in a child process, the read model built before it
 *    listens (build time and memory reported), and filings prepared through the workflow for the change run;
 * 3. autocannon, 32 connections, 3 s warm-up each, then `--duration` seconds of:
 *    - /favicon.svg (the static file);
 *    - a mix of lookups (full names, two-character names, enterprise-name substrings, multi-word queries, exact
 *      备案编号 and USCC in any case, filters and pages) drawn at random from 2,000 distinct queries (`--distinct`);
 *    - cache misses: the same mix drawn from 50,000 distinct queries (`--misses`), so most are computed afresh;
 *    - registry change under load: the 2,000-query mix while the server recognizes a filing every second through
 *      the workflow (each recognition moves the registry's version; the read model patches itself);
 *    - full rebuild under load (reported, not a target): the mix while the read model is rebuilt in full, back to
 *      back, in the background.
 *
 * Targets: p99 ≤ 20 ms for the mix, the cache misses and the change run, and lookup throughput ≥ 0.5 × the static
 * file's for the mix and the cache misses. Exits 1 when one is missed.
 * Options: --filings N (default 100000), --duration S (default 10), --distinct N (2000), --misses N (50000).
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { seedLoadDatabase } from '../../functions/demo/load.ts';
import { cityCodes, enterpriseTypeCodes } from '../../src/shared/labels.ts';
import type { OpenDataRegistry, PublicCqo } from '../../src/shared/registry/answers.ts';
import { projectRoot, siteRoot } from '../support/server.ts';

const { values } = parseArgs({
  options: {
    filings: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    distinct: { type: 'string', default: '2000' },
    misses: { type: 'string', default: '50000' },
  },
});
const filings = Number(values.filings);
const duration = Number(values.duration);
const distinct = Number(values.distinct);
const misses = Number(values.misses);
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

/** `count` different lookups, in the proportions people would plausibly use. */
function lookupPaths(items: PublicCqo[], count: number, seed: number): string[] {
  const int = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)] as T;
  const named = items.filter((c) => c.name);
  const paths = new Set<string>();
  const q = (text: string, extra = '') => `/api/cqos?q=${encodeURIComponent(text)}${extra}`;
  while (paths.size < count) {
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
    } else if (kind < 97) paths.add(q(name.slice(0, 2).join(''), `&city=${person.city}`));
    else {
      // Two words that must both match: part of the enterprise name and a two-character piece of the name.
      const chars = [...cqo.enterpriseName];
      const at = int(Math.max(1, chars.length - 4));
      paths.add(q(`${chars.slice(at, at + 2).join('')} ${[...(cqo.name ?? '')].slice(0, 2).join('')}`));
    }
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

function ask<T>(child: ChildProcess, message?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    if (message) child.send(message as string);
  });
}

/** Seeds the load database and starts the real Node host over it in a child process, read model built. */
async function startServer(dir: string) {
  const databaseUrl = `file:${join(dir, 'load.db')}`;
  console.log(`生成 ${filings} 条公开备案……`);
  const seeded = await seedLoadDatabase(databaseUrl, filings, { dataDir: dir });
  console.log(`  用时 ${seeded.seconds.toFixed(1)} s（另有被替换的备案 ${seeded.superseded} 条）`);
  // Enough prepared filings for one recognition a second through the change run.
  const churnFilings = duration + 2;
  const server = fork(
    join(import.meta.dirname, 'lookup-server.ts'),
    [databaseUrl, dir, siteRoot, String(churnFilings)],
    {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const ready = await ask<{ port: number; buildMs: number; indexHeapMb: number; entries: number }>(server);
  console.log(
    `读模型：${ready.entries} 条，构建 ${ready.buildMs.toFixed(0)} ms（含查询数据库），堆内存增加 ${ready.indexHeapMb.toFixed(1)} MiB`,
  );
  return { server, url: `http://127.0.0.1:${ready.port}` };
}

/** Every run of the bench, warm-ups included, against the started server. */
async function runAll(server: ChildProcess, url: string) {
  const open = (await (await fetch(`${url}/api/open-data/cqos.json`)).json()) as OpenDataRegistry;
  const paths = lookupPaths(open.items, distinct, 7);
  const missPaths = lookupPaths(open.items, misses, 13);
  await load(url, ['/favicon.svg'], 3);
  await load(url, paths, 3);
  const staticRun = await load(url, ['/favicon.svg'], duration);
  const lookupRun = await load(url, paths, duration);
  const missRun = await load(url, missPaths, duration);
  // The cache-miss run evicted the mix's cached answers: warm them up again, so the next runs compare like
  // with like. Registry change under load: one recognition a second through the workflow, while the mix runs.
  await load(url, paths, 3);
  const churning = ask<{ recognized: number; recognizeMs: number[]; fullBuilds: number; overlay: number }>(
    server,
    { churn: duration },
  );
  const churnRun = await load(url, paths, duration);
  const churn = await churning;
  // Full rebuilds, back to back, in the background (what happens now and then, never per change).
  const rebuilding = ask<{ rebuilds: number; rebuildMs: number[] }>(server, { rebuild: duration });
  const rebuildRun = await load(url, paths, duration);
  const rebuild = await rebuilding;
  const memory = await ask<{ rssMb: number; heapMb: number; heapTotalMb: number; externalMb: number }>(
    server,
    'memory',
  );
  return { staticRun, lookupRun, missRun, churnRun, rebuildRun, churn, rebuild, memory };
}

type Results = Awaited<ReturnType<typeof runAll>>;

function report(r: Results) {
  const row = (label: string, run: Run) =>
    `${label.padEnd(30)} ${run.rps.toFixed(0).padStart(7)} ${String(run.p50).padStart(6)} ${String(run.p99).padStart(6)} ${String(run.requests).padStart(8)} ${String(run.non2xx).padStart(6)} ${String(run.errors).padStart(6)}`;
  console.log(
    `\n${CONNECTIONS} 个连接，各 ${duration} s（查询从 ${distinct} 种中随机抽取；缓存未命中从 ${misses} 种中抽取）：`,
  );
  console.log(
    `${''.padEnd(30)} ${'req/s'.padStart(7)} ${'p50ms'.padStart(6)} ${'p99ms'.padStart(6)} ${'请求数'.padStart(7)} ${'非2xx'.padStart(6)} ${'错误'.padStart(5)}`,
  );
  console.log(row('静态文件 /favicon.svg', r.staticRun));
  // The label is what `npm run bench` (tests/bench/run.ts) reads the figures by.
  console.log(row('公开查询 /api/cqos', r.lookupRun));
  console.log(row(`缓存未命中（${misses} 种）`, r.missRun));
  console.log(row('名录变更中（每秒认定 1 条）', r.churnRun));
  console.log(row('后台全量重建中', r.rebuildRun));
  console.log(`吞吐量之比（查询 / 静态）：${(r.lookupRun.rps / r.staticRun.rps).toFixed(2)}`);
  console.log(`吞吐量之比（缓存未命中 / 静态）：${(r.missRun.rps / r.staticRun.rps).toFixed(2)}`);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  console.log(
    `名录变更：${duration} s 内经工作流认定 ${r.churn.recognized} 条（每条记录培训 + 认定平均 ${mean(r.churn.recognizeMs).toFixed(1)} ms），读模型增量更新，全量重建 ${r.churn.fullBuilds} 次，覆盖层 ${r.churn.overlay} 条`,
  );
  console.log(
    `后台全量重建：${duration} s 内完成 ${r.rebuild.rebuilds} 次，每次 ${r.rebuild.rebuildMs.map((m) => (m / 1000).toFixed(1)).join(' / ')} s（分片进行，期间照常应答）`,
  );
  console.log(
    `服务器进程：RSS ${r.memory.rssMb.toFixed(0)} MiB，堆 ${r.memory.heapMb.toFixed(0)} / ${r.memory.heapTotalMb.toFixed(0)} MiB（已用 / 已分配），堆外 ${r.memory.externalMb.toFixed(0)} MiB`,
  );
}

/** The targets missed, in words; empty when all are met. */
function missedTargets(r: Results): string[] {
  const ratio = r.lookupRun.rps / r.staticRun.rps;
  const missRatio = r.missRun.rps / r.staticRun.rps;
  const failed = (run: Run) => run.non2xx + run.errors;
  const lookupsFailed = failed(r.lookupRun) + failed(r.missRun) + failed(r.churnRun) + failed(r.rebuildRun);
  return [
    r.lookupRun.p99 > 20 ? `查询 p99 ${r.lookupRun.p99} ms > 20 ms` : '',
    ratio < 0.5 ? `吞吐量之比 ${ratio.toFixed(2)} < 0.5` : '',
    r.missRun.p99 > 20 ? `缓存未命中 p99 ${r.missRun.p99} ms > 20 ms` : '',
    missRatio < 0.5 ? `缓存未命中吞吐量之比 ${missRatio.toFixed(2)} < 0.5` : '',
    r.churnRun.p99 > 20 ? `名录变更中 p99 ${r.churnRun.p99} ms > 20 ms` : '',
    r.churn.recognized < duration - 1 ? `名录变更中只认定了 ${r.churn.recognized} 条` : '',
    lookupsFailed > 0 ? `${lookupsFailed} 个查询失败` : '',
    failed(r.staticRun) > 0 ? `静态文件有 ${failed(r.staticRun)} 个请求失败（另有人在重建 dist？）` : '',
  ].filter(Boolean);
}

async function main() {
  if (!existsSync(join(siteRoot, 'favicon.svg'))) {
    console.log('dist/client 不存在，先构建网站（npm run build）……');
    if (spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'inherit' }).status !== 0)
      throw new Error('npm run build failed');
  }
  const dir = mkdtempSync(join(tmpdir(), 'cqo-bench-'));
  let server: ChildProcess | undefined;
  try {
    const started = await startServer(dir);
    server = started.server;
    const results = await runAll(server, started.url);
    report(results);
    const missed = missedTargets(results);
    console.log(
      missed.length
        ? `未达标：${missed.join('；')}`
        : '达标：查询、缓存未命中和名录变更中 p99 ≤ 20 ms，吞吐量 ≥ 0.5 × 静态文件',
    );
    process.exitCode = missed.length ? 1 : 0;
  } finally {
    server?.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
