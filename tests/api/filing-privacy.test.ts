import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, demoWorld } from '../support/api.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
let changchun: Client;
let jilin: Client;
let province: Client;
let jilinFilingId: string;
let changchunFilingId: string;

const ID_NUMBER = /\b\d{17}[\dX]\b/;

beforeAll(async () => {
  world = await demoWorld();
  changchun = await world.as('cc-city');
  jilin = await world.as('jl-city');
  province = await world.as('province');
  jilinFilingId = (await (await world.as(world.logins.jilinHotel)).get('/api/filings')).body.items[0].id;
  changchunFilingId = (await (await world.as(world.logins.changchunHotel)).get('/api/filings')).body.items[0]
    .id;
});
afterAll(() => world.close());

describe('city scoping', () => {
  it('returns 404 when a 长春 reviewer opens a 吉林 filing, and lists none of them', async () => {
    expect((await changchun.get(`/api/filings/${jilinFilingId}`)).status).toBe(404);
    const list = (await changchun.get('/api/filings?pageSize=100')).body;
    expect(list.items.every((f: { city: string }) => f.city === '220100')).toBe(true);
    expect(list.items.length).toBeGreaterThan(0);
    const filtered = (await changchun.get('/api/filings?city=220200')).body;
    expect(filtered.total).toBe(0);
    expect((await jilin.get(`/api/filings/${jilinFilingId}`)).status).toBe(200);
  });

  it('refuses a 长春 reviewer the attachments and ID reveal of a 吉林 filing', async () => {
    const files = (await jilin.get(`/api/filings/${jilinFilingId}`)).body.attachments;
    expect(files.length).toBeGreaterThan(0);
    expect((await changchun.get(files[0].url)).status).toBe(404);
    expect((await changchun.post(`/api/filings/${jilinFilingId}/reveal-id`, { reason: '核对' })).status).toBe(
      404,
    );
    expect(
      (await changchun.post(`/api/filings/${jilinFilingId}/actions`, { action: 'city_approve' })).status,
    ).toBe(404);
  });

  it('never shows another enterprise’s filing to an enterprise', async () => {
    const other = await world.as(world.logins.changchunAgency);
    expect((await other.get(`/api/filings/${changchunFilingId}`)).status).toBe(404);
    expect((await other.get('/api/filings')).body.items).toEqual([]);
  });

  it('keeps drafts away from reviewers', async () => {
    const agency = await world.as(world.logins.changchunAgency);
    const draft = (await agency.post('/api/filings', { kind: 'new' })).body;
    expect(draft.status).toBe('draft');
    expect((await changchun.get(`/api/filings/${draft.id}`)).status).toBe(404);
    expect((await province.get(`/api/filings/${draft.id}`)).status).toBe(404);
  });

  it('gives the admin no access to filings', async () => {
    const admin = await world.as('admin');
    expect((await admin.get('/api/filings')).status).toBe(403);
    expect((await admin.get(`/api/filings/${jilinFilingId}`)).status).toBe(403);
  });
});

describe('server-owned fields', () => {
  it('cannot be set through the draft payload', async () => {
    const agency = await world.as(world.logins.changchunAgency);
    const draft = (await agency.get('/api/filings')).body.items.find(
      (f: { status: string }) => f.status === 'draft',
    );
    for (const field of [
      'status',
      'filingNo',
      'city',
      'submittedAt',
      'createdAt',
      'enterpriseId',
      'idNumberMasked',
    ]) {
      const r = await agency.put(`/api/filings/${draft.id}`, { form: { [field]: 'recognized' } });
      expect(r.status, field).toBe(400);
      const top = await agency.put(`/api/filings/${draft.id}`, { form: {}, [field]: 'recognized' });
      expect(top.status, field).toBe(400);
    }
    const after = (await agency.get(`/api/filings/${draft.id}`)).body;
    expect(after).toMatchObject({ status: 'draft', filingNo: null, city: '220100', submittedAt: null });
  });

  it('cannot be set through an action payload', async () => {
    const r = await changchun.post(`/api/filings/${changchunFilingId}/actions`, {
      action: 'city_approve',
      status: 'recognized',
    });
    expect(r.status).toBe(400);
    expect((await changchun.get(`/api/filings/${changchunFilingId}`)).body.status).toBe('submitted');
  });

  it('cannot be set when creating a filing', async () => {
    const agency = await world.as(world.logins.changchunAgency);
    expect((await agency.post('/api/filings', { kind: 'new', city: '220200' })).status).toBe(400);
  });
});

describe('the ID number', () => {
  it('never leaves the server in full, except through a logged reveal', async () => {
    const owner = await world.as(world.logins.changchunHotel);
    for (const c of [owner, changchun, province]) {
      const text = (await c.get(`/api/filings/${changchunFilingId}`)).text;
      expect(text).not.toMatch(ID_NUMBER);
      expect(JSON.parse(text).idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    }
    const revealed = await changchun.post(`/api/filings/${changchunFilingId}/reveal-id`, {
      reason: '核对身份证复印件',
    });
    expect(revealed.body.idNumber).toMatch(ID_NUMBER);
    const history = (await changchun.get(`/api/filings/${changchunFilingId}`)).body.history;
    expect(history.at(-1)).toMatchObject({
      action: 'reveal_id',
      reason: '核对身份证复印件',
      actorRole: 'city_tourism',
    });
    expect((await owner.post(`/api/filings/${changchunFilingId}/reveal-id`, { reason: 'x' })).status).toBe(
      403,
    );
  });

  it('is stored encrypted with a keyed hash, never in plain text', async () => {
    const revealed = (await changchun.post(`/api/filings/${changchunFilingId}/reveal-id`, { reason: '核对' }))
      .body.idNumber;
    const dump = JSON.stringify((await world.database.client.execute('select * from filings')).rows);
    expect(dump).not.toContain(revealed);
    expect(dump).toMatch(/v1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+/);
  });

  it('refuses a second enterprise filing the same person while the first is active', async () => {
    const revealed = (await jilin.post(`/api/filings/${jilinFilingId}/reveal-id`, { reason: '核对' })).body
      .idNumber;
    const agency = await world.as(world.logins.changchunAgency);
    const draft = (await agency.get('/api/filings')).body.items.find(
      (f: { status: string }) => f.status === 'draft',
    );
    const saved = await agency.put(`/api/filings/${draft.id}`, { form: {}, idNumber: revealed });
    expect(saved.body.problems.idNumber).toContain('另一家企业');
    const submit = await agency.post(`/api/filings/${draft.id}/submit`);
    expect(submit.status).toBe(422);
    expect(submit.body.error.fields.idNumber).toContain('另一家企业');
  });

  it('keeps an invalid ID number out of storage and says why', async () => {
    const agency = await world.as(world.logins.changchunAgency);
    const draft = (await agency.get('/api/filings')).body.items.find(
      (f: { status: string }) => f.status === 'draft',
    );
    const saved = await agency.put(`/api/filings/${draft.id}`, { form: {}, idNumber: '110105194912310021' });
    expect(saved.status).toBe(200);
    expect(saved.body.problems.idNumber).toContain('校验');
  });
});

describe('submission', () => {
  it('lists every problem with a Chinese message: fields, eligibility and missing attachments', async () => {
    const agency = await world.as(world.logins.changchunAgency);
    const draft = (await agency.get('/api/filings')).body.items.find(
      (f: { status: string }) => f.status === 'draft',
    );
    await agency.put(`/api/filings/${draft.id}`, {
      form: {
        degree: 'below_bachelor',
        experiences: [
          {
            from: '2024-01',
            to: null,
            employer: '某社',
            position: '经理',
            qualityDuties: true,
            description: '质量',
          },
        ],
      },
    });
    const r = await agency.post(`/api/filings/${draft.id}/submit`);
    expect(r.status).toBe(422);
    const fields = r.body.error.fields;
    expect(fields['eligibility.degree']).toContain('本科');
    expect(fields['eligibility.experience']).toBeTruthy();
    expect(fields['attachments.stamped_form']).toContain('盖章登记表');
    expect(fields.licenseNo).toContain('许可证');
    expect(fields.mobile).toBeTruthy();
    expect((await agency.get(`/api/filings/${draft.id}`)).body.status).toBe('draft');
  });
});

describe('attachments', () => {
  async function draftOfAgency() {
    const agency = await world.as(world.logins.changchunAgency);
    const draft = (await agency.get('/api/filings')).body.items.find(
      (f: { status: string }) => f.status === 'draft',
    );
    return { agency, draft };
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
