/** Test and bench helpers for event registration: many enterprises at once, and a fresh open event. */
import { findAccount } from '../../db/queries/accounts/accounts.ts';
import { registerEnterprise } from '../../functions/accounts/service.ts';
import { enterpriseName, random, uscc } from '../../functions/demo/synthetic.ts';
import type { Deps, SignedIn } from '../../functions/deps.ts';
import { createEvent } from '../../functions/events/service.ts';
import type { EventInput } from '../../src/shared/events/schemas.ts';
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
