import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccount } from '../../db/queries/accounts/accounts.ts';
import { advance, submitDemoFiling } from '../../functions/demo/seed.ts';
import { random } from '../../functions/demo/synthetic.ts';
import { type Client, demoWorld } from '../support/api.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
let agency: Client;
let agencyId: string;
let hotel: Client;
let hotelFilingId: string;
let cc: Client;
let jl: Client;
let province: Client;
let samr: Client;
const r = random(11);
const pdf = () => new TextEncoder().encode(`%PDF-1.4\n%${Math.random()}\n%%EOF\n`);

beforeAll(async () => {
  world = await demoWorld();
  agency = await world.as(world.logins.changchunAgency);
  agencyId = (await agency.get('/api/auth/me')).body.me.id;
  hotel = await world.as(world.logins.changchunHotel);
  hotelFilingId = (await hotel.get('/api/filings')).body.items[0].id;
  cc = await world.as('cc-city');
  jl = await world.as('jl-city');
  province = await world.as('province');
  samr = await world.as('samr');
});
afterAll(() => world.close());

function upload(c: Client, filingId: string, kind = 'degree', name = `${kind}.pdf`) {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', new File([pdf()], name, { type: 'application/pdf' }));
  return c.send('POST', `/api/filings/${filingId}/attachments`, form);
}

/** A submitted filing of the 长春 travel agency (earlier ones closed), optionally taken further. */
async function agencyFiling(
  stage: 'submitted' | 'returned' | 'awaiting_training' | 'trained' | 'recognized',
) {
  await world.database.client.execute({
    sql: "update filings set status = 'withdrawn' where enterprise_id = (select enterprise_id from accounts where id = ?) and status not in ('withdrawn', 'rejected', 'superseded', 'deregistered')",
    args: [agencyId],
  });
  const account = await findAccount(world.deps.db, agencyId);
  if (!account) throw new Error('agency missing');
  const id = await submitDemoFiling(world.deps, { ...account, sessionId: 't' }, r, '220100', 'travel_agency');
  if (stage === 'returned') {
    await cc.post(`/api/filings/${id}/actions`, {
      action: 'city_return',
      reasons: { attachments: '请重新扫描' },
    });
  } else if (stage === 'trained') {
    await advance(world.deps, id, 'cc-city', 'awaiting_training');
    await samr.post(`/api/filings/${id}/actions`, {
      action: 'record_training',
      onlineHours: 24,
      date: '2026-11-20',
      passed: true,
    });
  } else if (stage !== 'submitted') {
    await advance(world.deps, id, 'cc-city', stage);
  }
  expect((await agency.get(`/api/filings/${id}`)).body.status).toBe(stage);
  return id;
}

async function historyOf(filingId: string) {
  const rows = await world.database.client.execute({
    sql: 'select action, actor_role, reason from filing_events where filing_id = ? order by id',
    args: [filingId],
  });
  return rows.rows.map((e) => ({ action: e.action, role: e.actor_role, reason: e.reason }));
}

describe('the audit history', () => {
  it('cannot be changed or deleted, even with SQL', async () => {
    const client = world.database.client;
    const [first] = (await client.execute('select id, reason from filing_events order by id limit 1')).rows;
    await expect(client.execute("update filing_events set reason = 'changed'")).rejects.toThrow(
      /append-only/,
    );
    await expect(client.execute('delete from filing_events')).rejects.toThrow(/append-only/);
    const [after] = (await client.execute('select id, reason from filing_events order by id limit 1')).rows;
    expect(after).toEqual(first);
  });

  it('records every attachment uploaded and deleted; a never-submitted draft’s file is removed for good', async () => {
    await world.database.client.execute({
      sql: "update filings set status = 'withdrawn' where enterprise_id = (select enterprise_id from accounts where id = ?) and status in ('draft', 'returned')",
      args: [agencyId],
    });
    const draft = await agency.post('/api/filings', { kind: 'new' });
    expect(draft.status, draft.text).toBe(201);
    const added = await upload(agency, draft.body.id, 'degree', '学历证书.pdf');
    expect(added.status).toBe(201);
    const [row] = (
      await world.database.client.execute({
        sql: 'select storage_key from attachments where id = ?',
        args: [added.body.id],
      })
    ).rows;
    const key = String(row?.storage_key);
    expect(await world.deps.files.get(key)).not.toBeNull();
    expect((await agency.del(added.body.url)).status).toBe(204);
    expect(await world.deps.files.get(key)).toBeNull();
    expect((await agency.get(added.body.url)).status).toBe(404);
    expect(await historyOf(draft.body.id)).toEqual([
      { action: 'create', role: 'enterprise', reason: null },
      { action: 'attachment_upload', role: 'enterprise', reason: '学历证书：学历证书.pdf' },
      { action: 'attachment_delete', role: 'enterprise', reason: '学历证书：学历证书.pdf' },
    ]);
  });
});

describe('deleting an attachment after the filing was submitted', () => {
  it('hides it from the enterprise but keeps it, marked deleted, for the reviewers', async () => {
    const id = await agencyFiling('returned');
    const file = (await agency.get(`/api/filings/${id}`)).body.attachments.find(
      (a: { kind: string }) => a.kind === 'appointment',
    );
    expect((await agency.del(file.url)).status).toBe(204);

    const own = (await agency.get(`/api/filings/${id}`)).body;
    expect(own.attachments.map((a: { id: string }) => a.id)).not.toContain(file.id);
    expect((await agency.get(file.url)).status).toBe(404);
    expect((await agency.del(file.url)).status).toBe(404);

    const seen = (await cc.get(`/api/filings/${id}`)).body;
    const kept = seen.attachments.find((a: { id: string }) => a.id === file.id);
    expect(kept.deletedAt).toBe(world.deps.now().toISOString());
    const download = await cc.get(file.url);
    expect(download.status).toBe(200);
    expect(download.text).toMatch(/^%PDF/);
    expect(seen.history.at(-1)).toMatchObject({ action: 'attachment_delete', actorRole: 'enterprise' });

    // A deleted file no longer counts: the 任命文件 must be uploaded again before resubmitting.
    const submit = await agency.post(`/api/filings/${id}/submit`);
    expect(submit.status).toBe(422);
    expect(submit.body.error.fields['attachments.appointment']).toContain('任命文件');
    expect((await upload(agency, id, 'appointment')).status).toBe(201);
    expect((await agency.post(`/api/filings/${id}/submit`)).status).toBe(200);
  });
});

describe('the 培训证明', () => {
  it('can be uploaded by market regulation once training starts, and by the enterprise while it is under way', async () => {
    for (const stage of ['awaiting_training', 'trained'] as const) {
      const id = await agencyFiling(stage);
      const bySamr = await upload(samr, id, 'training', '培训合格证.pdf');
      expect(bySamr.status, `${stage} ${bySamr.text}`).toBe(201);
      const byOwner = await upload(agency, id, 'training', '结业证书.pdf');
      expect(byOwner.status, byOwner.text).toBe(201);
      const seen = (await agency.get(`/api/filings/${id}`)).body;
      expect(seen.uploadKinds).toEqual(['training']);
      expect(seen.attachments.filter((a: { kind: string }) => a.kind === 'training')).toHaveLength(2);
      expect((await historyOf(id)).slice(-2)).toEqual([
        { action: 'attachment_upload', role: 'market_regulation', reason: '培训证明：培训合格证.pdf' },
        { action: 'attachment_upload', role: 'enterprise', reason: '培训证明：结业证书.pdf' },
      ]);
      // Only the 培训证明: the rest of the filing is settled.
      const other = await upload(agency, id, 'degree');
      expect(other.status).toBe(409);
      expect(other.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect((await upload(samr, id, 'degree')).status).toBe(403);
      // Deleting an enterprise's own 培训证明 is allowed, and kept for the reviewers (soft delete).
      expect((await agency.del(byOwner.body.url)).status).toBe(204);
      expect((await samr.get(byOwner.body.url)).status).toBe(200);
    }
  });

  it('stays with market regulation after recognition; the enterprise, the other reviewers and other cities are refused', async () => {
    const id = await agencyFiling('recognized');
    expect((await upload(samr, id, 'training')).status).toBe(201);
    const owner = await upload(agency, id, 'training');
    expect(owner.status).toBe(409);
    expect(owner.body.error.message).toContain('培训证明');
    for (const reviewer of [cc, province]) {
      const refused = await upload(reviewer, id, 'training');
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await upload(jl, id, 'training')).status).toBe(404);
    const early = await agencyFiling('submitted');
    expect((await upload(samr, early, 'training')).status).toBe(403);
    expect((await upload(agency, early, 'training')).status).toBe(409);
  });
});

describe('who may change and download attachments', () => {
  it('answers a reviewer’s PUT, upload or delete on a filing of its city with 403 and a Chinese message', async () => {
    const seen = (await cc.get(`/api/filings/${hotelFilingId}`)).body;
    const file = seen.attachments[0];
    for (const reviewer of [cc, province, samr]) {
      const put = await reviewer.put(`/api/filings/${hotelFilingId}`, { form: { address: '篡改' } });
      const up = await upload(reviewer, hotelFilingId);
      const del = await reviewer.del(file.url);
      for (const r of [put, up, del]) {
        expect(r.status).toBe(403);
        expect(r.body.error.message).toMatch(/^[\u4e00-\u9fff]/);
      }
    }
    // The enterprise itself gets 409: its filing is submitted, not forbidden.
    expect((await hotel.put(`/api/filings/${hotelFilingId}`, { form: {} })).status).toBe(409);
    expect((await cc.get(`/api/filings/${hotelFilingId}`)).body.attachments).toEqual(seen.attachments);
  });

  it('returns 404 to another enterprise for PUT, upload, delete and download on someone else’s filing', async () => {
    const other = await world.as(world.logins.jilinScenic);
    const file = (await hotel.get(`/api/filings/${hotelFilingId}`)).body.attachments[0];
    expect((await other.put(`/api/filings/${hotelFilingId}`, { form: {} })).status).toBe(404);
    expect((await upload(other, hotelFilingId)).status).toBe(404);
    expect((await other.del(file.url)).status).toBe(404);
    expect((await other.get(file.url)).status).toBe(404);
    expect((await hotel.get(file.url)).status).toBe(200);
  });

  it('serves a submitted 长春 filing’s files to 长春 and the province, never to 吉林, another enterprise or the admin', async () => {
    expect((await hotel.get(`/api/filings/${hotelFilingId}`)).body.status).toBe('submitted');
    const file = (await cc.get(`/api/filings/${hotelFilingId}`)).body.attachments[0];
    for (const allowed of [cc, province, samr, hotel]) expect((await allowed.get(file.url)).status).toBe(200);
    expect((await jl.get(file.url)).status).toBe(404);
    expect((await (await world.as(world.logins.jilinHotel)).get(file.url)).status).toBe(404);
    expect((await (await world.as('admin')).get(file.url)).status).toBe(403);
    expect((await world.client().get(file.url)).status).toBe(401);
  });
});
