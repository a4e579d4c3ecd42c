import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccount } from '../../db/queries/accounts/accounts.ts';
import { demoForm } from '../../functions/demo/form.ts';
import { advance, submitDemoFiling } from '../../functions/demo/seed.ts';
import { random } from '../../functions/demo/synthetic.ts';
import type { SignedIn } from '../../functions/deps.ts';
import { addAttachment } from '../../functions/filings/attachments.ts';
import { transitions } from '../../functions/filings/rules.ts';
import { createFiling, saveDraft } from '../../functions/filings/service.ts';
import {
  type FilingAction,
  type FilingStatus,
  filingStatusCodes,
  type Role,
} from '../../src/shared/filings/status.ts';
import { type Client, demoWorld } from '../support/api.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
type Actor =
  | 'owner'
  | 'otherEnterprise'
  | 'cc-city'
  | 'jl-city'
  | 'province'
  | 'samr'
  | 'admin'
  | 'anonymous';
let actors: Record<Actor, Client>;
let ownerId: string;
const r = random(7);

/** The role of each actor; the owner's filings are of 长春 (cc-city's city, not jl-city's). */
const roleOf: Record<Actor, Role | null> = {
  owner: 'enterprise',
  otherEnterprise: 'enterprise',
  'cc-city': 'city_tourism',
  'jl-city': 'city_tourism',
  province: 'province_tourism',
  samr: 'market_regulation',
  admin: 'admin',
  anonymous: null,
};

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
    anonymous: world.client(),
  };
});
afterAll(() => world.close());

async function ownerMe(): Promise<SignedIn> {
  const account = await findAccount(world.deps.db, ownerId);
  if (!account) throw new Error('owner missing');
  return { ...account, sessionId: 'test' };
}

/** Ends the owner's earlier filings (behind the workflow's back) so a new one may start. */
async function closeOwnerFilings() {
  await world.database.client.execute({
    sql: "update filings set status = 'withdrawn' where enterprise_id = (select enterprise_id from accounts where id = ?) and status not in ('withdrawn', 'rejected', 'superseded', 'deregistered')",
    args: [ownerId],
  });
}

/** A complete, documented draft of the 长春 travel agency, not yet submitted. */
async function completeDraft(me: SignedIn): Promise<string> {
  const created = await createFiling(world.deps, me, 'new');
  if (!created.ok) throw new Error(created.message);
  const { form, idNumber } = demoForm(r, '220100', 'travel_agency');
  const saved = await saveDraft(world.deps, me, created.value.id, form, idNumber);
  if (!saved.ok) throw new Error(saved.message);
  for (const kind of ['degree', 'qualification', 'appointment', 'stamped_form'] as const) {
    const pdf = new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], `${kind}.pdf`);
    const added = await addAttachment(world.deps, me, created.value.id, kind, pdf);
    if (!added.ok) throw new Error(added.message);
  }
  return created.value.id;
}

async function step(login: 'owner' | 'cc-city' | 'samr', id: string, body: Record<string, unknown>) {
  const done = await actors[login].post(`/api/filings/${id}/actions`, body);
  expect(done.status, done.text).toBe(200);
}

/** A fresh filing of the 长春 travel agency, taken through the workflow to `stage`, with consent to publish. */
async function filingAt(stage: FilingStatus): Promise<string> {
  await closeOwnerFilings();
  const me = await ownerMe();
  if (stage === 'draft') return completeDraft(me);
  const id = await submitDemoFiling(world.deps, me, r, '220100', 'travel_agency');
  // The demo form asks for consent at random; these tests need it given.
  await world.database.client.execute({
    sql: 'update filings set publish_consent = 1 where id = ?',
    args: [id],
  });
  switch (stage) {
    case 'submitted':
      break;
    case 'returned':
      await step('cc-city', id, { action: 'city_return', reasons: { mobile: '手机号码与任命文件不一致' } });
      break;
    case 'withdrawn':
      await step('owner', id, { action: 'withdraw' });
      break;
    case 'rejected':
      await step('cc-city', id, { action: 'city_reject', note: '工作经历证明与填报内容不符' });
      break;
    case 'city_approved':
    case 'awaiting_training':
    case 'recognized':
      await advance(world.deps, id, 'cc-city', stage);
      break;
    case 'trained':
      await advance(world.deps, id, 'cc-city', 'awaiting_training');
      await step('samr', id, {
        action: 'record_training',
        onlineHours: 22,
        date: '2026-11-01',
        passed: true,
      });
      break;
    case 'deregistered':
      await advance(world.deps, id, 'cc-city', 'recognized');
      await step('samr', id, { action: 'deregister', reason: '首席质量官已离职' });
      break;
    case 'superseded': {
      await advance(world.deps, id, 'cc-city', 'recognized');
      const change = await submitDemoFiling(world.deps, me, r, '220100', 'travel_agency', 'change');
      await advance(world.deps, change, 'cc-city', 'recognized');
      break;
    }
  }
  expect((await actors.owner.get(`/api/filings/${id}`)).body.status).toBe(stage);
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
  withdraw_publication_consent: { action: 'withdraw_publication_consent', note: '本人书面申请' },
};

async function perform(actor: Client, id: string, action: FilingAction) {
  return action === 'submit'
    ? actor.post(`/api/filings/${id}/submit`)
    : actor.post(`/api/filings/${id}/actions`, payloads[action]);
}

/**
 * What `actor` gets for `action` on a filing in `state`: 401 signed out; 403 for the admin (no filing access)
 * and for a role the action is not for; 404 where the filing is out of sight (another enterprise, another city,
 * a draft for reviewers); 409 for the right role in the wrong state; 200 when allowed.
 */
function expected(actor: Actor, action: FilingAction, state: FilingStatus): number {
  const role = roleOf[actor];
  if (role === null) return 401;
  if (role === 'admin') return 403;
  const sees = actor === 'owner' || (state !== 'draft' && ['cc-city', 'province', 'samr'].includes(actor));
  if (!sees) return 404;
  const rule = transitions[action];
  if (!rule.roles.includes(role)) return 403;
  return rule.from.includes(state) ? 200 : 409;
}

const actions = Object.keys(transitions) as FilingAction[];
const actorNames = Object.keys(roleOf) as Actor[];
const stateAfter = (action: FilingAction, from: FilingStatus) =>
  transitions[action].to === 'unchanged' ? from : transitions[action].to;

describe('every transition × every role × every state', () => {
  for (const action of actions) {
    for (const from of transitions[action].from) {
      const allowed = actorNames.filter((a) => expected(a, action, from) === 200);
      for (const doer of allowed) {
        it(`${action} from ${from}: ${doer} may do it; everyone else is refused and nothing changes`, async () => {
          const id = await filingAt(from);
          const before = (await actors.owner.get(`/api/filings/${id}`)).body;
          for (const actor of actorNames.filter((a) => !allowed.includes(a))) {
            const refused = await perform(actors[actor], id, action);
            expect(refused.status, `${actor} ${action} from ${from}`).toBe(expected(actor, action, from));
            expect(refused.body.error.message).toMatch(/[\u4e00-\u9fff]/);
          }
          expect((await actors.owner.get(`/api/filings/${id}`)).body).toEqual(before);
          const done = await perform(actors[doer], id, action);
          expect(done.status, done.text).toBe(200);
          expect(done.body.status).toBe(stateAfter(action, from));
        });
      }
    }
  }

  for (const state of filingStatusCodes) {
    const refusedActions = actions.filter((a) => !transitions[a].from.includes(state));
    it(`in ${state}: ${refusedActions.join(', ')} are refused to every role, and nothing changes`, async () => {
      const id = await filingAt(state);
      const before = (await actors.owner.get(`/api/filings/${id}`)).body;
      for (const action of refusedActions) {
        for (const actor of actorNames) {
          const refused = await perform(actors[actor], id, action);
          expect(refused.status, `${actor} ${action} in ${state}`).toBe(expected(actor, action, state));
          expect(refused.body.error.message).toMatch(/[\u4e00-\u9fff]/);
          if (refused.status === 409) expect(refused.body.error.message).toContain('当前为');
        }
      }
      expect((await actors.owner.get(`/api/filings/${id}`)).body).toEqual(before);
    });
  }

  it('answers 409, not a second record, when a deregistration was already asked for or consent already withdrawn', async () => {
    const id = await filingAt('recognized');
    for (const action of ['request_deregistration', 'withdraw_publication_consent'] as const) {
      expect((await perform(actors.owner, id, action)).status).toBe(200);
      const again = await perform(actors.owner, id, action);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/无须重复/);
    }
    expect((await perform(actors.samr, id, 'withdraw_publication_consent')).status).toBe(409);
    const history = (await actors.samr.get(`/api/filings/${id}`)).body.history as { action: string }[];
    expect(history.filter((h) => h.action === 'request_deregistration')).toHaveLength(1);
    expect(history.filter((h) => h.action === 'withdraw_publication_consent')).toHaveLength(1);
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
    // The database itself refuses a second recognized CQO for the enterprise, whatever code tries.
    await expect(
      world.database.client.execute({
        sql: "update filings set status = 'recognized' where id = ?",
        args: [first],
      }),
    ).rejects.toThrow(/UNIQUE constraint failed/);
  });

  it('records every step in an append-only history shown to reviewers', async () => {
    const id = await filingAt('recognized');
    const history = (await actors.samr.get(`/api/filings/${id}`)).body.history as {
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
    const id = await filingAt('rejected');
    const seen = (await actors.owner.get(`/api/filings/${id}`)).body;
    expect(seen.decision).toMatchObject({
      action: 'city_reject',
      actorRole: 'city_tourism',
      reason: '工作经历证明与填报内容不符',
    });
    expect(seen.history).toEqual([]);
  });

  it('shows the enterprise why its CQO was deregistered, and nothing for a filing still under way', async () => {
    const id = await filingAt('deregistered');
    const seen = (await actors.owner.get(`/api/filings/${id}`)).body;
    expect(seen.decision).toMatchObject({ action: 'deregister', reason: '首席质量官已离职' });
    const open = await filingAt('submitted');
    expect((await actors.owner.get(`/api/filings/${open}`)).body.decision).toBeNull();
  });
});

describe('deregistration requests', () => {
  it('flags them in market regulation’s queue, with a filter and a count, until they are handled', async () => {
    const id = await filingAt('recognized');
    const before = (await actors.samr.get('/api/filings?deregistrationRequested=true')).body;
    expect(before.items.map((f: { id: string }) => f.id)).not.toContain(id);
    await step('owner', id, { action: 'request_deregistration', reason: '首席质量官已离职' });

    const queue = (await actors.samr.get('/api/filings?deregistrationRequested=true&pageSize=100')).body;
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
    const other = (await actors.samr.get('/api/filings?status=awaiting_training')).body;
    expect(other.deregistrationRequests).toBe(queue.deregistrationRequests);
    // Scoped like the rest: 吉林's reviewer does not count a 长春 request.
    const jl = (await actors['jl-city'].get('/api/filings?deregistrationRequested=true&pageSize=100')).body;
    expect(jl.items.map((f: { id: string }) => f.id)).not.toContain(id);

    await step('samr', id, { action: 'deregister', reason: '企业申请，首席质量官已离职' });
    const after = (await actors.samr.get('/api/filings?deregistrationRequested=true')).body;
    expect(after.deregistrationRequests).toBe(before.deregistrationRequests);
  });

  it('refuses a malformed filter with a Chinese message', async () => {
    const r = await actors.samr.get('/api/filings?deregistrationRequested=yes');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('withdrawing consent to publish the name (个人信息保护法 art. 15)', () => {
  it('takes the name out of the public lookup at once and records who did it', async () => {
    const id = await filingAt('recognized');
    const filingNo = (await actors.owner.get(`/api/filings/${id}`)).body.filingNo as string;
    const cqoName = (await actors.owner.get(`/api/filings/${id}`)).body.cqoName as string;
    const anonymous = world.client();
    expect((await anonymous.get(`/api/cqos/${filingNo}`)).body.name).toBe(cqoName);

    const done = await actors.owner.post(`/api/filings/${id}/actions`, {
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
    const history = (await actors.samr.get(`/api/filings/${id}`)).body.history;
    expect(history.at(-1)).toMatchObject({
      action: 'withdraw_publication_consent',
      actorRole: 'enterprise',
      from: 'recognized',
      to: 'recognized',
    });
  });

  it('lets market regulation withdraw it on the CQO’s request, with the request noted', async () => {
    const id = await filingAt('deregistered');
    const done = await actors.samr.post(`/api/filings/${id}/actions`, {
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

describe('one open filing per enterprise, one enterprise per person', () => {
  it('lets exactly one of two simultaneous new filings through; the other gets a Chinese 409', async () => {
    await closeOwnerFilings();
    const results = await Promise.all([
      actors.owner.post('/api/filings', { kind: 'new' }),
      actors.owner.post('/api/filings', { kind: 'new' }),
      createFiling(world.deps, await ownerMe(), 'new'),
    ]);
    const statuses = [results[0].status, results[1].status, results[2].ok ? 201 : results[2].status];
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(2);
    for (const r of results.slice(0, 2) as { status: number; body: any }[]) {
      if (r.status === 409) expect(r.body.error.message).toBe('您已有一份正在办理的备案，请继续办理该备案');
    }
    const open = (await actors.owner.get('/api/filings?status=draft')).body;
    expect(open.total).toBe(1);
  });

  it('refuses at the database a second open filing written behind the workflow’s back', async () => {
    const id = await filingAt('submitted');
    const copy = world.database.client.execute({
      sql: `insert into filings (id, enterprise_id, kind, status, city, enterprise_name, uscc, enterprise_type,
              publish_consent, form, training, deregistration_requested, created_at, updated_at, version)
            select 'copy-' || id, enterprise_id, kind, 'draft', city, enterprise_name, uscc, enterprise_type,
              publish_consent, form, training, 0, created_at, updated_at, 1 from filings where id = ?`,
      args: [id],
    });
    await expect(copy).rejects.toThrow(/UNIQUE/);
  });

  it('refuses to recognize a person another enterprise’s CQO was recognized as meanwhile', async () => {
    const other = await world.as(world.logins.yanbianRural);
    const otherFiling = (await other.get('/api/filings')).body.items[0];
    expect(otherFiling.status).toBe('awaiting_training');
    const id = await filingAt('trained');
    // Both were filed at the same time, so both passed the check on submit: give the 延边 filing this person.
    await world.database.client.execute({
      sql: `update filings set (id_cipher, id_hash, id_masked) =
              (select id_cipher, id_hash, id_masked from filings where id = ?) where id = ?`,
      args: [id, otherFiling.id],
    });
    await step('samr', otherFiling.id, {
      action: 'record_training',
      onlineHours: 20,
      date: '2026-11-20',
      passed: true,
    });
    await step('samr', otherFiling.id, { action: 'recognize' });

    const refused = await actors.samr.post(`/api/filings/${id}/actions`, { action: 'recognize' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('另一家企业');
    const after = (await actors.samr.get(`/api/filings/${id}`)).body;
    expect(after).toMatchObject({ status: 'trained', filingNo: null });
    expect(after.history.at(-1).action).toBe('record_training');
  });
});
