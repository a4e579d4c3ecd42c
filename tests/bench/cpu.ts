/**
 * CPU time per request of the main API routes, in-process (app.request) on the Node host's code over a libSQL
 * file: a proxy for the Workers CPU budget (10 ms on the free plan; network and database waits do not count
 * there). Here the embedded database's own work is counted too, so the figures err on the high side.
 * Anything a route consumes (a draft to submit, a filing to approve) is prepared before the clock starts.
 */
import { createApp } from '../../functions/app.ts';
import { demoForm } from '../../functions/demo/form.ts';
import { type Random, random } from '../../functions/demo/synthetic.ts';
import type { Deps } from '../../functions/deps.ts';
import { Client } from '../support/api.ts';
import { makeEnterprises, nextMobile, openEvent } from '../support/events.ts';

export type CpuFigure = { route: string; cpuMs: number; p99CpuMs: number; wallMs: number; runs: number };

export const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Runs `request` once to warm up and then `runs` times, each after its `prepare` step (not timed), and
 * returns the mean and p99 CPU time and the mean wall time per request.
 */
export async function measure<T>(
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

/** A GET that must answer 200. */
export const get = (client: Client, path: string) => expectStatus(client.get(path), 200, `GET ${path}`);

const pdf = (bytes: number) => {
  const body = new Uint8Array(bytes);
  body.set(new TextEncoder().encode('%PDF-1.4\n'));
  return body;
};

/** A complete draft of `client`'s enterprise (form and the four required documents), ready to submit. */
async function completeDraft(client: Client, r: Random): Promise<string> {
  const created = await client.post('/api/filings', { kind: 'new' });
  if (created.status !== 201) throw new Error(`new filing: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  const { form, idNumber } = demoForm(r, '220100', 'travel_agency');
  await expectStatus(client.put(`/api/filings/${id}`, { form, idNumber }), 200, 'save draft');
  for (const kind of ['degree', 'qualification', 'appointment', 'stamped_form'] as const) {
    const upload = new FormData();
    upload.set('kind', kind);
    upload.set('file', new File([pdf(2048)], `${kind}.pdf`));
    await expectStatus(client.send('POST', `/api/filings/${id}/attachments`, upload), 201, `upload ${kind}`);
  }
  return id;
}

/** `submits` timed submits and approvals plus one warm-up each. */
const submits = 20;

/**
 * Everything the timed requests consume, made before the clock starts: enterprises (registered at a cheap
 * password cost) with a complete draft each to submit, one more editing a draft, the 长春 reviewer with a
 * filing to open, an event open for registration.
 */
async function prepare(deps: Deps) {
  const app = createApp(deps);
  const cheap = { ...deps, passwordCost: { N: 1024, r: 8, p: 1 } };
  const made = await makeEnterprises(cheap, submits + 2, 41);
  const enterprises = made.map((e) => Object.assign(new Client(app), { cookie: e.cookie }));
  const editor = enterprises[submits + 1] as Client;
  const reviewer = await new Client(app).login('cc-city');
  const r = random(41);
  const ready: string[] = [];
  for (const e of enterprises.slice(0, submits + 1)) ready.push(await completeDraft(e, r));
  return {
    app,
    anonymous: new Client(app),
    enterprises,
    editor,
    reviewer,
    filingId: (await reviewer.get('/api/filings')).body.items[0]?.id as string,
    draftId: (await editor.post('/api/filings', { kind: 'new' })).body.id as string,
    ready,
    eventSlug: (await openEvent(cheap, { capacity: 10_000, maxPerEnterprise: 20 })).slug,
  };
}

type Prepared = Awaited<ReturnType<typeof prepare>>;

async function signedInReads(p: Prepared): Promise<CpuFigure[]> {
  return [
    await measure('GET /api/health', 200, () => get(p.anonymous, '/api/health')),
    await measure('POST /api/auth/login (scrypt N=2^14,r=8,p=5)', 10, () =>
      new Client(p.app).login('province'),
    ),
    await measure('GET /api/auth/me', 200, () => get(p.reviewer, '/api/auth/me')),
    await measure('GET /api/filings (queue)', 200, () => get(p.reviewer, '/api/filings?status=submitted')),
    await measure('GET /api/filings/{id}', 200, () => get(p.reviewer, `/api/filings/${p.filingId}`)),
  ];
}

/** Uploads to the editor's draft; each replaces the one before (deleted untimed), under the 40-file limit. */
async function uploads(p: Prepared): Promise<CpuFigure> {
  let lastUpload: string | undefined;
  const scan = pdf(256 * 1024);
  return measure(
    'POST /api/filings/{id}/attachments (256 KB PDF)',
    50,
    async (form: FormData) => {
      const reply = await p.editor.send('POST', `/api/filings/${p.draftId}/attachments`, form);
      if (reply.status !== 201) throw new Error(`upload: ${reply.status} ${reply.text}`);
      lastUpload = reply.body.id;
    },
    async () => {
      if (lastUpload) await p.editor.del(`/api/filings/${p.draftId}/attachments/${lastUpload}`);
      const form = new FormData();
      form.set('kind', 'degree');
      form.set('file', new File([scan], '学历证书.pdf', { type: 'application/pdf' }));
      return form;
    },
  );
}

async function writes(p: Prepared): Promise<CpuFigure[]> {
  const draft = { form: { address: '长春市某路 1 号', cqoName: '王芳' } };
  const seat = () => ({
    idempotencyKey: crypto.randomUUID(),
    attendees: [{ name: '张伟', position: '质量总监', mobile: nextMobile() }],
  });
  const enterprise = (i: number) => p.enterprises[i % p.enterprises.length] as Client;
  return [
    await measure('PUT /api/filings/{id} (save draft)', 100, () =>
      expectStatus(p.editor.put(`/api/filings/${p.draftId}`, draft), 200, 'save draft'),
    ),
    await uploads(p),
    await measure('POST /api/filings/{id}/submit', submits, (_, i) =>
      expectStatus(enterprise(i).post(`/api/filings/${p.ready[i]}/submit`), 200, `submit ${i}`),
    ),
    await measure('POST /api/filings/{id}/actions (city_approve)', submits, (_, i) =>
      expectStatus(
        p.reviewer.post(`/api/filings/${p.ready[i]}/actions`, { action: 'city_approve', note: '材料齐全' }),
        200,
        `city_approve ${i}`,
      ),
    ),
    await measure('POST /api/events/{slug}/registrations', 100, (_, i) =>
      expectStatus(
        enterprise(i).post(`/api/events/${p.eventSlug}/registrations`, seat()),
        201,
        `registration ${i}`,
      ),
    ),
  ];
}

/**
 * `deps` must hold the demo data (seedDemo) with the production password cost (for the login figure).
 * Makes its own enterprises (registered at a cheap password cost), drafts and event.
 */
export async function cpuPerRoute(deps: Deps): Promise<CpuFigure[]> {
  const p = await prepare(deps);
  return [
    ...(await signedInReads(p)),
    ...(await writes(p)),
    await measure('GET /api/cqos?q=吉林（演示数据，缓存命中）', 200, () =>
      get(p.anonymous, '/api/cqos?q=%E5%90%89%E6%9E%97'),
    ),
    await measure('GET /api/events', 200, () => get(p.anonymous, '/api/events')),
  ];
}
