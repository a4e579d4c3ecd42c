import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advance } from '../../functions/demo/seed.ts';
import { type FilingWorld, filingWorld } from '../support/filing-world.ts';

let w: FilingWorld;
beforeAll(async () => {
  w = await filingWorld();
});
afterAll(() => w.close());

describe('the workflow', () => {
  it('shows the enterprise the reasons per field after a return, and lets it correct and resubmit', async () => {
    const id = await w.filingAt('returned');
    const seen = await w.actors.owner.get(`/api/filings/${id}`);
    expect(seen.body.returnReasons).toEqual({ mobile: '手机号码与任命文件不一致' });
    expect(seen.body.history).toEqual([]);
    const form = { ...seen.body.form, mobile: '13912345678' };
    expect((await w.actors.owner.put(`/api/filings/${id}`, { form })).status).toBe(200);
    const resubmitted = await w.actors.owner.post(`/api/filings/${id}/submit`);
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.status).toBe('submitted');
    expect(resubmitted.body.returnReasons).toEqual({});
  });

  it('keeps a failed training in awaiting_training with the attempt recorded', async () => {
    const id = await w.filingAt('awaiting_training');
    const failed = await w.actors.samr.post(`/api/filings/${id}/actions`, {
      action: 'record_training',
      onlineHours: 24,
      date: '2026-11-20',
      passed: false,
    });
    expect(failed.body.status).toBe('awaiting_training');
    expect(failed.body.training.attempts).toHaveLength(1);
    const short = await w.actors.samr.post(`/api/filings/${id}/actions`, {
      action: 'record_training',
      onlineHours: 12,
      date: '2026-11-21',
      passed: true,
    });
    expect(short.body.status).toBe('awaiting_training');
    const passed = await w.actors.samr.post(`/api/filings/${id}/actions`, {
      action: 'record_training',
      onlineHours: 20,
      date: '2026-11-22',
      passed: true,
    });
    expect(passed.body.status).toBe('trained');
    expect(passed.body.training.attempts).toHaveLength(3);
  });

  it('issues sequential, unique 备案编号 and a change filing supersedes the old CQO on recognition', async () => {
    const first = await w.filingAt('recognized');
    const firstNo = (await w.actors.owner.get(`/api/filings/${first}`)).body.filingNo as string;
    expect(firstNo).toMatch(/^JL-CQO-2026-\d{4}$/);
    expect((await w.actors.owner.post('/api/filings', { kind: 'new' })).status).toBe(409);
    const change = await w.submitted('change');
    await advance(w.deps, change, 'cc-city', 'recognized');
    const old = (await w.actors.owner.get(`/api/filings/${first}`)).body;
    const replacement = (await w.actors.owner.get(`/api/filings/${change}`)).body;
    expect(old.status).toBe('superseded');
    const history = (await w.actors.samr.get(`/api/filings/${first}`)).body.history;
    expect(history.at(-1)).toMatchObject({ action: 'supersede', from: 'recognized', to: 'superseded' });
    expect(old.filingNo).toBe(firstNo);
    expect(replacement.status).toBe('recognized');
    expect(Number(replacement.filingNo.slice(-4))).toBe(Number(firstNo.slice(-4)) + 1);
    const recognized = (await w.actors.owner.get('/api/filings?status=recognized')).body;
    expect(recognized.total).toBe(1);
    // The database itself refuses a second recognized CQO for the enterprise, whatever code tries.
    await expect(
      w.database.client.execute({
        sql: "update filings set status = 'recognized' where id = ?",
        args: [first],
      }),
    ).rejects.toThrow(/UNIQUE constraint failed/);
  });

  it('records every step in an append-only history shown to reviewers', async () => {
    const id = await w.filingAt('recognized');
    const history = (await w.actors.samr.get(`/api/filings/${id}`)).body.history as {
      action: string;
      actorRole: string;
    }[];
    const uploads = Array<string>(4).fill('attachment_upload');
    expect(history.map((h) => h.action)).toEqual([
      'create',
      ...uploads,
      'submit',
      'city_approve',
      'province_approve',
      'record_training',
      'recognize',
    ]);
    expect(history.map((h) => h.actorRole)).toEqual([
      'enterprise',
      ...uploads.map(() => 'enterprise'),
      'enterprise',
      'city_tourism',
      'province_tourism',
      'market_regulation',
      'market_regulation',
    ]);
  });
});

describe('what the enterprise is told', () => {
  it('shows the enterprise why its filing was not approved (不予通过)', async () => {
    const id = await w.filingAt('rejected');
    const seen = (await w.actors.owner.get(`/api/filings/${id}`)).body;
    expect(seen.decision).toMatchObject({
      action: 'city_reject',
      actorRole: 'city_tourism',
      reason: '工作经历证明与填报内容不符',
    });
    expect(seen.history).toEqual([]);
  });

  it('shows the enterprise why its CQO was deregistered, and nothing for a filing still under way', async () => {
    const id = await w.filingAt('deregistered');
    const seen = (await w.actors.owner.get(`/api/filings/${id}`)).body;
    expect(seen.decision).toMatchObject({ action: 'deregister', reason: '首席质量官已离职' });
    const open = await w.filingAt('submitted');
    expect((await w.actors.owner.get(`/api/filings/${open}`)).body.decision).toBeNull();
  });
});
