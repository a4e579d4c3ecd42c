/**
 * CPU time per request of the main API routes, in-process (app.request) on the Node host's code over a libSQL
 * file: a proxy for the Workers CPU budget (10 ms on the free plan; network and database waits do not count).
 */
import { createApp } from '../../functions/app.ts';
import type { Deps } from '../../functions/deps.ts';
import { Client } from '../support/api.ts';

export type CpuFigure = { route: string; cpuMs: number; wallMs: number; runs: number };

async function measure(route: string, runs: number, once: () => unknown): Promise<CpuFigure> {
  await once();
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < runs; i++) await once();
  const used = process.cpuUsage(cpu);
  return {
    route,
    runs,
    cpuMs: (used.user + used.system) / 1000 / runs,
    wallMs: (performance.now() - start) / runs,
  };
}

/** `deps` must hold the demo data (seedDemo) with the default password cost. */
export async function cpuPerRoute(deps: Deps, enterpriseLogin: string): Promise<CpuFigure[]> {
  const app = createApp(deps);
  const reviewer = await new Client(app).login('cc-city');
  const enterprise = await new Client(app).login(enterpriseLogin);
  const filingId = (await reviewer.get('/api/filings')).body.items[0]?.id as string;
  const draft = (await enterprise.post('/api/filings', { kind: 'new' })).body;
  const figures: CpuFigure[] = [];
  figures.push(await measure('GET /api/health', 200, () => app.request('http://localhost/api/health')));
  figures.push(
    await measure('POST /api/auth/login (scrypt N=2^14,r=8,p=5)', 10, () =>
      new Client(app).login('province'),
    ),
  );
  figures.push(await measure('GET /api/auth/me', 200, () => reviewer.get('/api/auth/me')));
  figures.push(
    await measure('GET /api/filings (queue)', 200, () => reviewer.get('/api/filings?status=submitted')),
  );
  figures.push(await measure('GET /api/filings/{id}', 200, () => reviewer.get(`/api/filings/${filingId}`)));
  figures.push(
    await measure('PUT /api/filings/{id} (save draft)', 100, () =>
      enterprise.put(`/api/filings/${draft.id}`, { form: { address: '长春市某路 1 号', cqoName: '王芳' } }),
    ),
  );
  figures.push(
    await measure('GET /api/cqos?q=长春', 200, () =>
      app.request('http://localhost/api/cqos?q=%E9%95%BF%E6%98%A5'),
    ),
  );
  figures.push(await measure('GET /api/events', 200, () => app.request('http://localhost/api/events')));
  return figures;
}
