import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/api.ts';
import {
  type Actor,
  actorNames,
  type FilingState,
  type FilingWorld,
  filingWorld,
} from '../support/filing-world.ts';

type Role = 'enterprise' | 'city_tourism' | 'province_tourism' | 'market_regulation' | 'admin';
type Action =
  | 'submit'
  | 'withdraw'
  | 'city_approve'
  | 'city_return'
  | 'city_reject'
  | 'province_approve'
  | 'province_return'
  | 'record_training'
  | 'recognize'
  | 'request_deregistration'
  | 'deregister'
  | 'withdraw_publication_consent';

/**
 * Who may do what in each state, written out from DOMAIN.md ("States of a filing", "Roles") and the README
 * ("States and who acts", withdrawing consent to publish): the API must allow exactly these and refuse the rest.
 * Consent to publish is fixed in the filing from submission on, so from then on it can be withdrawn — by the
 * enterprise, or by 省市场监管厅 at the CQO's own request — except where the filing ended before recognition.
 */
const may: Record<FilingState, Partial<Record<Role, Action[]>>> = {
  draft: { enterprise: ['submit'] },
  submitted: {
    enterprise: ['withdraw', 'withdraw_publication_consent'],
    city_tourism: ['city_approve', 'city_return', 'city_reject'],
    market_regulation: ['withdraw_publication_consent'],
  },
  returned: { enterprise: ['submit'] },
  withdrawn: {},
  rejected: {},
  city_approved: {
    enterprise: ['withdraw_publication_consent'],
    province_tourism: ['province_approve', 'province_return'],
    market_regulation: ['withdraw_publication_consent'],
  },
  awaiting_training: {
    enterprise: ['withdraw_publication_consent'],
    market_regulation: ['record_training', 'withdraw_publication_consent'],
  },
  trained: {
    enterprise: ['withdraw_publication_consent'],
    market_regulation: ['recognize', 'withdraw_publication_consent'],
  },
  recognized: {
    enterprise: ['request_deregistration', 'withdraw_publication_consent'],
    market_regulation: ['deregister', 'withdraw_publication_consent'],
  },
  superseded: {},
  deregistered: {
    enterprise: ['withdraw_publication_consent'],
    market_regulation: ['withdraw_publication_consent'],
  },
};

/** Where each action takes the filing; `unchanged`: it records something and the state stays. */
const leadsTo: Record<Action, FilingState | 'unchanged'> = {
  submit: 'submitted',
  withdraw: 'withdrawn',
  city_approve: 'city_approved',
  city_return: 'returned',
  city_reject: 'rejected',
  province_approve: 'awaiting_training',
  province_return: 'returned',
  record_training: 'trained',
  recognize: 'recognized',
  request_deregistration: 'unchanged',
  deregister: 'deregistered',
  withdraw_publication_consent: 'unchanged',
};

/** The owner is the 长春 travel agency: cc-city reviews its filings; otherEnterprise and jl-city are strangers. */
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

const states = Object.keys(may) as FilingState[];
const actions = Object.keys(leadsTo) as Action[];

/** Whether `actor` may see the filing at all: its owner always, the reviewers in scope once it is submitted. */
const sees = (actor: Actor, state: FilingState) =>
  actor === 'owner' || (state !== 'draft' && ['cc-city', 'province', 'samr'].includes(actor));

/** Whether the role may do `action` in some state: then the wrong state is a 409, otherwise a 403. */
const roleEverMay = (role: Role, action: Action) => states.some((s) => may[s][role]?.includes(action));

/**
 * What `actor` gets for `action` on a filing in `state`: 401 signed out; 403 for the admin (no filing access)
 * and for a role the action is never for; 404 where the filing is out of sight (another enterprise, another
 * city, a draft for reviewers); 409 for the right role in the wrong state; 200 when the table allows it.
 */
function expected(actor: Actor, action: Action, state: FilingState): number {
  const role = roleOf[actor];
  if (role === null) return 401;
  if (role === 'admin') return 403;
  if (!sees(actor, state)) return 404;
  if (may[state][role]?.includes(action)) return 200;
  return roleEverMay(role, action) ? 409 : 403;
}

const payloads: Record<Action, Record<string, unknown>> = {
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

function perform(actor: Client, id: string, action: Action) {
  return action === 'submit'
    ? actor.post(`/api/filings/${id}/submit`)
    : actor.post(`/api/filings/${id}/actions`, payloads[action]);
}

let w: FilingWorld;
beforeAll(async () => {
  w = await filingWorld();
});
afterAll(() => w.close());

describe('every transition × every role × every state', () => {
  it('names every state and every action the API describes', async () => {
    const doc = (await w.client().get('/api/openapi.json')).body;
    const detail = doc.paths['/api/filings/{id}'].get.responses['200'].content['application/json'].schema;
    const filing = detail.$defs.FilingDetail.properties;
    expect(new Set(states)).toEqual(new Set(filing.status.enum));
    expect(new Set(actions)).toEqual(new Set(filing.actions.items.enum));
  });

  for (const state of states) {
    for (const action of actions) {
      const allowed = actorNames.filter((a) => expected(a, action, state) === 200);
      for (const doer of allowed) {
        it(`${action} in ${state}: ${doer} may do it; everyone else is refused and nothing changes`, async () => {
          const id = await w.filingAt(state);
          const before = (await w.actors.owner.get(`/api/filings/${id}`)).body;
          for (const actor of actorNames.filter((a) => !allowed.includes(a))) {
            const refused = await perform(w.actors[actor], id, action);
            expect(refused.status, `${actor} ${action} in ${state}`).toBe(expected(actor, action, state));
            expect(refused.body.error.message).toMatch(/[\u4e00-\u9fff]/);
          }
          expect((await w.actors.owner.get(`/api/filings/${id}`)).body).toEqual(before);
          const done = await perform(w.actors[doer], id, action);
          expect(done.status, done.text).toBe(200);
          expect(done.body.status).toBe(leadsTo[action] === 'unchanged' ? state : leadsTo[action]);
        });
      }
    }

    const refusedActions = actions.filter(
      (a) => !actorNames.some((actor) => expected(actor, a, state) === 200),
    );
    it(`in ${state}: each actor is offered its actions; ${refusedActions.join(', ')} are refused to all`, async () => {
      const id = await w.filingAt(state);
      for (const actor of actorNames.filter((a) => sees(a, state))) {
        const offered = (await w.actors[actor].get(`/api/filings/${id}`)).body.actions;
        const role = roleOf[actor] as Role;
        expect(new Set(offered), `${actor} in ${state}`).toEqual(new Set(may[state][role] ?? []));
      }
      const before = (await w.actors.owner.get(`/api/filings/${id}`)).body;
      for (const action of refusedActions) {
        for (const actor of actorNames) {
          const refused = await perform(w.actors[actor], id, action);
          expect(refused.status, `${actor} ${action} in ${state}`).toBe(expected(actor, action, state));
          expect(refused.body.error.message).toMatch(/[\u4e00-\u9fff]/);
          if (expected(actor, action, state) === 409) expect(refused.body.error.message).toContain('当前为');
        }
      }
      expect((await w.actors.owner.get(`/api/filings/${id}`)).body).toEqual(before);
    });
  }

  it('answers 409, not a second record, when a deregistration was already asked for or consent already withdrawn', async () => {
    const id = await w.filingAt('recognized');
    for (const action of ['request_deregistration', 'withdraw_publication_consent'] as const) {
      expect((await perform(w.actors.owner, id, action)).status).toBe(200);
      const again = await perform(w.actors.owner, id, action);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/无须重复/);
    }
    expect((await perform(w.actors.samr, id, 'withdraw_publication_consent')).status).toBe(409);
    const history = (await w.actors.samr.get(`/api/filings/${id}`)).body.history as { action: string }[];
    expect(history.filter((h) => h.action === 'request_deregistration')).toHaveLength(1);
    expect(history.filter((h) => h.action === 'withdraw_publication_consent')).toHaveLength(1);
  });
});
