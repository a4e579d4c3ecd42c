/**
 * `npm run bench`: the one benchmark table. Runs the lookup bench (100,000 filings, vs a static file), the
 * registration bench, the notifications bench (dispatch rate, outbox cost per state change), CPU time per API
 * route (with the public lookup at 100,000 filings), the gzipped weight of each page type, the build time and
 * Lighthouse in Debian Chromium, then prints everything as one Markdown table.
 * Loopback only; every part is bounded in time.
 *
 * A part that misses its target or fails still gets its row (marked 未达标 or 失败) and the table is always
 * printed; the bench exits 1 afterwards when anything was missed or failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { serve } from '@hono/node-server';
import { seedDemo } from '../../functions/demo/seed.ts';
import { createNodeSite } from '../../functions/hosts/node.ts';
import { projectRoot, siteRoot, tempDatabase, testDeps } from '../support/server.ts';
import { type CpuFigure, cpuPerRoute } from './cpu.ts';
import { lighthouseScores } from './lighthouse.ts';
import { notificationBench } from './notifications.ts';
import { pageWeights } from './page-weights.ts';
import { registryCpu } from './registry-cpu.ts';

const rows: [string, string][] = [];
const problems: string[] = [];
const add = (what: string, figure: string) => rows.push([what, figure]);
const miss = (what: string, why: string) => {
  add(what, `**未达标**：${why}`);
  problems.push(`${what}：未达标（${why}）`);
};

/** Runs one part; when it throws, its row says 失败 with the reason and the other parts still run. */
async function part<T>(name: string, run: () => Promise<T> | T): Promise<T | undefined> {
  try {
    return await run();
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
    console.error(`\n[bench] ${name} 失败：`, err);
    add(name, `**失败**：${message}`);
    problems.push(`${name}：失败（${message}）`);
    return undefined;
  }
}

/** Runs an npm script, echoing its output, and returns its output and exit code (a missed target is not a crash). */
function runScript(script: string): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', script], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ out, err, code }));
  });
}

/** The figures `re` captures from a script's output; throws when they are not there (never prints undefined). */
function pick(text: string, re: RegExp, what: string): string[] {
  const found = re.exec(text)?.slice(1);
  if (!found || found.some((f) => f === undefined))
    throw new Error(`输出中找不到${what}（${re}）：脚本中途失败，或其输出格式变了`);
  return found as string[];
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const cpuRow = (f: CpuFigure) =>
  add(
    `CPU / 请求：${f.route}`,
    `${ms(f.cpuMs)}，p99 ${ms(f.p99CpuMs)}（墙钟 ${ms(f.wallMs)}，${f.runs} 次）${f.cpuMs > 10 ? '，超过 10 ms' : ''}`,
  );

// 1. Build time.
await part('构建 npm run build', () => {
  const buildStart = performance.now();
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: projectRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (build.status !== 0) {
    const output = `${build.stdout ?? ''}\n${build.stderr ?? ''}`.trim().split('\n');
    throw new Error(`npm run build 失败：${output.slice(-3).join(' ').trim() || `退出码 ${build.status}`}`);
  }
  add(
    '构建时间 npm run build（astro + Worker 检查 + pagefind）',
    `${((performance.now() - buildStart) / 1000).toFixed(1)} s`,
  );
});

// 2. Page weights.
await part('页面 gzip', () => {
  for (const w of pageWeights(siteRoot)) {
    add(
      `页面 gzip：${w.type}（${w.path}）`,
      `HTML+CSS ${(w.htmlCssGzip / 1024).toFixed(1)} KB，JS ${(w.jsGzip / 1024).toFixed(1)} KB`,
    );
  }
});

// 3. Lookup at 100,000 filings vs a static file. bench:lookup prints a table of load runs (label, req/s, p50, p99,
// requests, non-2xx, errors); the static file and the query mix are required, any other run is listed too.
await part('公开查询基准 bench:lookup', async () => {
  const lookup = await runScript('bench:lookup');
  const runs = [
    ...lookup.out.matchAll(/^(.+?)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/gm),
  ].map(([, label, rps, p50, p99]) => ({ label: (label ?? '').trim(), rps, p50, p99 }));
  const run = (start: string) => {
    const found = runs.find((r) => r.label.startsWith(start));
    if (!found) throw new Error(`输出中找不到「${start}」一行：脚本中途失败，或其输出格式变了`);
    return found;
  };
  const staticRun = run('静态文件');
  const mix = run('公开查询');
  const [entries, indexMs] = pick(lookup.out, /读模型：(\d+) 条，构建 (\d+) ms/, '读模型一行');
  const [ratio] = pick(lookup.out, /吞吐量之比（查询 \/ 静态）：([\d.]+)/, '吞吐量之比');
  const figures = (r: { rps?: string; p50?: string; p99?: string }) =>
    `${r.rps} req/s，p50 ${r.p50} ms，p99 ${r.p99} ms`;
  add(`${mix.label}，名录 ${Number(entries).toLocaleString('en')} 条，32 连接`, figures(mix));
  add('静态文件 /favicon.svg（同一服务器、同一轮）', figures(staticRun));
  for (const r of runs.filter((x) => x !== staticRun && x !== mix)) add(`公开查询：${r.label}`, figures(r));
  add('查询 / 静态 吞吐量之比', `${ratio}`);
  const missRatio = /吞吐量之比（缓存未命中 \/ 静态）：([\d.]+)/.exec(lookup.out)?.[1];
  if (missRatio) add('缓存未命中 / 静态 吞吐量之比', missRatio);
  add(
    '查询 / 静态 p99 之比',
    Number(staticRun.p99) > 0
      ? (Number(mix.p99) / Number(staticRun.p99)).toFixed(2)
      : `静态 p99 为 0（查询 ${mix.p99} ms）`,
  );
  add(`查询读模型构建（名录 ${Number(entries).toLocaleString('en')} 条，含读取数据库）`, `${indexMs} ms`);
  for (const line of ['名录变更', '后台全量重建']) {
    const text = new RegExp(`^${line}：(.+)$`, 'm').exec(lookup.out)?.[1];
    if (text) add(line, text);
  }
  const target = '公开查询目标（bench:lookup 的 p99 与吞吐量目标，无失败请求）';
  const verdict = /^(未达标|达标)：(.+)$/m.exec(lookup.out);
  if (lookup.code === 0) add(target, `达标${verdict?.[1] === '达标' ? `：${verdict[2]}` : ''}`);
  else miss(target, verdict?.[1] === '未达标' ? (verdict[2] ?? '') : `bench:lookup 退出码 ${lookup.code}`);
});

// 4. Registrations per second.
await part('活动报名基准 bench:registrations', async () => {
  const registrations = await runScript('bench:registrations');
  const [perSecond] = pick(registrations.out, /throughput: (\d+) registrations\/s/, '报名吞吐量');
  const [confirmed, waitlisted, errors] = pick(
    registrations.out,
    /confirmed (\d+), waitlisted (\d+), errors (\d+)/,
    '席位计数',
  );
  add(
    '活动报名（2,000 次，50 并发，50 个席位）',
    `${perSecond} 次/s（确认 ${confirmed}，候补 ${waitlisted}，错误 ${errors}）`,
  );
  const [limit] = pick(registrations.out, /limit: (\d+) single-insert/, '单条插入事务上限');
  const [ratio] = pick(registrations.out, /ratio to limit: ([\d.]+)/, '与上限之比');
  add('同一数据库文件、同样 pragma 的单条条件插入事务（每事务一条，50 并发）', `${limit} 次/s`);
  const ratioRow = '活动报名 / 单条插入事务上限（目标 ≥ 0.5，争取 0.9；分组提交）';
  if (Number(ratio) >= 0.5) add(ratioRow, ratio ?? '');
  else miss(ratioRow, `${ratio}`);
  const target = '活动报名目标（确认数 = 席位数，其余候补，0 错误）';
  if (registrations.code === 0) add(target, '达标');
  else
    miss(
      target,
      registrations.err.trim().split('\n').pop() || `bench:registrations 退出码 ${registrations.code}`,
    );
});

// 4b. Notifications: dispatch rate to a local SMTP server, and what the outbox adds to a state change.
await part('通知基准（tests/bench/notifications.ts）', async () => {
  const n = await notificationBench();
  add(
    `通知发送到本地 SMTP 服务器（${n.total.toLocaleString('en')} 封，同一进程内的 smtp-server 逐封解析）`,
    `${n.perSecond} 封/s（${n.seconds.toFixed(1)} s，负载 ${n.load}）`,
  );
  add(
    `备案状态变更 p50（${n.transitions} 次，交错）：无通知 / 仅站内消息 / 含邮件`,
    `${ms(n.withoutP50)} / ${ms(n.inboxP50)}（+${ms(n.addedInboxP50)}）/ ${ms(n.withP50)}（+${ms(n.addedP50)}）`,
  );
  add(
    '事务内写通知（outbox）本身的耗时 p50：仅站内消息 / 含邮件',
    `${ms(n.writeInboxP50)} / ${ms(n.writeP50)}`,
  );
  const target = '通知写入目标（状态变更 p50 增加 ≤ 1 ms，仅站内消息）';
  if (n.addedInboxP50 <= 1) add(target, '达标');
  else
    miss(
      target,
      `增加 ${ms(n.addedInboxP50)}，其中事务内写入 ${ms(n.writeInboxP50)}，其余为提交时多写的页面`,
    );
});

// 5. CPU per request, over the demo data with the production password cost; then Lighthouse on that site.
const demo = await part('演示数据（CPU 与 Lighthouse 用）', async () => {
  const database = await tempDatabase();
  const deps = { ...testDeps(database), passwordCost: undefined };
  await seedDemo(deps);
  return { database, deps };
});
if (demo) {
  await part('CPU / 请求', async () => {
    for (const f of await cpuPerRoute(demo.deps)) cpuRow(f);
  });

  // 6. Lighthouse on the demo site.
  await part('Lighthouse', async () => {
    const site = createNodeSite(demo.deps, siteRoot);
    const server = serve({ fetch: site.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((done) => server.once('listening', () => done()));
    const { port } = server.address() as { port: number };
    try {
      for (const s of await lighthouseScores(`http://127.0.0.1:${port}`, [
        '/',
        '/policy/',
        '/cases/',
        '/lookup/?q=%E5%90%89%E6%9E%97',
      ])) {
        add(
          `Lighthouse（移动端）：${s.path}`,
          `性能 ${s.performance}，无障碍 ${s.accessibility}，最佳实践 ${s.bestPractices}，SEO ${s.seo}`,
        );
      }
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
  demo.database.cleanup();
}

// 7. The public lookup's CPU at 100,000 filings, and the read model's build.
await part('CPU / 请求：公开查询 100,000 条', async () => {
  const r = await registryCpu(100_000);
  add(
    `查询读模型全量构建 CPU（生成 ${r.seeded.toLocaleString('en')} 条备案，名录 ${r.filings.toLocaleString('en')} 条；每个 Worker isolate 首次使用时一次，此后偶尔在后台重建）`,
    `读取行 ${r.readRowsCpuMs.toFixed(0)} ms CPU（墙钟 ${r.readRowsWallMs.toFixed(0)} ms）+ 建索引 ${r.buildCpuMs.toFixed(0)} ms CPU（墙钟 ${r.buildWallMs.toFixed(0)} ms）`,
  );
  for (const f of r.figures) cpuRow(f);
});

console.log(
  `\n## 基准测试（${new Date().toISOString().slice(0, 16)}Z，Node ${process.version}，${cpus().length} 核）\n`,
);
console.log('| 项目 | 结果 |\n|---|---|');
for (const [what, figure] of rows) console.log(`| ${what} | ${figure} |`);
if (problems.length) {
  console.log(`\n未达标或失败 ${problems.length} 项：\n${problems.map((p) => `- ${p}`).join('\n')}`);
  process.exitCode = 1;
}
