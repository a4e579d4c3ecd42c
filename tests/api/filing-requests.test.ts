import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FilingWorld, filingWorld } from '../support/filing-world.ts';

let w: FilingWorld;
beforeAll(async () => {
  w = await filingWorld();
});
afterAll(() => w.close());

describe('deregistration requests', () => {
  it('flags them in market regulation’s queue, with a filter and a count, until they are handled', async () => {
    const id = await w.filingAt('recognized');
    const before = (await w.actors.samr.get('/api/filings?deregistrationRequested=true')).body;
    expect(before.items.map((f: { id: string }) => f.id)).not.toContain(id);
    await w.step('owner', id, { action: 'request_deregistration', reason: '首席质量官已离职' });

    const queue = (await w.actors.samr.get('/api/filings?deregistrationRequested=true&pageSize=100')).body;
    expect(queue.deregistrationRequests).toBe(before.deregistrationRequests + 1);
    expect(queue.total).toBe(queue.deregistrationRequests);
    expect(queue.items.find((f: { id: string }) => f.id === id)).toMatchObject({
      status: 'recognized',
      deregistrationRequested: true,
    });
    expect(queue.items.every((f: { deregistrationRequested: boolean }) => f.deregistrationRequested)).toBe(
      true,
    );
    // The count comes with every list, whatever its status filter, so the queue can always show it.
    const other = (await w.actors.samr.get('/api/filings?status=awaiting_training')).body;
    expect(other.deregistrationRequests).toBe(queue.deregistrationRequests);
    // Scoped like the rest: 吉林's reviewer does not count a 长春 request.
    const jl = (await w.actors['jl-city'].get('/api/filings?deregistrationRequested=true&pageSize=100')).body;
    expect(jl.items.map((f: { id: string }) => f.id)).not.toContain(id);

    await w.step('samr', id, { action: 'deregister', reason: '企业申请，首席质量官已离职' });
    const after = (await w.actors.samr.get('/api/filings?deregistrationRequested=true')).body;
    expect(after.deregistrationRequests).toBe(before.deregistrationRequests);
  });

  it('refuses a malformed filter with a Chinese message', async () => {
    const r = await w.actors.samr.get('/api/filings?deregistrationRequested=yes');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('withdrawing consent to publish the name (个人信息保护法 art. 15)', () => {
  it('takes the name out of the public lookup at once and records who did it', async () => {
    const id = await w.filingAt('recognized');
    const filingNo = (await w.actors.owner.get(`/api/filings/${id}`)).body.filingNo as string;
    const cqoName = (await w.actors.owner.get(`/api/filings/${id}`)).body.cqoName as string;
    const anonymous = w.client();
    expect((await anonymous.get(`/api/cqos/${filingNo}`)).body.name).toBe(cqoName);

    const done = await w.actors.owner.post(`/api/filings/${id}/actions`, {
      action: 'withdraw_publication_consent',
    });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ status: 'recognized', publishConsent: false, filingNo });
    expect(done.body.form.publishConsent).toBe(false);
    expect(done.body.actions).not.toContain('withdraw_publication_consent');

    const listed = await anonymous.get(`/api/cqos/${filingNo}`);
    expect(listed.status).toBe(200);
    expect(listed.body.name).toBeNull();
    expect(listed.body.status).toBe('valid');
    const history = (await w.actors.samr.get(`/api/filings/${id}`)).body.history;
    expect(history.at(-1)).toMatchObject({
      action: 'withdraw_publication_consent',
      actorRole: 'enterprise',
      from: 'recognized',
      to: 'recognized',
    });
  });

  it('lets market regulation withdraw it on the CQO’s request, with the request noted', async () => {
    const id = await w.filingAt('deregistered');
    const done = await w.actors.samr.post(`/api/filings/${id}/actions`, {
      action: 'withdraw_publication_consent',
      note: '本人来函申请',
    });
    expect(done.status, done.text).toBe(200);
    expect(done.body.publishConsent).toBe(false);
    expect(done.body.history.at(-1)).toMatchObject({
      action: 'withdraw_publication_consent',
      actorRole: 'market_regulation',
      reason: '撤回公开姓名的同意：本人来函申请',
    });
  });
});
