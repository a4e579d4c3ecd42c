import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccount } from '../../db/queries/accounts.ts';
import { advance, submitDemoFiling } from '../../functions/demo/seed.ts';
import { random } from '../../functions/demo/synthetic.ts';
import { transitions } from '../../functions/filings/rules.ts';
import type { FilingAction } from '../../src/shared/filing-status.ts';
import { type Client, demoWorld } from '../support/api.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
type Actor = 'owner' | 'otherEnterprise' | 'cc-city' | 'jl-city' | 'province' | 'samr' | 'admin';
let actors: Record<Actor, Client>;
let ownerId: string;
const r = random(7);

beforeAll(async () => {
  world = await demoWorld();
  const owner = await world.as(world.logins.changchunAgency);
  ownerId = (await owner.get('/api/auth/me')).body.me.id;
  actors = {
    owner,
    otherEnterprise: await world.as(world.logins.jilinScenic),
    'cc-city': await world.as('cc-city'),
    'jl-city': await world.as('jl-city'),
    province: await world.as('province'),
    samr: await world.as('samr'),
    admin: await world.as('admin'),
  };
});
afterAll(() => world.close());

/** A fresh filing of the 长春 travel agency, taken through the workflow to `stage`. */
async function filingAt(stage: string): Promise<string> {
  const account = await findAccount(world.deps.db, ownerId);
  if (!account) throw new Error('owner missing');
  const me = { ...account, sessionId: 'test' };
  // Close any earlier filing of this enterprise so a new one may start.
  const open = (await actors.owner.get('/api/filings?pageSize=100')).body.items.filter(
    (f: { status: string }) =>
      [
        'submitted',
        'city_approved',
        'awaiting_training',
        'trained',
        'recognized',
        'returned',
        'draft',
      ].includes(f.status),
  );
  for (const f of open)
    await world.database.client.execute({
      sql: "update filings set status = 'withdrawn' where id = ?",
      args: [f.id],
    });
  const id = await submitDemoFiling(world.deps, me, r, '220100', 'travel_agency');
  if (stage === 'returned') {
    await actors['cc-city'].post(`/api/filings/${id}/actions`, {
      action: 'city_return',
      reasons: { mobile: '手机号码与任命文件不一致' },
    });
  } else if (stage === 'trained') {
    await advance(world.deps, id, 'cc-city', 'awaiting_training');
    await actors.samr.post(`/api/filings/${id}/actions`, {
      action: 'record_training',
      onlineHours: 22,
      date: '2026-11-01',
      passed: true,
    });
  } else if (stage !== 'submitted') {
    await advance(world.deps, id, 'cc-city', stage as 'city_approved' | 'awaiting_training' | 'recognized');
  }
  const status =
    (await actors.samr.get(`/api/filings/${id}`)).body.status ??
    (await actors.owner.get(`/api/filings/${id}`)).body.status;
  expect(status).toBe(stage);
  return id;
}

const payloads: Record<FilingAction, Record<string, unknown>> = {
  submit: {},
  withdraw: { action: 'withdraw' },
  city_approve: { action: 'city_approve', note: '同意' },
  city_return: { action: 'city_return', reasons: { experiences: '请补充工作经历证明' } },
  city_reject: { action: 'city_reject', note: '不符合任职条件' },
  province_approve: { action: 'province_approve' },
  province_return: { action: 'province_return', reasons: { attachments: '任命文件未盖章' } },
  record_training: { action: 'record_training', onlineHours: 24, date: '2026-11-20', passed: true },
  recognize: { action: 'recognize' },
  request_deregistration: { action: 'request_deregistration', reason: '首席质量官已离职' },
  deregister: { action: 'deregister', reason: '企业申请注销' },
};
const allowedActor: Record<FilingAction, Actor> = {
  submit: 'owner',
  withdraw: 'owner',
  city_approve: 'cc-city',
  city_return: 'cc-city',
  city_reject: 'cc-city',
  province_approve: 'province',
  province_return: 'province',
  record_training: 'samr',
  recognize: 'samr',
  request_deregistration: 'owner',
  deregister: 'samr',
};

async function perform(actor: Client, id: string, action: FilingAction) {
  return action === 'submit'
    ? actor.post(`/api/filings/${id}/submit`)
    : actor.post(`/api/filings/${id}/actions`, payloads[action]);
}

describe('every transition × every role', () => {
  const cases = (Object.keys(transitions) as FilingAction[]).filter((a) => a !== 'submit');
  for (const action of cases) {
    const from = transitions[action].from[0] ?? 'submitted';
    it(`${action}: only ${allowedActor[action]} may do it from ${from}; everyone else is refused and nothing changes`, async () => {
      const id = await filingAt(from);
      for (const [name, actor] of Object.entries(actors)) {
        if (name === allowedActor[action]) continue;
        const refused = await perform(actor, id, action);
        expect([403, 404], `${name} ${action}`).toContain(refused.status);
        expect(refused.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
      expect((await actors.samr.get(`/api/filings/${id}`)).body.status).toBe(from);
      const done = await perform(actors[allowedActor[action]], id, action);
      expect(done.status, done.text).toBe(200);
      expect(done.body.status).toBe(transitions[action].to);
    });
  }

  it('answers 409 with the current state when the right role acts on a filing that has moved on', async () => {
    const id = await filingAt('recognized');
    for (const action of [
      'withdraw',
      'city_approve',
      'province_approve',
      'record_training',
      'recognize',
    ] as FilingAction[]) {
      const r = await perform(actors[allowedActor[action]], id, action);
      expect(r.status, action).toBe(409);
      expect(r.body.error.message).toContain('已认定');
    }
  });
});

describe('the workflow', () => {
  it('shows the enterprise the reasons per field after a return, and lets it correct and resubmit', async () => {
    const id = await filingAt('returned');
    const seen = await actors.owner.get(`/api/filings/${id}`);
    expect(seen.body.returnReasons).toEqual({ mobile: '手机号码与任命文件不一致' });
    expect(seen.body.history).toEqual([]);
    const form = { ...seen.body.form, mobile: '13912345678' };
    expect((await actors.owner.put(`/api/filings/${id}`, { form })).status).toBe(200);
    const resubmitted = await actors.owner.post(`/api/filings/${id}/submit`);
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.status).toBe('submitted');
    expect(resubmitted.body.returnReasons).toEqual({});
  });

  it('keeps a failed training in awaiting_training with the attempt recorded', async () => {
    const id = await filingAt('awaiting_training');
    const failed = await actors.samr.post(`/api/filings/${id}/actions`, {
      action: 'record_training',
      onlineHours: 24,
      date: '2026-11-20',
      passed: false,
    });
    expect(failed.body.status).toBe('awaiting_training');
    expect(failed.body.training.attempts).toHaveLength(1);
    const short = await actors.samr.post(`/api/filings/${id}/actions`, {
      action: 'record_training',
      onlineHours: 12,
      date: '2026-11-21',
      passed: true,
    });
    expect(short.body.status).toBe('awaiting_training');
    const passed = await actors.samr.post(`/api/filings/${id}/actions`, {
      action: 'record_training',
      onlineHours: 20,
      date: '2026-11-22',
      passed: true,
    });
    expect(passed.body.status).toBe('trained');
    expect(passed.body.training.attempts).toHaveLength(3);
  });

  it('issues sequential, unique 备案编号 and a change filing supersedes the old CQO on recognition', async () => {
    const first = await filingAt('recognized');
    const firstNo = (await actors.owner.get(`/api/filings/${first}`)).body.filingNo as string;
    expect(firstNo).toMatch(/^JL-CQO-2026-\d{4}$/);
    expect((await actors.owner.post('/api/filings', { kind: 'new' })).status).toBe(409);
    const account = await findAccount(world.deps.db, ownerId);
    if (!account) throw new Error('owner missing');
    const change = await submitDemoFiling(
      world.deps,
      { ...account, sessionId: 'test' },
      r,
      '220100',
      'travel_agency',
      'change',
    );
    await advance(world.deps, change, 'cc-city', 'recognized');
    const old = (await actors.owner.get(`/api/filings/${first}`)).body;
    const replacement = (await actors.owner.get(`/api/filings/${change}`)).body;
    expect(old.status).toBe('superseded');
    const history = (await actors.samr.get(`/api/filings/${first}`)).body.history;
    expect(history.at(-1)).toMatchObject({ action: 'supersede', from: 'recognized', to: 'superseded' });
    expect(old.filingNo).toBe(firstNo);
    expect(replacement.status).toBe('recognized');
    expect(Number(replacement.filingNo.slice(-4))).toBe(Number(firstNo.slice(-4)) + 1);
    const recognized = (await actors.owner.get('/api/filings?status=recognized')).body;
    expect(recognized.total).toBe(1);
  });

  it('records every step in an append-only history shown to reviewers', async () => {
    const id = await filingAt('recognized');
    const history = (await actors.samr.get(`/api/filings/${id}`)).body.history as {
      action: string;
      actorRole: string;
    }[];
    expect(history.map((h) => h.action)).toEqual([
      'create',
      'submit',
      'city_approve',
      'province_approve',
      'record_training',
      'recognize',
    ]);
    expect(history.map((h) => h.actorRole)).toEqual([
      'enterprise',
      'enterprise',
      'city_tourism',
      'province_tourism',
      'market_regulation',
      'market_regulation',
    ]);
  });
});
