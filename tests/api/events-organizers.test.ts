import type { Client as LibsqlClient, ResultSet } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema/index.ts';
import { createApp } from '../../functions/app.ts';
import { createEventsFromAnnouncements } from '../../functions/demo/announcements.ts';
import { Client } from '../support/api.ts';
import { announceEvent, eventWorld, person, registerAttendees, rulesOf } from '../support/events.ts';

let world: Awaited<ReturnType<typeof eventWorld>>['world'];
let admin: Client;
let agency: Client;
let hotel: Client;
let scenic: Client;

beforeAll(async () => {
  ({ world, admin, agency, hotel, scenic } = await eventWorld());
});
afterAll(() => world.close());

describe('editing an event', () => {
  it('refuses to overwrite a change someone else saved since the form was loaded', async () => {
    const slug = await announceEvent(admin);
    const loaded = rulesOf((await world.client().get(`/api/events/${slug}`)).body);
    const first = await admin.put(`/api/events/${slug}`, { ...loaded, venue: '第一位管理员改的会场' });
    expect(first.status, first.text).toBe(200);
    expect(Date.parse(first.body.event.updatedAt)).toBeGreaterThan(Date.parse(loaded.updatedAt));
    // The same clock instant (this world's clock stands still): the version still changes.
    const second = await admin.put(`/api/events/${slug}`, { ...loaded, venue: '第二位管理员改的会场' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('edited_meanwhile');
    expect(second.body.error.message).toContain('请刷新页面');
    expect((await world.client().get(`/api/events/${slug}`)).body.venue).toBe('第一位管理员改的会场');
    const missing = await admin.put(`/api/events/${slug}`, { ...loaded, updatedAt: undefined });
    expect(missing.status).toBe(400);
  });
});

describe('organizers', () => {
  it('check attendees in by code, only those holding a seat, and see the counts', async () => {
    const slug = await announceEvent(admin, { capacity: 1 });
    const seated = await registerAttendees(agency, slug, [person('钱多')]);
    const waiting = await registerAttendees(hotel, slug, [person('孙少')]);
    const code = seated.body.code;
    const who = seated.body.attendees[0].id;

    // The test events are weeks ahead: each check-in below is confirmed as off the event's day.
    const at = (attendeeIds: string[], event = slug) => ({ event, attendeeIds, confirmOffDay: true });
    expect((await agency.post(`/api/registrations/${code}/check-in`, at([who]))).status).toBe(403);

    // At the door of another event the code is refused, by name, and nobody is checked in.
    const otherSlug = await announceEvent(admin);
    const elsewhere = await admin.post(`/api/registrations/${code}/check-in`, at([who], otherSlug));
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.code).toBe('other_event');
    expect(elsewhere.body.error.message).toContain(`该确认码属于另一场活动“${seated.body.event.title}”`);
    expect((await admin.post(`/api/registrations/${code}/check-in`, at([who], 'no-such-event'))).status).toBe(
      404,
    );
    const noEvent = await admin.post(`/api/registrations/${code}/check-in`, { attendeeIds: [who] });
    expect(noEvent.status).toBe(400);
    expect(noEvent.body.error.fields.event).toBe('请先选择签到的活动');
    expect((await admin.get(`/api/registrations/${code}`)).body.attendees[0].checkedInAt).toBeNull();

    const early = await admin.post(`/api/registrations/${code}/check-in`, {
      event: slug,
      attendeeIds: [who],
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not_event_day');
    expect(early.body.error.message).toMatch(/^今天（.+）不是活动日：.+还有 \d+ 天。.+请确认后再签到$/);
    const done = await admin.post(`/api/registrations/${code}/check-in`, at([who]));
    expect(done.status).toBe(200);
    expect(done.body.changed).toBe(1);
    expect(done.body.registration.attendees[0].checkedInAt).toBeTruthy();
    const twice = await admin.post(`/api/registrations/${code}/check-in`, at([who]));
    expect(twice.body.changed).toBe(0);

    const refused = await admin.post(
      `/api/registrations/${waiting.body.code}/check-in`,
      at([waiting.body.attendees[0].id]),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('孙少（候补，未获得席位）');

    const noCancel = await agency.post(`/api/registrations/${code}/cancel`, { attendeeIds: [who] });
    expect(noCancel.status).toBe(409);
    expect(noCancel.body.error.message).toContain('已签到');

    const roster = await admin.get(`/api/events/${slug}/roster`);
    expect(roster.status).toBe(200);
    expect(roster.body.counts).toEqual({ confirmed: 1, waitlisted: 1, cancelled: 0, checkedIn: 1 });
    expect(roster.body.items.map((i: { name: string }) => i.name)).toEqual(['钱多', '孙少']);
    expect(roster.body.items[0].mobile).toMatch(/^1\d{10}$/);
    expect((await agency.get(`/api/events/${slug}/roster`)).status).toBe(403);
  });

  it('export the roster as a spreadsheet', async () => {
    const res = await admin.app.request(
      `http://localhost/api/events/provincial-quality-forum-2027/roster.xlsx`,
      {
        headers: { Cookie: admin.cookie ?? '' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('参会名单');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0)).toBe('PK');
    expect((await hotel.get('/api/events/provincial-quality-forum-2027/roster.xlsx')).status).toBe(403);
  });

  it('create events with the same rules the announcements follow', async () => {
    const slug = await announceEvent(admin);
    const dup = await admin.post('/api/events', {
      ...(await world.client().get(`/api/events/${slug}`)).body,
    });
    expect(dup.status).toBe(400);
    const bad = await admin.post('/api/events', {
      slug: 'bad-window',
      title: '测试',
      kind: 'forum',
      city: '220100',
      venue: '某地',
      organizer: '某单位',
      startsAt: '2027-01-10T09:00:00+08:00',
      endsAt: '2027-01-10T17:00:00+08:00',
      capacity: 10,
      maxPerEnterprise: 2,
      registrationOpens: '2026-12-01T09:00:00+08:00',
      registrationCloses: '2027-01-11T09:00:00+08:00',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.registrationCloses).toBe('报名截止时间不能晚于活动开始时间');
  });

  it('stop cancellations once the event has started', async () => {
    const slug = await announceEvent(admin, {
      registrationOpens: '2026-11-20T09:00:00+08:00',
      registrationCloses: '2026-11-27T09:00:00+08:00',
      startsAt: '2026-11-28T09:00:00+08:00',
      endsAt: '2026-11-28T12:00:00+08:00',
    });
    const r = await registerAttendees(scenic, slug, [person()]);
    expect(r.status).toBe(201);
    world.advanceClock(3 * 24 * 3600_000);
    scenic = await world.as(world.logins.jilinScenic);
    const late = await scenic.post(`/api/registrations/${r.body.code}/cancel`, {
      attendeeIds: [r.body.attendees[0].id],
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('活动已经开始');
    const closed = await registerAttendees(scenic, slug, [person()]);
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('closed');
  });
});

/** The database client as a libSQL server that never reports rowsAffected (tursodb answers 0 to every write). */
function withoutRowsAffected(raw: LibsqlClient): LibsqlClient {
  const zero = (r: ResultSet) => Object.assign(r, { rowsAffected: 0 });
  return new Proxy(raw, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === 'execute')
        return async (...args: unknown[]) =>
          zero(await (value as (...a: unknown[]) => Promise<ResultSet>).apply(target, args));
      if (prop === 'batch')
        return async (...args: unknown[]) =>
          (await (value as (...a: unknown[]) => Promise<ResultSet[]>).apply(target, args)).map(zero);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('on a libSQL server that reports no rowsAffected', () => {
  it('still cancels, promotes and changes the rules, counting from the rows themselves', async () => {
    // Earlier tests moved the clock by days: everyone signs in again.
    admin = await world.as('admin');
    agency = await world.as(world.logins.changchunAgency);
    hotel = await world.as(world.logins.jilinHotel);
    const slug = await announceEvent(admin, { capacity: 1 });
    const first = await registerAttendees(agency, slug, [person('甲')]);
    const second = await registerAttendees(hotel, slug, [person('乙'), person('丙')]);
    // The same sessions, on an app whose database never says how many rows a write changed.
    const app = createApp({
      ...world.deps,
      db: drizzle({ client: withoutRowsAffected(world.database.client), schema }),
    });
    const on = (signedIn: Client) => Object.assign(new Client(app), { cookie: signedIn.cookie });

    const rules = rulesOf((await world.client().get(`/api/events/${slug}`)).body);
    const raised = await on(admin).put(`/api/events/${slug}`, { ...rules, capacity: 2 });
    expect(raised.status, raised.text).toBe(200);
    expect(raised.body).toMatchObject({ promoted: 1, event: { confirmed: 2, waitlisted: 1 } });

    const cancelled = await on(agency).post(`/api/registrations/${first.body.code}/cancel`, {
      attendeeIds: [first.body.attendees[0].id],
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ changed: 1, promoted: 1 });
    const stale = await on(admin).put(`/api/events/${slug}`, { ...rules, capacity: 3 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('edited_meanwhile');
    const after = (await hotel.get(`/api/registrations/${second.body.code}`)).body;
    expect(after.attendees.map((a: { status: string }) => a.status)).toEqual(['confirmed', 'confirmed']);
  });
});

describe('the announcements as the proposal an event starts from', () => {
  it('never overwrites an event the organizer has changed', async () => {
    const slug = 'jilin-city-sharing-session-2027';
    const event = (await world.client().get(`/api/events/${slug}`)).body;
    const rules = rulesOf(event);
    // An earlier test moved the clock by days: the organizer signs in again.
    admin = await world.as('admin');
    const changed = await admin.put(`/api/events/${slug}`, { ...rules, capacity: event.capacity + 10 });
    expect(changed.status).toBe(200);
    expect(await createEventsFromAnnouncements(world.deps)).toEqual([]);
    const after = (await world.client().get(`/api/events/${slug}`)).body;
    expect(after.capacity).toBe(event.capacity + 10);
    expect(after.sample).toBe(true);
  });
});

// Last: signing in on a clock a day ahead ends the sessions this file's other tests use (they look idle).
describe('the roster file name', () => {
  it('carries the organizers’ (China) date, not UTC’s', async () => {
    // 07:30 in Changchun is still the previous day in UTC.
    const early = createApp({ ...world.deps, now: () => new Date('2026-11-26T23:30:00Z') });
    const organizer = await new Client(early).login('admin');
    const file = await organizer.get('/api/events/provincial-quality-forum-2027/roster.xlsx');
    expect(file.status).toBe(200);
    const disposition = decodeURIComponent(file.headers.get('content-disposition') ?? '');
    expect(disposition).toContain('参会名单-2026-11-27.xlsx');
  });
});
