/** Who gets a filing's attachments and the reviewers' spreadsheets: the files leave the server only in scope. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, demoWorld } from '../support/api.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
let changchun: Client;
let jilin: Client;
let province: Client;
let changchunFilingId: string;
/** A draft of the 长春 travel agency, for the uploads. */
let agencyDraftId: string;

beforeAll(async () => {
  world = await demoWorld();
  changchun = await world.as('cc-city');
  jilin = await world.as('jl-city');
  province = await world.as('province');
  changchunFilingId = (await (await world.as(world.logins.changchunHotel)).get('/api/filings')).body.items[0]
    .id;
  const created = await (await world.as(world.logins.changchunAgency)).post('/api/filings', { kind: 'new' });
  expect(created.status, created.text).toBe(201);
  agencyDraftId = created.body.id;
});
afterAll(() => world.close());

describe('attachments', () => {
  async function draftOfAgency() {
    return { agency: await world.as(world.logins.changchunAgency), draft: { id: agencyDraftId } };
  }
  const upload = (c: Client, id: string, bytes: Uint8Array<ArrayBuffer>, name: string, kind = 'degree') => {
    const form = new FormData();
    form.set('kind', kind);
    form.set('file', new File([bytes], name, { type: 'application/pdf' }));
    return c.send('POST', `/api/filings/${id}/attachments`, form);
  };

  it('accepts a PDF by its content and serves it back as a download only to those allowed', async () => {
    const { agency, draft } = await draftOfAgency();
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
    const r = await upload(agency, draft.id, pdf, '学历证书.pdf');
    expect(r.status).toBe(201);
    const download = await agency.send('GET', r.body.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('cache-control')).toBe('no-store');
    expect(download.text).toBe('%PDF-1.4\n%%EOF\n');
    expect((await changchun.get(r.body.url)).status).toBe(404);
    expect((await world.client().get(r.body.url)).status).toBe(401);
  });

  it('refuses a file that is not really a PDF, JPEG or PNG, whatever its name', async () => {
    const { agency, draft } = await draftOfAgency();
    const r = await upload(
      agency,
      draft.id,
      new TextEncoder().encode('<html><script>alert(1)</script>'),
      'cert.pdf',
    );
    expect(r.status).toBe(415);
    expect(r.body.error.message).toContain('不是 PDF、JPEG 或 PNG');
  });

  it('refuses a file over 10 MB with a message saying what to do', async () => {
    const { agency, draft } = await draftOfAgency();
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode('%PDF-1.4'));
    const r = await upload(agency, draft.id, big, 'big.pdf');
    expect(r.status).toBe(413);
    expect(r.body.error.message).toContain('10 MB');
  });

  it('refuses uploads once the filing is submitted', async () => {
    const owner = await world.as(world.logins.changchunHotel);
    const r = await upload(owner, changchunFilingId, new TextEncoder().encode('%PDF-1.4'), 'late.pdf');
    expect(r.status).toBe(409);
  });
});

describe('exports', () => {
  async function sheetText(c: Client, path: string) {
    const res = await c.app.request(`http://localhost${path}`, { headers: { Cookie: c.cookie ?? '' } });
    if (res.status !== 200) return { status: res.status, text: '' };
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const text = Object.entries(files)
      .filter(([name]) => name.startsWith('xl/'))
      .map(([, bytes]) => strFromU8(bytes))
      .join('\n');
    return {
      status: res.status,
      text,
      type: res.headers.get('content-type'),
      disposition: res.headers.get('content-disposition'),
    };
  }

  /** Names of the 吉林 enterprises whose filings a 吉林 汇总表 lists (submitted and beyond). */
  async function jilinNames() {
    const list = (await jilin.get('/api/filings?pageSize=100')).body.items as { enterpriseName: string }[];
    expect(list.length).toBeGreaterThan(0);
    return list.map((f) => f.enterpriseName);
  }

  it('gives a 长春 reviewer the 长春 汇总表 only, whatever city it asks for', async () => {
    const own = await sheetText(changchun, '/api/exports/city-summary.xlsx');
    expect(own.status).toBe(200);
    expect(own.disposition).toMatch(/^attachment;/);
    expect(own.text).toContain('长春市');
    expect(own.text).not.toContain('吉林市');
    const asked = await sheetText(changchun, '/api/exports/city-summary.xlsx?city=220200');
    expect(asked.status).toBe(200);
    expect(asked.text).not.toContain('吉林市');
    for (const name of await jilinNames()) {
      expect(own.text).not.toContain(name);
      expect(asked.text).not.toContain(name);
    }
    expect((await sheetText(changchun, '/api/exports/registry.xlsx')).status).toBe(403);
  });

  it('gives the province any city and the registry, with ID numbers masked', async () => {
    const jl = await sheetText(province, '/api/exports/city-summary.xlsx?city=220200');
    expect(jl.status).toBe(200);
    expect(jl.text).toContain('吉林市');
    for (const name of await jilinNames()) expect(jl.text).toContain(name);
    const registry = await sheetText(province, '/api/exports/registry.xlsx');
    expect(registry.status).toBe(200);
    expect(registry.text).toMatch(/JL-CQO-2026-\d{4}/);
    expect(registry.text).toMatch(/\d{3}\*{11}[\dX]{4}/);
    expect(registry.text).not.toMatch(/\b\d{17}[\dX]\b/);
  });

  it('gives market regulation the registry and any city’s 汇总表', async () => {
    const samr = await world.as('samr');
    const registry = await sheetText(samr, '/api/exports/registry.xlsx');
    expect(registry.status).toBe(200);
    expect(registry.type).toContain('spreadsheetml');
    expect(registry.text).toMatch(/JL-CQO-2026-\d{4}/);
    const city = await sheetText(samr, '/api/exports/city-summary.xlsx?city=220100');
    expect(city.status).toBe(200);
    expect(city.text).toContain('长春市');
    const unnamed = await samr.get('/api/exports/city-summary.xlsx');
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.message).toContain('请选择');
  });

  it('refuses both exports to an enterprise (403) and to anyone signed out (401)', async () => {
    const enterprise = await world.as(world.logins.changchunHotel);
    const anonymous = world.client();
    for (const path of ['/api/exports/city-summary.xlsx?city=220100', '/api/exports/registry.xlsx']) {
      const refused = await enterprise.get(path);
      expect(refused.status, path).toBe(403);
      expect(refused.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      const signedOut = await anonymous.get(path);
      expect(signedOut.status, path).toBe(401);
      expect(signedOut.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
