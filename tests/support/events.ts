/**
 * Test and bench helpers for event registration: many enterprises at once, a fresh open event (in the domain or
 * through the API), attendees and their registration.
 */
import { findAccount } from '../../db/queries/accounts/accounts.ts';
import { registerEnterprise } from '../../functions/accounts/service.ts';
import { enterpriseName, random, uscc } from '../../functions/demo/synthetic.ts';
import type { Deps, SignedIn } from '../../functions/deps.ts';
import { createEvent } from '../../functions/events/service.ts';
import type { EventInput } from '../../src/shared/events/schemas.ts';
import { type Client, demoWorld } from './api.ts';
import { registration } from './enterprises.ts';

export type TestEnterprise = { me: SignedIn; cookie: string };

/** Registers `count` enterprises (signed in: each has a session cookie for app.request). */
export async function makeEnterprises(deps: Deps, count: number, seed = 7): Promise<TestEnterprise[]> {
  const r = random(seed);
  const made: TestEnterprise[] = [];
  while (made.length < count) {
    const result = await registerEnterprise(
      deps,
      registration({
        uscc: uscc(r, '220100'),
        name: `${enterpriseName(r, '220100', 'travel_agency')}${made.length}（测试）`,
      }),
    );
    if (!result.ok) continue; // a rare duplicate USCC from the generator
    const account = await findAccount(deps.db, result.value.account.id);
    if (!account) throw new Error('account missing');
    made.push({ me: { ...account, sessionId: 'test' }, cookie: `cqo_session=${result.value.token}` });
  }
  return made;
}

let events = 0;

/** An event open for registration around `now` (opened a day ago, closes in 30 days, held in 40). */
export async function openEvent(deps: Deps, rules: Partial<EventInput> = {}) {
  events += 1;
  const now = deps.now().getTime();
  const day = 24 * 3600_000;
  const slug = `bench-${events}-${Math.random().toString(36).slice(2, 8)}`;
  const created = await createEvent(deps, {
    slug,
    title: `并发测试活动 ${events}`,
    kind: 'forum',
    city: '220100',
    venue: '测试会场',
    organizer: '测试主办单位',
    startsAt: new Date(now + 40 * day).toISOString(),
    endsAt: new Date(now + 40 * day + 3 * 3600_000).toISOString(),
    capacity: 50,
    maxPerEnterprise: 2,
    registrationOpens: new Date(now - day).toISOString(),
    registrationCloses: new Date(now + 30 * day).toISOString(),
    sample: false,
    ...rules,
  });
  if (!created.ok) throw new Error(created.message);
  return created.value;
}

let phones = 13_500_000_000;
/** A distinct, valid mobile number each call. */
export function nextMobile() {
  phones += 1;
  return String(phones);
}

let announced = 0;

/**
 * A fresh event the organizer (`admin`, signed in) creates through the API, open for registration on a demo
 * world's clock (2026-11-26): 3 seats, 3 per enterprise, held on 2027-01-14 in 长春.
 */
export async function announceEvent(admin: Client, overrides: Record<string, unknown> = {}) {
  announced += 1;
  const slug = `test-event-${announced}`;
  const r = await admin.post('/api/events', {
    slug,
    title: `测试活动 ${announced}`,
    kind: 'forum',
    city: '220100',
    venue: '长春市某会议中心',
    organizer: '吉林省文化和旅游厅',
    startsAt: '2027-01-14T09:00:00+08:00',
    endsAt: '2027-01-14T16:30:00+08:00',
    capacity: 3,
    maxPerEnterprise: 3,
    registrationOpens: '2026-11-20T09:00:00+08:00',
    registrationCloses: '2027-01-08T17:00:00+08:00',
    ...overrides,
  });
  if (r.status !== 201) throw new Error(`event ${slug}: ${r.status} ${r.text}`);
  return slug;
}

/** An attendee as the form names one, with a mobile number of its own. */
export const person = (name = '张伟', position = '质量总监') => ({ name, position, mobile: nextMobile() });

/** Registers `people` for the event as `client`; the same `idempotencyKey` makes a resubmitted form. */
export async function registerAttendees(
  client: Client,
  slug: string,
  people: ReturnType<typeof person>[],
  idempotencyKey: string = crypto.randomUUID(),
) {
  return client.post(`/api/events/${slug}/registrations`, { idempotencyKey, attendees: people });
}

/** The demo world with the organizer and three enterprises signed in: 长春's travel agency, 吉林's hotel and scenic area. */
export async function eventWorld() {
  const world = await demoWorld();
  return {
    world,
    admin: await world.as('admin'),
    agency: await world.as(world.logins.changchunAgency),
    hotel: await world.as(world.logins.jilinHotel),
    scenic: await world.as(world.logins.jilinScenic),
  };
}

/** An event as GET /api/events/{slug} answers it, less what is counted: the rules an organizer saves (PUT). */
export function rulesOf<T extends Record<string, unknown>>(
  event: T,
): Omit<T, 'slug' | 'confirmed' | 'waitlisted' | 'seatsLeft' | 'window'> {
  const { slug, confirmed, waitlisted, seatsLeft, window, ...rules } = event;
  return rules;
}
