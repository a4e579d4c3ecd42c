/**
 * The demo (`npm start`) on any date: the announcements' events have fixed registration windows, so the demo
 * keeps an event of its own open — small, full, with a waitlist — without touching the announcements' events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoEvents } from '../../functions/demo/events.ts';
import { seedDemo } from '../../functions/demo/seed.ts';
import type { Deps } from '../../functions/deps.ts';
import { listEvents } from '../../functions/events/service.ts';
import { DEMO_EVENT_PREFIX } from '../../src/shared/events/labels.ts';
import { tempDatabase, testDeps } from '../support/server.ts';

let database: Awaited<ReturnType<typeof tempDatabase>>;
let deps: Deps;
// Long after every announced window has closed (the last closes on 2027-02-22).
let now = new Date('2027-06-01T01:00:00Z');

beforeAll(async () => {
  database = await tempDatabase();
  deps = testDeps(database, () => now);
  await seedDemo(deps);
}, 60_000);
afterAll(() => database?.cleanup());

const demoEvents = async () => (await listEvents(deps)).filter((e) => e.slug.startsWith(DEMO_EVENT_PREFIX));

describe('the demo started after the announced registration windows', () => {
  it('still offers an open 示例 event, already full with two waitlisted, and leaves the announced events as proposed', async () => {
    const all = await listEvents(deps);
    const announced = all.filter((e) => !e.slug.startsWith(DEMO_EVENT_PREFIX));
    expect(announced.length).toBeGreaterThanOrEqual(3);
    expect(announced.every((e) => e.window === 'closed')).toBe(true);
    expect(announced.find((e) => e.slug === 'yanbian-sharing-session-2027')?.startsAt).toBe(
      '2027-01-21T05:30:00.000Z',
    );

    const [demo, ...more] = await demoEvents();
    expect(more).toEqual([]);
    expect(demo).toMatchObject({
      slug: 'demo-waitlist-session-20270601',
      window: 'open',
      sample: true,
      capacity: 5,
      confirmed: 5,
      waitlisted: 2,
      seatsLeft: 0,
    });
    expect(Date.parse(demo?.startsAt ?? '')).toBeGreaterThan(now.getTime());
  });

  it('makes no second one while it is open, and a new one once it has closed', async () => {
    now = new Date(now.getTime() + 24 * 3600_000);
    await seedDemoEvents(deps);
    expect((await demoEvents()).map((e) => e.slug)).toEqual(['demo-waitlist-session-20270601']);

    now = new Date('2027-08-01T01:00:00Z');
    await seedDemoEvents(deps);
    const events = await demoEvents();
    expect(events.map((e) => [e.slug, e.window])).toEqual([
      ['demo-waitlist-session-20270601', 'closed'],
      ['demo-waitlist-session-20270801', 'open'],
    ]);
  });
});
