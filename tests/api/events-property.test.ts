/**
 * Property-based tests (fast-check) of the seat rules, on the real libSQL file database:
 * 1. any sequence of register / cancel / capacity change gives exactly the statuses of a tiny reference model
 *    (capacity never exceeded, first come first served, a freed seat goes to the first in line at once);
 * 2. the same operations run concurrently, with fast-check choosing the order of every single database call,
 *    never leave a committed state that breaks the rules.
 */
import type { Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterOf } from '../../db/queries/events/attendees.ts';
import { findEventWithCounts } from '../../db/queries/events/events.ts';
import * as schema from '../../db/schema/index.ts';
import type { Deps } from '../../functions/deps.ts';
import { cancel, register } from '../../functions/events/registrations.ts';
import { getEvent, updateEvent } from '../../functions/events/service.ts';
import type { EventSummary } from '../../src/shared/events/answers.ts';
import type { AttendeeStatus } from '../../src/shared/events/labels.ts';
import type { EventInput } from '../../src/shared/events/schemas.ts';
import { makeEnterprises, nextMobile, openEvent, type TestEnterprise } from '../support/events.ts';
import { tempDatabase, testDeps } from '../support/server.ts';

let database: Awaited<ReturnType<typeof tempDatabase>>;
let deps: Deps;
let enterprises: TestEnterprise[];
const MAX_PER_ENTERPRISE = 3;

beforeAll(async () => {
  database = await tempDatabase();
  deps = testDeps(database);
  enterprises = await makeEnterprises(deps, 4, 11);
}, 60_000);
afterAll(() => database.cleanup());

/** The event's rules with another capacity, as an organizer would save them over the version `e`. */
const rulesOf = (e: EventSummary, capacity: number): EventInput & { sample: boolean } => ({
  title: e.title,
  kind: e.kind,
  city: e.city,
  venue: e.venue,
  organizer: e.organizer,
  startsAt: e.startsAt,
  endsAt: e.endsAt,
  capacity,
  maxPerEnterprise: e.maxPerEnterprise,
  registrationOpens: e.registrationOpens,
  registrationCloses: e.registrationCloses,
  sample: false,
  updatedAt: e.updatedAt,
});

/** The event as it is now (the version an organizer's form would hold). */
async function current(d: Deps, slug: string): Promise<EventSummary> {
  const e = await getEvent(d, slug);
  if (!e.ok) throw new Error(e.message);
  return e.value;
}

async function statuses(slug: string): Promise<{ status: AttendeeStatus; seq: number }[]> {
  const event = await findEventWithCounts(database.db, { slug });
  return (await rosterOf(database.db, event?.id ?? '')).map((a) => ({ status: a.status, seq: a.seq }));
}

/** The rules every committed state must keep. Returns what is broken, if anything. */
async function broken(slug: string): Promise<string | null> {
  const event = await findEventWithCounts(database.db, { slug });
  if (!event) return 'event missing';
  const rows = await statuses(slug);
  const confirmed = rows.filter((a) => a.status === 'confirmed');
  const waitlisted = rows.filter((a) => a.status === 'waitlisted');
  if (confirmed.length > event.capacity) return `${confirmed.length} confirmed > capacity ${event.capacity}`;
  if (waitlisted.length > 0 && confirmed.length < event.capacity)
    return `a seat is free (${confirmed.length}/${event.capacity}) while ${waitlisted.length} wait`;
  const lastSeated = Math.max(0, ...confirmed.map((a) => a.seq));
  const firstWaiting = Math.min(Number.POSITIVE_INFINITY, ...waitlisted.map((a) => a.seq));
  if (lastSeated > firstWaiting) return `#${lastSeated} holds a seat while earlier #${firstWaiting} waits`;
  return null;
}

// ------------------------------------------------------------------------------ 1. against a model

type Model = {
  capacity: number;
  attendees: { enterprise: number; status: AttendeeStatus; code: string; id: string }[];
};
type Real = { slug: string; event: EventSummary };

const count = (m: Model, s: AttendeeStatus) => m.attendees.filter((a) => a.status === s).length;

/** FIFO: while a seat is free, the first waitlisted attendee takes it. */
function promote(m: Model) {
  for (const a of m.attendees) {
    if (count(m, 'confirmed') >= m.capacity) return;
    if (a.status === 'waitlisted') a.status = 'confirmed';
  }
}

async function agrees(m: Model, r: Real) {
  expect((await statuses(r.slug)).map((a) => a.status)).toEqual(m.attendees.map((a) => a.status));
  expect(await broken(r.slug)).toBeNull();
}

class Register implements fc.AsyncCommand<Model, Real> {
  readonly enterprise: number;
  readonly n: number;
  constructor(enterprise: number, n: number) {
    this.enterprise = enterprise;
    this.n = n;
  }
  check = () => true;
  async run(m: Model, r: Real) {
    const active = m.attendees.filter((a) => a.enterprise === this.enterprise && a.status !== 'cancelled');
    const allowed = active.length + this.n <= MAX_PER_ENTERPRISE;
    const result = await register(deps, (enterprises[this.enterprise] as TestEnterprise).me, r.slug, {
      idempotencyKey: crypto.randomUUID(),
      attendees: Array.from({ length: this.n }, () => ({
        name: '张伟',
        position: '经理',
        mobile: nextMobile(),
      })),
    });
    expect(result.ok).toBe(allowed);
    if (result.ok) {
      for (const a of result.value.registration.attendees) {
        const free = count(m, 'confirmed') < m.capacity && count(m, 'waitlisted') === 0;
        m.attendees.push({
          enterprise: this.enterprise,
          status: free ? 'confirmed' : 'waitlisted',
          code: result.value.registration.code,
          id: a.id,
        });
      }
    }
    await agrees(m, r);
  }
  toString = () => `register(enterprise ${this.enterprise}, ${this.n})`;
}

class Cancel implements fc.AsyncCommand<Model, Real> {
  readonly pick: number;
  constructor(pick: number) {
    this.pick = pick;
  }
  check = (m: Readonly<Model>) => m.attendees.some((a) => a.status !== 'cancelled');
  async run(m: Model, r: Real) {
    const active = m.attendees.filter((a) => a.status !== 'cancelled');
    const target = active[this.pick % active.length] as Model['attendees'][number];
    const owner = (enterprises[target.enterprise] as TestEnterprise).me;
    const result = await cancel(deps, owner, target.code, [target.id]);
    expect(result.ok).toBe(true);
    target.status = 'cancelled';
    promote(m);
    await agrees(m, r);
  }
  toString = () => `cancel(#${this.pick})`;
}

class SetCapacity implements fc.AsyncCommand<Model, Real> {
  readonly capacity: number;
  constructor(capacity: number) {
    this.capacity = capacity;
  }
  check = () => true;
  async run(m: Model, r: Real) {
    const result = await updateEvent(deps, r.slug, rulesOf(await current(deps, r.slug), this.capacity));
    // Nobody loses a confirmed seat: a capacity below the confirmed count is refused.
    expect(result.ok).toBe(this.capacity >= count(m, 'confirmed'));
    if (result.ok) {
      m.capacity = this.capacity;
      promote(m);
    }
    await agrees(m, r);
  }
  toString = () => `capacity(${this.capacity})`;
}

const commands = [
  fc
    .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 }))
    .map(([e, n]) => new Register(e, n)),
  fc.nat(50).map((p) => new Cancel(p)),
  fc.integer({ min: 1, max: 8 }).map((c) => new SetCapacity(c)),
];

// ------------------------------------------------------------------- 2. interleaved database calls

/**
 * The database client with every execute/batch held back until fast-check's scheduler lets it run, so
 * concurrent operations interleave between any two of their database calls, in an order fast-check picks.
 */
function scheduled(s: fc.Scheduler, raw: Client, afterEach: () => Promise<void>): Client {
  return new Proxy(raw, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop !== 'execute' && prop !== 'batch')
        return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        await s.schedule(Promise.resolve(), String(prop));
        const out = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        await afterEach();
        return out;
      };
    },
  });
}

type Op =
  | { kind: 'register'; enterprise: number; n: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'capacity'; capacity: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('register' as const),
    enterprise: fc.integer({ min: 0, max: 3 }),
    n: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('capacity' as const), capacity: fc.integer({ min: 1, max: 6 }) }),
);

describe('seat rules under any sequence of operations', () => {
  it('match a first-come-first-served model: capacity never exceeded, the waitlist promoted in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.commands(commands, { maxCommands: 25 }),
        (c, cmds) =>
          fc.asyncModelRun(async () => {
            const event = await openEvent(deps, { capacity: c, maxPerEnterprise: MAX_PER_ENTERPRISE });
            return { model: { capacity: c, attendees: [] }, real: { slug: event.slug, event } };
          }, cmds),
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('hold in every committed state when registrations, cancellations and capacity changes interleave', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 1, max: 4 }),
        fc.array(op, { minLength: 2, maxLength: 10 }),
        async (s, capacity, ops) => {
          const event = await openEvent(deps, { capacity, maxPerEnterprise: MAX_PER_ENTERPRISE });
          // Something to cancel: one attendee of each enterprise, registered beforehand.
          const seated: { code: string; id: string; me: TestEnterprise['me'] }[] = [];
          for (const e of enterprises) {
            const r = await register(deps, e.me, event.slug, {
              idempotencyKey: crypto.randomUUID(),
              attendees: [{ name: '李强', position: '经理', mobile: nextMobile() }],
            });
            if (!r.ok) throw new Error(r.message);
            seated.push({
              code: r.value.registration.code,
              id: r.value.registration.attendees[0]?.id ?? '',
              me: e.me,
            });
          }
          const problems: string[] = [];
          const client = scheduled(s, database.client, async () => {
            const problem = await broken(event.slug);
            if (problem) problems.push(problem);
          });
          const d: Deps = { ...deps, db: drizzle({ client, schema }) };
          const running = ops.map(async (o) => {
            if (o.kind === 'register')
              return register(d, (enterprises[o.enterprise] as TestEnterprise).me, event.slug, {
                idempotencyKey: crypto.randomUUID(),
                attendees: Array.from({ length: o.n }, () => ({
                  name: '王芳',
                  position: '主管',
                  mobile: nextMobile(),
                })),
              });
            if (o.kind === 'cancel') {
              const target = seated[o.pick % seated.length] as (typeof seated)[number];
              return cancel(d, target.me, target.code, [target.id]);
            }
            return updateEvent(d, event.slug, rulesOf(await current(d, event.slug), o.capacity));
          });
          const results = await s.waitFor(Promise.all(running));
          for (const r of results) {
            // Refusals are fine (cap per enterprise, capacity below the confirmed, a capacity change racing
            // another one: the organizer's optimistic check); errors are not.
            if (!r.ok)
              expect(['enterprise_cap', 'capacity_below_confirmed', 'edited_meanwhile']).toContain(r.code);
          }
          expect(problems).toEqual([]);
          expect(await broken(event.slug)).toBeNull();
        },
      ),
      { numRuns: 80 },
    );
  }, 120_000);
});
