/**
 * The demo world seen by everyone who may act on a filing, and fresh filings of the 长春 travel agency taken
 * through the workflow to any state — through the API, as the enterprise and the reviewers would.
 */
import { expect } from 'vitest';
import { demoForm } from '../../functions/demo/form.ts';
import { advance } from '../../functions/demo/seed.ts';
import { random } from '../../functions/demo/synthetic.ts';
import { type Client, demoWorld } from './api.ts';

/** The owner's filings are of 长春: cc-city reviews them, jl-city (吉林) does not. */
export type Actor =
  | 'owner'
  | 'otherEnterprise'
  | 'cc-city'
  | 'jl-city'
  | 'province'
  | 'samr'
  | 'admin'
  | 'anonymous';

export const actorNames: Actor[] = [
  'owner',
  'otherEnterprise',
  'cc-city',
  'jl-city',
  'province',
  'samr',
  'admin',
  'anonymous',
];

export type FilingState =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'withdrawn'
  | 'rejected'
  | 'city_approved'
  | 'awaiting_training'
  | 'trained'
  | 'recognized'
  | 'superseded'
  | 'deregistered';

const documents = ['degree', 'qualification', 'appointment', 'stamped_form'] as const;

type Base = Awaited<ReturnType<typeof demoWorld>> & {
  actors: Record<Actor, Client>;
  ownerId: string;
  r: ReturnType<typeof random>;
};

async function signInEveryone(world: Awaited<ReturnType<typeof demoWorld>>): Promise<Record<Actor, Client>> {
  return {
    owner: await world.as(world.logins.changchunAgency),
    otherEnterprise: await world.as(world.logins.jilinScenic),
    'cc-city': await world.as('cc-city'),
    'jl-city': await world.as('jl-city'),
    province: await world.as('province'),
    samr: await world.as('samr'),
    admin: await world.as('admin'),
    anonymous: world.client(),
  };
}

/** Ends the owner's earlier filings (behind the workflow's back) so a new one may start. */
async function closeOwnerFilings(w: Base) {
  await w.database.client.execute({
    sql: "update filings set status = 'withdrawn' where enterprise_id = (select enterprise_id from accounts where id = ?) and status not in ('withdrawn', 'rejected', 'superseded', 'deregistered')",
    args: [w.ownerId],
  });
}

/** `login` posts an action on the filing, and the test fails unless it is done. */
async function step(w: Base, login: Actor, id: string, body: Record<string, unknown>) {
  const done = await w.actors[login].post(`/api/filings/${id}/actions`, body);
  expect(done.status, done.text).toBe(200);
  return done;
}

/** A complete, documented draft of the 长春 travel agency, as the owner fills it in. */
async function completeDraft(w: Base, kind: 'new' | 'change'): Promise<string> {
  const owner = w.actors.owner;
  const created = await owner.post('/api/filings', { kind });
  expect(created.status, created.text).toBe(201);
  const id = created.body.id as string;
  const { form, idNumber } = demoForm(w.r, '220100', 'travel_agency');
  const saved = await owner.put(`/api/filings/${id}`, { form, idNumber });
  expect(saved.status, saved.text).toBe(200);
  for (const document of documents) {
    const upload = new FormData();
    upload.set('kind', document);
    upload.set('file', new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], `${document}.pdf`));
    const added = await owner.post(`/api/filings/${id}/attachments`, upload);
    expect(added.status, added.text).toBe(201);
  }
  return id;
}

/** A submitted filing of the owner; the demo form asks for consent to publish at random, this gives it. */
async function submitted(w: Base, kind: 'new' | 'change'): Promise<string> {
  const id = await completeDraft(w, kind);
  const done = await w.actors.owner.post(`/api/filings/${id}/submit`);
  expect(done.status, done.text).toBe(200);
  await w.database.client.execute({ sql: 'update filings set publish_consent = 1 where id = ?', args: [id] });
  return id;
}

/** How each state is reached from a submitted filing. */
const routes: Record<Exclude<FilingState, 'draft'>, (w: Base, id: string) => Promise<unknown>> = {
  submitted: async () => {},
  returned: (w, id) =>
    step(w, 'cc-city', id, { action: 'city_return', reasons: { mobile: '手机号码与任命文件不一致' } }),
  withdrawn: (w, id) => step(w, 'owner', id, { action: 'withdraw' }),
  rejected: (w, id) => step(w, 'cc-city', id, { action: 'city_reject', note: '工作经历证明与填报内容不符' }),
  city_approved: (w, id) => advance(w.deps, id, 'cc-city', 'city_approved'),
  awaiting_training: (w, id) => advance(w.deps, id, 'cc-city', 'awaiting_training'),
  recognized: (w, id) => advance(w.deps, id, 'cc-city', 'recognized'),
  trained: async (w, id) => {
    await advance(w.deps, id, 'cc-city', 'awaiting_training');
    await step(w, 'samr', id, {
      action: 'record_training',
      onlineHours: 22,
      date: '2026-11-01',
      passed: true,
    });
  },
  deregistered: async (w, id) => {
    await advance(w.deps, id, 'cc-city', 'recognized');
    await step(w, 'samr', id, { action: 'deregister', reason: '首席质量官已离职' });
  },
  superseded: async (w, id) => {
    await advance(w.deps, id, 'cc-city', 'recognized');
    await advance(w.deps, await submitted(w, 'change'), 'cc-city', 'recognized');
  },
};

/** A fresh filing of the 长春 travel agency in `state`, with consent to publish once submitted. */
async function filingAt(w: Base, state: FilingState): Promise<string> {
  await closeOwnerFilings(w);
  const id = state === 'draft' ? await completeDraft(w, 'new') : await submitted(w, 'new');
  if (state !== 'draft') await routes[state](w, id);
  expect((await w.actors.owner.get(`/api/filings/${id}`)).body.status).toBe(state);
  return id;
}

export async function filingWorld() {
  const world = await demoWorld();
  const actors = await signInEveryone(world);
  const ownerId = (await actors.owner.get('/api/auth/me')).body.me.id as string;
  const w: Base = { ...world, actors, ownerId, r: random(7) };
  return {
    ...w,
    closeOwnerFilings: () => closeOwnerFilings(w),
    step: (login: Actor, id: string, body: Record<string, unknown>) => step(w, login, id, body),
    /** A submitted filing of the owner (a change filing when `kind` says so), with consent to publish. */
    submitted: (kind: 'new' | 'change' = 'new') => submitted(w, kind),
    filingAt: (state: FilingState) => filingAt(w, state),
  };
}

export type FilingWorld = Awaited<ReturnType<typeof filingWorld>>;
