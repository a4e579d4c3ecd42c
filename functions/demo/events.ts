/**
 * Demo events (演示数据): the events of the announcements in content/forums/, a few registrations by demo
 * enterprises so that the organizer's roster is not empty, and one small event of the demo's own that is open
 * and already full with a waitlist. Made through the real registration code.
 */
import { findAccount, listDemoAccounts } from '../../db/queries/accounts/accounts.ts';
import { chinaDate } from '../../src/shared/china-date.ts';
import { DEMO_EVENT_PREFIX } from '../../src/shared/events/labels.ts';
import type { Deps } from '../deps.ts';
import { register } from '../events/registrations.ts';
import { createEvent, listEvents } from '../events/service.ts';
import { createEventsFromAnnouncements } from './announcements.ts';
import { mobile, personName, random } from './synthetic.ts';

/** The event that gets demo registrations (the province-wide forum has the most seats). */
export const DEMO_REGISTRATION_EVENT = 'provincial-quality-forum-2027';

/** Seats of the demo's own event, and how many attendees each demo enterprise registers for it (5 + 2 waiting). */
export const DEMO_FULL_CAPACITY = 5;
const DEMO_FULL_ATTENDEES = [2, 2, 1, 1, 1];

const DAY = 24 * 3600_000;

export async function seedDemoEvents(deps: Deps): Promise<void> {
  const created = await createEventsFromAnnouncements(deps);
  if (created.includes(DEMO_REGISTRATION_EVENT))
    await registerDemoAttendees(deps, DEMO_REGISTRATION_EVENT, [2, 1]);
  await ensureOpenDemoEvent(deps);
}

async function registerDemoAttendees(deps: Deps, slug: string, perEnterprise: number[], seed = 2027) {
  const r = random(seed);
  const enterprises = (await listDemoAccounts(deps.db)).filter((a) => a.role === 'enterprise');
  for (const [i, demo] of enterprises.slice(0, perEnterprise.length).entries()) {
    const account = await findAccount(deps.db, demo.id);
    if (!account) continue;
    const result = await register(deps, { ...account, sessionId: 'demo-seed' }, slug, {
      idempotencyKey: `demo-seed-${slug}-${i}`,
      attendees: Array.from({ length: perEnterprise[i] ?? 1 }, () => ({
        name: personName(r),
        position: r.pick(['质量总监', '质量管理部经理', '副总经理']),
        mobile: mobile(r),
      })),
    });
    // Outside the registration window (a demo started long after the announcements) there is nothing to add.
    if (!result.ok && result.code !== 'closed' && result.code !== 'not_open') throw new Error(result.message);
  }
}

/** A China-time instant `days` after `now`'s China date, at `hhmm`, as 2027-01-14T14:00:00+08:00. */
function chinaTime(now: Date, days: number, hhmm: string): string {
  const d = chinaDate(new Date(now.getTime() + days * DAY));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.year}-${pad(d.month)}-${pad(d.day)}T${hhmm}:00+08:00`;
}

/**
 * The announcements' events have fixed registration windows (November 2026 to February 2027), so a demo started
 * after them would offer nothing to register for. The demo therefore keeps one event of its own open: a small
 * 示例 sharing session of 5 seats, opened at the moment the seed runs and already full, with 2 attendees
 * waitlisted — which also shows the waitlist and its promotion (cancel one as a demo enterprise). It has no
 * announcement page: /forums/ lists it from the API. Whenever `npm start` finds no demo event open, it makes a
 * new one under the day's slug; it never moves or overwrites an existing event, and the announcements' events
 * keep exactly the rules their frontmatter proposes.
 */
export async function ensureOpenDemoEvent(deps: Deps): Promise<string | null> {
  const now = deps.now();
  const events = await listEvents(deps);
  if (events.some((e) => e.slug.startsWith(DEMO_EVENT_PREFIX) && e.window === 'open')) return null;
  const today = chinaDate(now);
  const slug = `${DEMO_EVENT_PREFIX}waitlist-session-${today.year}${String(today.month).padStart(2, '0')}${String(today.day).padStart(2, '0')}`;
  const result = await createEvent(deps, {
    slug,
    title: '首席质量官小型交流会（演示：名额已满，可体验候补与递补）',
    kind: 'sharing_session',
    city: '220100',
    venue: '长春市某宾馆（示例）二楼小会议室',
    organizer: '吉林省文化和旅游厅（示例）',
    startsAt: chinaTime(now, 28, '14:00'),
    endsAt: chinaTime(now, 28, '16:30'),
    capacity: DEMO_FULL_CAPACITY,
    maxPerEnterprise: 2,
    registrationOpens: new Date(now.getTime() - 3600_000).toISOString(),
    registrationCloses: chinaTime(now, 27, '17:00'),
    sample: true,
  });
  // Made earlier today and since closed by an organizer: leave it as it is.
  if (!result.ok) return null;
  await registerDemoAttendees(deps, slug, DEMO_FULL_ATTENDEES, 2028);
  return slug;
}
