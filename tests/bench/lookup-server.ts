/**
 * The server side of `npm run bench:lookup`, in its own process so the load generator does not share its
 * event loop: the real Node host (createNodeSite over dist/client) over the load database. Builds the
 * registry's read model before listening and reports its build time and memory to the parent over IPC.
 * The public rate limit is raised for this process only: the bench is one loopback address sending
 * thousands of requests a second, which the default (600 a minute per address) would rightly refuse.
 *
 * For the "registry change under load" figure it also prepares enterprises whose filings wait for training
 * (through the real workflow), and on 'churn' recognizes one a second through the workflow (`act`: record the
 * training, recognize) while the parent measures; on 'rebuild' it rebuilds the read model in full, again and
 * again, in the background.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { findAccount, findAccountByLogin } from '../../db/queries/accounts/accounts.ts';
import { registerEnterprise } from '../../functions/accounts/service.ts';
import { advance, cityLogin, seedDemo, submitDemoFiling } from '../../functions/demo/seed.ts';
import { enterpriseName, personName, random, uscc } from '../../functions/demo/synthetic.ts';
import { act } from '../../functions/filings/service.ts';
import { createNodeSite, nodeDeps, openDatabase } from '../../functions/hosts/node.ts';
import { rebuildRegistry, registryOf, registryState } from '../../functions/registry/index.ts';
import { cities, enterpriseTypeCodes, gradesOf } from '../../src/shared/labels.ts';

const [databaseUrl, dataDir, siteRoot, churnCount] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const gc = (globalThis as { gc?: () => void }).gc;

const { db } = await openDatabase({ databaseUrl });
const deps = {
  ...nodeDeps(db, dataDir, { ...process.env, ID_ENCRYPTION_KEY: '', ID_HASH_KEY: '' }),
  publicRateLimit: { requests: 1_000_000_000, windowMs: 60_000 },
  passwordCost: { N: 1024, r: 8, p: 1 },
};

/** Filings waiting for training, made through the workflow (staff accounts from the demo seed). */
async function prepareChurn(count: number): Promise<string[]> {
  await seedDemo(deps);
  const r = random(77);
  const ready: string[] = [];
  for (let i = 0; ready.length < count; i++) {
    const city = (cities[i % cities.length] as (typeof cities)[number]).code;
    const type = enterpriseTypeCodes[i % enterpriseTypeCodes.length] as (typeof enterpriseTypeCodes)[number];
    const grades = gradesOf(type);
    const registered = await registerEnterprise(deps, {
      uscc: uscc(r, city, type === 'rural_tourism'),
      name: `${enterpriseName(r, city, type)}（压测）`,
      type,
      grade: grades.length ? (grades[0] ?? null) : null,
      city,
      contactName: personName(r),
      contactPhone: `0431-8${String(r.int(1e7)).padStart(7, '0')}`,
      password: 'Bench-2026-cqo',
    });
    if (!registered.ok) continue;
    const account = await findAccount(db, registered.value.account.id);
    if (!account) continue;
    const id = await submitDemoFiling(deps, { ...account, sessionId: 'bench' }, r, city, type);
    await advance(deps, id, cityLogin(city), 'awaiting_training');
    ready.push(id);
  }
  return ready;
}

const churnReady = await prepareChurn(Number(churnCount ?? 0));
const samr = await findAccountByLogin(db, 'samr');
if (!samr) throw new Error('samr account missing');
const marketRegulation = { ...samr, sessionId: 'bench' };

gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const registry = await registryOf(db);
const buildMs = performance.now() - started;
gc?.();
const indexHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

const site = createNodeSite(deps, siteRoot);
const server = serve({ fetch: site.fetch, port: 0, hostname: '127.0.0.1' });
server.once('listening', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ port, buildMs, indexHeapMb, entries: registry.size, gcExposed: Boolean(gc) });
});

/** Recognizes one prepared filing a second, through the workflow, for `seconds`. */
async function churn(seconds: number) {
  const recognizeMs: number[] = [];
  const buildsBefore = registryState(db).builds;
  for (let i = 0; i < seconds; i++) {
    const tick = Date.now();
    const id = churnReady.shift();
    if (id) {
      const t = performance.now();
      const trained = await act(deps, marketRegulation, id, {
        action: 'record_training',
        onlineHours: 24,
        date: '2026-10-15',
        passed: true,
      });
      const done = trained.ok ? await act(deps, marketRegulation, id, { action: 'recognize' }) : trained;
      if (!done.ok) throw new Error(`recognition failed: ${done.message}`);
      recognizeMs.push(performance.now() - t);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (Date.now() - tick))));
  }
  const state = registryState(db);
  return {
    recognized: recognizeMs.length,
    recognizeMs,
    fullBuilds: state.builds - buildsBefore,
    overlay: state.overlay,
  };
}

/** Rebuilds the read model in full, back to back, for `seconds`; returns how many rebuilds finished. */
async function rebuildLoop(seconds: number) {
  const until = Date.now() + seconds * 1000;
  const times: number[] = [];
  while (Date.now() < until) {
    const t = performance.now();
    await rebuildRegistry(db);
    times.push(performance.now() - t);
  }
  return { rebuilds: times.length, rebuildMs: times };
}

process.on('message', (message: unknown) => {
  const m = message as string | { churn?: number; rebuild?: number };
  if (m === 'memory') {
    const mem = process.memoryUsage();
    const mb = (n: number) => n / 2 ** 20;
    process.send?.({
      rssMb: mb(mem.rss),
      heapMb: mb(mem.heapUsed),
      heapTotalMb: mb(mem.heapTotal),
      externalMb: mb(mem.external),
    });
  } else if (typeof m === 'object' && m.churn) {
    void churn(m.churn).then((result) => process.send?.(result));
  } else if (typeof m === 'object' && m.rebuild) {
    void rebuildLoop(m.rebuild).then((result) => process.send?.(result));
  }
});
process.on('disconnect', () => server.close(() => process.exit(0)));
