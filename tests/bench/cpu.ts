/**
 * CPU time per request of the main API routes, in-process (app.request) on the Node host's code over a libSQL
 * file: a proxy for the Workers CPU budget (10 ms on the free plan; network and database waits do not count
 * there). Here the embedded database's own work is counted too, so the figures err on the high side.
 * Anything a route consumes (a draft to submit, a filing to approve) is prepared before the clock starts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPublicFilings } from '../../db/queries/registry/registry.ts';
import { createApp } from '../../functions/app.ts';
import { demoForm } from '../../functions/demo/form.ts';
import { seedLoadDatabase } from '../../functions/demo/load.ts';
import { random } from '../../functions/demo/synthetic.ts';
import type { Deps } from '../../functions/deps.ts';
import { addAttachment } from '../../functions/filings/attachments.ts';
import { createFiling, saveDraft } from '../../functions/filings/service.ts';
import { nodeDeps, openDatabase } from '../../functions/hosts/node.ts';
import { buildRegistry, normalizeText, registryOf } from '../../functions/registry/index.ts';
import { Client } from '../support/api.ts';
import { makeEnterprises, nextMobile, openEvent } from '../support/events.ts';

export type CpuFigure = { route: string; cpuMs: number; p99CpuMs: number; wallMs: number; runs: number };

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Runs `request` once to warm up and then `runs` times, each after its `prepare` step (not timed), and
 * returns the mean and p99 CPU time and the mean wall time per request.
 */
async function measure<T>(
  route: string,
  runs: number,
  request: (prepared: T, i: number) => Promise<unknown>,
  prepare: (i: number) => Promise<T> | T = () => undefined as T,
): Promise<CpuFigure> {
  const cpu: number[] = [];
  let wall = 0;
  for (let i = -1; i < runs; i++) {
    const prepared = await prepare(i + 1);
    const cpuStart = cpuNow();
    const wallStart = performance.now();
    await request(prepared, i + 1);
    if (i < 0) continue;
    wall += performance.now() - wallStart;
    cpu.push(cpuNow() - cpuStart);
  }
  const sorted = [...cpu].sort((a, b) => a - b);
  return {
    route,
    runs,
    cpuMs: cpu.reduce((a, b) => a + b, 0) / runs,
    p99CpuMs: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? 0,
    wallMs: wall / runs,
  };
}

/** Fails the bench when a request it times did not do what it was meant to (a 4xx would be cheap). */
async function expectStatus(reply: Promise<{ status: number; text: string }>, status: number, what: string) {
  const r = await reply;
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.text.slice(0, 200)}`);
}

const get = (client: Client, path: string) => expectStatus(client.get(path), 200, `GET ${path}`);

const pdf = (bytes: number) => {
  const body = new Uint8Array(bytes);
  body.set(new TextEncoder().encode('%PDF-1.4\n'));
  return body;
};

/**
 * `deps` must hold the demo data (seedDemo) with the production password cost (for the login figure).
 * Makes its own enterprises (registered at a cheap password cost), drafts and event.
 */
export async function cpuPerRoute(deps: Deps): Promise<CpuFigure[]> {
  const app = createApp(deps);
  const cheap = { ...deps, passwordCost: { N: 1024, r: 8, p: 1 } };
  // `submits` timed submits and approvals plus one warm-up each; the last enterprise edits a draft.
  const submits = 20;
  const made = await makeEnterprises(cheap, submits + 2, 41);
  const clientOf = (cookie: string) => {
    const c = new Client(app);
    c.cookie = cookie;
    return c;
  };
  const enterprises = made.map((e) => clientOf(e.cookie));
  const editor = enterprises[submits + 1] as Client;
  const reviewer = await new Client(app).login('cc-city');
  const filingId = (await reviewer.get('/api/filings')).body.items[0]?.id as string;
  const draft = (await editor.post('/api/filings', { kind: 'new' })).body;

  // Complete drafts, one per enterprise, for the submit figure (each may submit once).
  const r = random(41);
  const ready: string[] = [];
  for (const e of made.slice(0, submits + 1)) {
    const created = await createFiling(cheap, e.me, 'new');
    if (!created.ok) throw new Error(created.message);
    const { form, idNumber } = demoForm(r, '220100', 'travel_agency');
    const saved = await saveDraft(cheap, e.me, created.value.id, form, idNumber);
    if (!saved.ok) throw new Error(saved.message);
    for (const kind of ['degree', 'qualification', 'appointment', 'stamped_form'] as const) {
      const added = await addAttachment(
        cheap,
        e.me,
        created.value.id,
        kind,
        new File([pdf(2048)], `${kind}.pdf`),
      );
      if (!added.ok) throw new Error(added.message);
    }
    ready.push(created.value.id);
  }
  const event = await openEvent(cheap, { capacity: 10_000, maxPerEnterprise: 20 });

  const figures: CpuFigure[] = [];
  const anonymous = new Client(app);
  figures.push(await measure('GET /api/health', 200, () => get(anonymous, '/api/health')));
  figures.push(
    await measure('POST /api/auth/login (scrypt N=2^14,r=8,p=5)', 10, () =>
      new Client(app).login('province'),
    ),
  );
  figures.push(await measure('GET /api/auth/me', 200, () => get(reviewer, '/api/auth/me')));
  figures.push(
    await measure('GET /api/filings (queue)', 200, () => get(reviewer, '/api/filings?status=submitted')),
  );
  figures.push(await measure('GET /api/filings/{id}', 200, () => get(reviewer, `/api/filings/${filingId}`)));
  figures.push(
    await measure('PUT /api/filings/{id} (save draft)', 100, () =>
      expectStatus(
        editor.put(`/api/filings/${draft.id}`, { form: { address: '长春市某路 1 号', cqoName: '王芳' } }),
        200,
        'save draft',
      ),
    ),
  );
  // Each upload replaces the one before (deleted untimed), so the filing stays under its 40-file limit.
  let lastUpload: string | undefined;
  const scan = pdf(256 * 1024);
  figures.push(
    await measure(
      'POST /api/filings/{id}/attachments (256 KB PDF)',
      50,
      async (form: FormData) => {
        const reply = await editor.send('POST', `/api/filings/${draft.id}/attachments`, form);
        if (reply.status !== 201) throw new Error(`upload: ${reply.status} ${reply.text}`);
        lastUpload = reply.body.id;
      },
      async () => {
        if (lastUpload) await editor.del(`/api/filings/${draft.id}/attachments/${lastUpload}`);
        const form = new FormData();
        form.set('kind', 'degree');
        form.set('file', new File([scan], '学历证书.pdf', { type: 'application/pdf' }));
        return form;
      },
    ),
  );
  figures.push(
    await measure('POST /api/filings/{id}/submit', submits, (_, i) =>
      expectStatus((enterprises[i] as Client).post(`/api/filings/${ready[i]}/submit`), 200, `submit ${i}`),
    ),
  );
  figures.push(
    await measure('POST /api/filings/{id}/actions (city_approve)', submits, (_, i) =>
      expectStatus(
        reviewer.post(`/api/filings/${ready[i]}/actions`, { action: 'city_approve', note: '材料齐全' }),
        200,
        `city_approve ${i}`,
      ),
    ),
  );
  figures.push(
    await measure('POST /api/events/{slug}/registrations', 100, (_, i) =>
      expectStatus(
        (enterprises[i % enterprises.length] as Client).post(`/api/events/${event.slug}/registrations`, {
          idempotencyKey: crypto.randomUUID(),
          attendees: [{ name: '张伟', position: '质量总监', mobile: nextMobile() }],
        }),
        201,
        `registration ${i}`,
      ),
    ),
  );
  figures.push(
    await measure('GET /api/cqos?q=吉林（演示数据，缓存命中）', 200, () =>
      get(anonymous, '/api/cqos?q=%E5%90%89%E6%9E%97'),
    ),
  );
  figures.push(await measure('GET /api/events', 200, () => get(anonymous, '/api/events')));
  return figures;
}

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
      // The two halves of a build, timed apart: reading the public rows and indexing them.
      let cpu = cpuNow();
      let wall = performance.now();
      const rows = await listPublicFilings(db);
      const readRowsCpuMs = cpuNow() - cpu;
      const readRowsWallMs = performance.now() - wall;
      cpu = cpuNow();
      wall = performance.now();
      buildRegistry(rows, new Date());
      const buildCpuMs = cpuNow() - cpu;
      const buildWallMs = performance.now() - wall;

      const app = createApp(nodeDeps(db, dir));
      const registry = await registryOf(db);
      const anonymous = new Client(app);
      const items = registry.items();
      const listed = registry.size.toLocaleString('en');
      const int = (() => {
        let a = 17;
        return (n: number) => {
          a = (Math.imul(a, 1_103_515_245) + 12_345) >>> 0;
          return a % n;
        };
      })();
      // Distinct after normalization, as the cache sees them: names, two-character names, enterprise-name
      // parts and exact 备案编号 / USCC, in roughly the proportions of the lookup bench.
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
      const distinct = [...queries];
      const figures: CpuFigure[] = [];
      figures.push(
        await measure(`GET /api/cqos?q=…（名录 ${listed} 条，每次不同的查询，不命中缓存）`, 200, (_, i) =>
          get(anonymous, `/api/cqos?q=${encodeURIComponent(distinct[i] ?? '')}`),
        ),
      );
      // The worst case: the most frequent character pairs of enterprise names match most of the registry.
      const pairs = new Map<string, number>();
      for (const cqo of items.slice(0, 5000)) {
        const chars = [...cqo.enterpriseName];
        for (let i = 1; i < chars.length; i++) {
          const pair = normalizeText(`${chars[i - 1]}${chars[i]}`);
          pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
        }
      }
      const common = [...pairs.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 21)
        .map(([p]) => p)
        .filter((p) => !distinct.includes(p));
      figures.push(
        await measure(
          `GET /api/cqos?q=…（名录 ${listed} 条，最常见的两字，命中最多，不命中缓存）`,
          Math.min(20, common.length - 1),
          (_, i) => get(anonymous, `/api/cqos?q=${encodeURIComponent(common[i] ?? '')}`),
        ),
      );
      figures.push(
        await measure(`GET /api/cqos/{备案编号}（名录 ${listed} 条）`, 200, (_, i) =>
          get(anonymous, `/api/cqos/${encodeURIComponent(items[(i * 487) % items.length]?.filingNo ?? '')}`),
        ),
      );
      return {
        seeded: count,
        filings: registry.size,
        seedSeconds: seeded.seconds,
        readRowsCpuMs,
        readRowsWallMs,
        buildCpuMs,
        buildWallMs,
        figures,
      };
    } finally {
      client.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
