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
