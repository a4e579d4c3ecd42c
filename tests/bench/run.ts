/**
 * `npm run bench`: the one benchmark table. Runs the lookup bench (100,000 filings, vs a static file), the
 * registration bench, CPU time per API route, the gzipped weight of each page type, the build time and Lighthouse
 * in Debian Chromium, then prints everything as one Markdown table. Loopback only; every part is bounded in time.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { serve } from '@hono/node-server';
import { seedDemo } from '../../functions/demo/seed.ts';
import { createNodeSite } from '../../functions/hosts/node.ts';
import { projectRoot, siteRoot, tempDatabase, testDeps } from '../support/server.ts';
import { cpuPerRoute } from './cpu.ts';
import { lighthouseScores } from './lighthouse.ts';
import { pageWeights } from './page-weights.ts';

const rows: [string, string][] = [];
const add = (what: string, figure: string) => rows.push([what, figure]);

/** Runs an npm script, echoing its output, and returns the output for the figures. */
function runScript(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', script], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${script} exited with ${code}`)),
    );
  });
}

const pick = (text: string, re: RegExp) => re.exec(text)?.slice(1) ?? [];

// 1. Build time.
const buildStart = performance.now();
if (spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'ignore' }).status !== 0)
  throw new Error('build failed');
add(
  '构建时间 npm run build（astro + Worker 检查 + pagefind）',
  `${((performance.now() - buildStart) / 1000).toFixed(1)} s`,
);

// 2. Page weights.
for (const w of pageWeights(siteRoot)) {
  add(
    `页面 gzip：${w.type}（${w.path}）`,
    `HTML+CSS ${(w.htmlCssGzip / 1024).toFixed(1)} KB，JS ${(w.jsGzip / 1024).toFixed(1)} KB`,
  );
}

// 3. Lookup at 100,000 filings vs a static file.
const lookup = await runScript('bench:lookup');
const [staticRps, staticP50, staticP99] = pick(lookup, /静态文件 \/favicon\.svg\s+(\d+)\s+(\d+)\s+(\d+)/);
const [lookupRps, lookupP50, lookupP99] = pick(lookup, /公开查询 \/api\/cqos\s+(\d+)\s+(\d+)\s+(\d+)/);
const [ratio] = pick(lookup, /吞吐量之比（查询 \/ 静态）：([\d.]+)/);
const [indexMs] = pick(lookup, /构建 (\d+) ms/);
add('公开查询 100,000 条，32 连接', `${lookupRps} req/s，p50 ${lookupP50} ms，p99 ${lookupP99} ms`);
add('静态文件（同一服务器、同一轮）', `${staticRps} req/s，p50 ${staticP50} ms，p99 ${staticP99} ms`);
add('查询 / 静态 吞吐量之比', `${ratio}`);
add('查询读模型构建（100,000 条）', `${indexMs} ms`);

// 4. Registrations per second.
const registrations = await runScript('bench:registrations');
const [perSecond] = pick(registrations, /throughput: (\d+) registrations\/s/);
const [confirmed, waitlisted, errors] = pick(
  registrations,
  /confirmed (\d+), waitlisted (\d+), errors (\d+)/,
);
add(
  '活动报名（2,000 次，50 并发，50 个席位）',
  `${perSecond} 次/s（确认 ${confirmed}，候补 ${waitlisted}，错误 ${errors}）`,
);

// 5. CPU per request, over the demo data with the production password cost.
{
  const database = await tempDatabase();
  const deps = { ...testDeps(database), passwordCost: undefined };
  const logins = await seedDemo(deps);
  const enterprise =
    logins.find((l) => l.role === 'enterprise' && l.displayName.includes('旅行社'))?.login ?? '';
  for (const f of await cpuPerRoute(deps, enterprise)) {
    add(`CPU / 请求：${f.route}`, `${f.cpuMs.toFixed(2)} ms（墙钟 ${f.wallMs.toFixed(2)} ms，${f.runs} 次）`);
  }

  // 6. Lighthouse on the demo site.
  const site = createNodeSite(deps, siteRoot);
  const server = serve({ fetch: site.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((done) => server.once('listening', () => done()));
  const { port } = server.address() as { port: number };
  for (const s of await lighthouseScores(`http://127.0.0.1:${port}`, [
    '/',
    '/policy/',
    '/cases/',
    '/lookup/?q=%E9%95%BF%E6%98%A5',
  ])) {
    add(
      `Lighthouse（移动端）：${s.path}`,
      `性能 ${s.performance}，无障碍 ${s.accessibility}，最佳实践 ${s.bestPractices}，SEO ${s.seo}`,
    );
  }
  await new Promise<void>((done) => server.close(() => done()));
  database.cleanup();
}

console.log(
  `\n## 基准测试（${new Date().toISOString().slice(0, 16)}Z，Node ${process.version}，${cpus().length} 核）\n`,
);
console.log('| 项目 | 结果 |\n|---|---|');
for (const [what, figure] of rows) console.log(`| ${what} | ${figure} |`);
