/** The public registry keeping up with the workflow: recognitions, deregistrations, changes, another process. */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLogin } from '../../db/queries/accounts/accounts.ts';
import { recentRegistryChanges, registryVersion } from '../../db/queries/registry/registry.ts';
import { filings } from '../../db/schema/index.ts';
import { createApp } from '../../functions/app.ts';
import { advance, submitDemoFiling } from '../../functions/demo/seed.ts';
import { random } from '../../functions/demo/synthetic.ts';
import { openDatabase } from '../../functions/hosts/node.ts';
import { registryTimings } from '../../functions/registry/index.ts';
import type { CqoRecord, PublicCqoList, RegistryStats } from '../../src/shared/registry/answers.ts';
import { Client } from '../support/api.ts';
import { changeCqo, registryWorld } from '../support/registry.ts';

let world: Awaited<ReturnType<typeof registryWorld>>['world'];
let anyone: Client;
let samr: Client;

beforeAll(async () => {
  ({ world, anyone, samr } = await registryWorld());
});
afterAll(() => world.close());

describe('keeping up with the workflow', () => {
  it('lists a CQO as soon as market regulation recognizes it, and shows a deregistration with its date', async () => {
    const rural = await world.as(world.logins.yanbianRural);
    const filingId = (await rural.get('/api/filings')).body.items[0].id as string;
    expect(
      (
        await samr.post(`/api/filings/${filingId}/actions`, {
          action: 'record_training',
          onlineHours: 24,
          date: '2026-11-20',
          passed: true,
        })
      ).status,
    ).toBe(200);
    const before = (await anyone.get<PublicCqoList>('/api/cqos')).body.total;
    const statsBefore = (await anyone.get<RegistryStats>('/api/stats')).body;
    const recognized = await samr.post(`/api/filings/${filingId}/actions`, { action: 'recognize' });
    expect(recognized.status).toBe(200);
    const filingNo = recognized.body.filingNo as string;
    expect(recognized.body.publishConsent, 'the 延边 demo filing consents to publishing the name').toBe(true);
    expect((await anyone.get<PublicCqoList>('/api/cqos')).body.total).toBe(before + 1);
    expect((await anyone.get<RegistryStats>('/api/stats')).body.total).toBe(statsBefore.total + 1);
    const listed = (await anyone.get<CqoRecord>(`/api/cqos/${filingNo}`)).body;
    expect(listed).toMatchObject({
      filingNo,
      status: 'valid',
      deregisteredAt: null,
      recognizedAt: '2026-11-26',
    });

    // Asking to deregister changes nothing public: the registry's version stays.
    const version = await registryVersion(world.deps.db);
    expect(
      (
        await rural.post(`/api/filings/${filingId}/actions`, {
          action: 'request_deregistration',
          reason: '首席质量官已离职',
        })
      ).status,
    ).toBe(200);
    expect(await registryVersion(world.deps.db)).toBe(version);

    world.advanceClock(24 * 3600_000);
    samr = await world.as('samr');
    const deregistered = await samr.post(`/api/filings/${filingId}/actions`, {
      action: 'deregister',
      reason: '首席质量官离职',
    });
    expect(deregistered.status).toBe(200);
    expect(await registryVersion(world.deps.db)).toBe(version + 1);
    expect((await anyone.get<CqoRecord>(`/api/cqos/${filingNo}`)).body).toMatchObject({
      status: 'deregistered',
      deregisteredAt: '2026-11-27',
    });
    const onlyDeregistered = (await anyone.get<PublicCqoList>('/api/cqos?status=deregistered&pageSize=100'))
      .body;
    expect(onlyDeregistered.items.map((i) => i.filingNo)).toContain(filingNo);
  });

  it('answers a superseded number as 已变更 with the date and the new number, and lists only the new one', async () => {
    const versionBefore = await registryVersion(world.deps.db);
    const monthsBefore = (await anyone.get<RegistryStats>('/api/stats')).body.byMonth;
    const { account, old, now } = await changeCqo(world.deps, world.logins.jilinScenic, 99);
    const oldNo = old.filingNo as string;
    expect(now.publishConsent, 'the change filing consents to publishing the name').toBe(true);

    // One recognition, one supersession: two changes, written with the recognition.
    expect(await registryVersion(world.deps.db)).toBe(versionBefore + 2);
    const logged = await recentRegistryChanges(world.deps.db, 2);
    expect(logged.map((c) => c.filingId).sort()).toEqual([old.id, now.id].sort());
    const [replaced] = await world.deps.db.select().from(filings).where(eq(filings.id, old.id));
    expect(replaced?.status).toBe('superseded');
    expect(replaced?.updatedAt.getTime()).toBe(world.deps.now().getTime());

    const reply = await anyone.get<CqoRecord>(`/api/cqos/${oldNo}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      filingNo: oldNo,
      status: 'superseded',
      supersededAt: '2026-11-27',
      currentFilingNo: now.filingNo,
    });
    expect((await anyone.get(`/api/cqos/${oldNo}/qr.svg`)).status).toBe(404);
    const byUscc = (await anyone.get<PublicCqoList>(`/api/cqos?q=${account.login}`)).body;
    expect(byUscc.items.map((i) => i.filingNo)).not.toContain(oldNo);
    expect(byUscc.items).toHaveLength(1);
    expect(byUscc.items[0]).toMatchObject({ filingNo: now.filingNo, status: 'valid' });
    // Both recognitions still count in their months: the replaced one is not taken out of the statistics.
    const monthsAfter = (await anyone.get<RegistryStats>('/api/stats')).body.byMonth;
    const sum = (ms: RegistryStats['byMonth']) => ms.reduce((s, m) => s + m.count, 0);
    expect(sum(monthsAfter)).toBe(sum(monthsBefore) + 1);
  });

  it('counts every recognition per month, also those later superseded or deregistered', async () => {
    const stats = (await anyone.get<RegistryStats>('/api/stats')).body;
    const rows = await world.deps.db
      .select()
      .from(filings)
      .where(inArray(filings.status, ['recognized', 'deregistered', 'superseded']));
    const months = new Set(stats.byMonth.map((m) => m.month));
    const perMonth = new Map<string, number>();
    for (const f of rows) {
      if (!f.recognizedAt) continue;
      const china = new Date(f.recognizedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
      if (months.has(china)) perMonth.set(china, (perMonth.get(china) ?? 0) + 1);
    }
    expect(rows.some((f) => f.status === 'superseded')).toBe(true);
    for (const m of stats.byMonth) expect(m.count, m.month).toBe(perMonth.get(m.month) ?? 0);
  });

  it('numbers a recognition at 07:30 on 1 January 2027 China time (still 2026 in UTC) with the year 2027', async () => {
    const target = new Date('2026-12-31T23:30:00Z');
    world.advanceClock(target.getTime() - world.deps.now().getTime());
    samr = await world.as('samr');
    const account = await findAccountByLogin(world.deps.db, world.logins.changchunAgency);
    if (!account?.enterpriseId) throw new Error('demo enterprise missing');
    const id = await submitDemoFiling(
      world.deps,
      { ...account, sessionId: 'test' },
      random(7),
      '220100',
      'travel_agency',
    );
    await advance(world.deps, id, 'cc-city', 'recognized');
    const [f] = await world.deps.db.select().from(filings).where(eq(filings.id, id));
    expect(f?.filingNo).toMatch(/^JL-CQO-2027-\d{4}$/);
    expect((await anyone.get<CqoRecord>(`/api/cqos/${f?.filingNo}`)).body.recognizedAt).toBe('2027-01-01');
  });
});

describe('changes made by another process', () => {
  it('show up in a second app on the same database file within the version-check interval', async () => {
    // A second process: its own connection to the same file, its own app and read model.
    const other = await openDatabase({ databaseUrl: `file:${world.database.dir}/test.db` });
    try {
      const b = new Client(createApp({ ...world.deps, db: other.db }));
      const [one] = (await b.get<PublicCqoList>('/api/cqos?status=valid')).body.items;
      const filingNo = one?.filingNo as string;
      const [row] = await world.deps.db.select().from(filings).where(eq(filings.filingNo, filingNo));
      const done = await samr.post(`/api/filings/${row?.id}/actions`, {
        action: 'deregister',
        reason: '首席质量官离职',
      });
      expect(done.status, done.text).toBe(200);
      const changedAt = Date.now();
      let seenAfter = Number.POSITIVE_INFINITY;
      while (Date.now() - changedAt < registryTimings.versionCheckMs * 3) {
        if ((await b.get<CqoRecord>(`/api/cqos/${filingNo}`)).body.status === 'deregistered') {
          seenAfter = Date.now() - changedAt;
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(seenAfter).toBeLessThanOrEqual(
        registryTimings.versionCheckMs + registryTimings.refreshWaitMs + 100,
      );
      expect((await b.get<PublicCqoList>(`/api/cqos?q=${filingNo}`)).body.items[0]?.status).toBe(
        'deregistered',
      );
    } finally {
      other.client.close();
    }
  });
});
