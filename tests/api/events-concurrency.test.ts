/**
 * The overbooking race: hundreds of enterprises registering at once for 50 seats, against the real libSQL
 * file database through the real app (sessions, validation, the write transaction).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeAttendees } from '../../db/queries/events/attendees.ts';
import { findEventWithCounts } from '../../db/queries/events/events.ts';
import { createApp } from '../../functions/app.ts';
import { ORIGIN } from '../support/api.ts';
import { makeEnterprises, nextMobile, openEvent, type TestEnterprise } from '../support/events.ts';
import { tempDatabase, testDeps } from '../support/server.ts';

let database: Awaited<ReturnType<typeof tempDatabase>>;
let deps: ReturnType<typeof testDeps>;
let app: ReturnType<typeof createApp>;
let enterprises: TestEnterprise[];

beforeAll(async () => {
  database = await tempDatabase();
  deps = testDeps(database);
  app = createApp(deps);
  enterprises = await makeEnterprises(deps, 260);
}, 120_000);
afterAll(() => database.cleanup());

function post(cookie: string, slug: string, body: unknown) {
  return app.request(`${ORIGIN}/api/events/${slug}/registrations`, {
    method: 'POST',
    headers: { Origin: ORIGIN, 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify(body),
  });
}

describe('500 enterprises registering at once for 50 seats', () => {
  it('ends with exactly 50 confirmed and the rest waitlisted in arrival order, with no errors', async () => {
    const event = await openEvent(deps, { capacity: 50, maxPerEnterprise: 2 });
    // 250 enterprises × 2 submissions of one attendee each = 500 registrations, and 50 of them are sent a
    // second time with the same idempotency key (a double click), all fired together.
    const submissions = enterprises.slice(0, 250).flatMap((e) =>
      [0, 1].map(() => ({
        cookie: e.cookie,
        body: {
          idempotencyKey: crypto.randomUUID(),
          attendees: [{ name: '张伟', position: '质量总监', mobile: nextMobile() }],
        },
      })),
    );
    const doubleClicks = submissions.filter((_, i) => i % 10 === 0);
    const responses = await Promise.all(
      [...submissions, ...doubleClicks].map((s) => post(s.cookie, event.slug, s.body)),
    );
    const statuses = responses.map((r) => r.status);
    const bodies = await Promise.all(responses.map((r) => r.json()));

    const errors = statuses.filter((s) => s !== 201 && s !== 200);
    expect(errors).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(500);
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    // A double click got the registration of its first click.
    doubleClicks.forEach((_, i) => {
      const first = bodies[submissions.indexOf(doubleClicks[i] as (typeof submissions)[number])];
      expect(bodies[submissions.length + i].code).toBe(first.code);
    });

    const stored = await findEventWithCounts(database.db, { slug: event.slug });
    const rows = await activeAttendees(database.db, stored?.id ?? '');
    const confirmed = rows.filter((a) => a.status === 'confirmed');
    const waitlisted = rows.filter((a) => a.status === 'waitlisted');
    console.log(
      `500 concurrent registrations (+50 double clicks) for 50 seats: ${confirmed.length} confirmed, ${waitlisted.length} waitlisted, ${errors.length} errors`,
    );
    expect(rows).toHaveLength(500);
    expect(confirmed).toHaveLength(50);
    expect(waitlisted).toHaveLength(450);
    // FIFO: the seats went to the first 50 arrivals; the waitlist is in arrival order behind them.
    expect(confirmed.map((a) => a.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(waitlisted.map((a) => a.seq)).toEqual(Array.from({ length: 450 }, (_, i) => i + 51));
    const summary = await (await app.request(`${ORIGIN}/api/events/${event.slug}`)).json();
    expect(summary).toMatchObject({ capacity: 50, confirmed: 50, waitlisted: 450, seatsLeft: 0 });
  }, 120_000);

  it('never lets one enterprise past its cap, however many submissions it fires at once', async () => {
    const event = await openEvent(deps, { capacity: 50, maxPerEnterprise: 2 });
    const greedy = enterprises[255] as TestEnterprise;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        post(greedy.cookie, event.slug, {
          idempotencyKey: crypto.randomUUID(),
          attendees: [{ name: '李强', position: '经理', mobile: nextMobile() }],
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 422)).toHaveLength(18);
  });
});
