import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FilingWorld, filingWorld } from '../support/filing-world.ts';

let w: FilingWorld;
beforeAll(async () => {
  w = await filingWorld();
});
afterAll(() => w.close());

describe('one open filing per enterprise, one enterprise per person', () => {
  it('lets exactly one of two simultaneous new filings through; the other gets a Chinese 409', async () => {
    await w.closeOwnerFilings();
    const results = await Promise.all(
      Array.from({ length: 3 }, () => w.actors.owner.post('/api/filings', { kind: 'new' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((r) => r.status === 409))
      expect(r.body.error.message).toBe('您已有一份正在办理的备案，请继续办理该备案');
    const open = (await w.actors.owner.get('/api/filings?status=draft')).body;
    expect(open.total).toBe(1);
  });

  it('refuses at the database a second open filing written behind the workflow’s back', async () => {
    const id = await w.filingAt('submitted');
    const copy = w.database.client.execute({
      sql: `insert into filings (id, enterprise_id, kind, status, city, enterprise_name, uscc, enterprise_type,
              publish_consent, form, training, deregistration_requested, created_at, updated_at, version)
            select 'copy-' || id, enterprise_id, kind, 'draft', city, enterprise_name, uscc, enterprise_type,
              publish_consent, form, training, 0, created_at, updated_at, 1 from filings where id = ?`,
      args: [id],
    });
    await expect(copy).rejects.toThrow(/UNIQUE/);
  });

  it('refuses to recognize a person another enterprise’s CQO was recognized as meanwhile', async () => {
    const other = await w.as(w.logins.yanbianRural);
    const otherFiling = (await other.get('/api/filings')).body.items[0];
    expect(otherFiling.status).toBe('awaiting_training');
    const id = await w.filingAt('trained');
    // Both were filed at the same time, so both passed the check on submit: give the 延边 filing this person.
    await w.database.client.execute({
      sql: `update filings set (id_cipher, id_hash, id_masked) =
              (select id_cipher, id_hash, id_masked from filings where id = ?) where id = ?`,
      args: [id, otherFiling.id],
    });
    await w.step('samr', otherFiling.id, {
      action: 'record_training',
      onlineHours: 20,
      date: '2026-11-20',
      passed: true,
    });
    await w.step('samr', otherFiling.id, { action: 'recognize' });

    const refused = await w.actors.samr.post(`/api/filings/${id}/actions`, { action: 'recognize' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('另一家企业');
    const after = (await w.actors.samr.get(`/api/filings/${id}`)).body;
    expect(after).toMatchObject({ status: 'trained', filingNo: null });
    expect(after.history.at(-1).action).toBe('record_training');
  });
});
