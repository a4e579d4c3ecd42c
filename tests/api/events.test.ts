import type { Client as LibsqlClient, ResultSet } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccount } from '../../db/queries/accounts/accounts.ts';
import * as schema from '../../db/schema/index.ts';
import { createApp } from '../../functions/app.ts';
import { createEventsFromAnnouncements, readAnnouncements } from '../../functions/demo/announcements.ts';
import type { Deps, SignedIn } from '../../functions/deps.ts';
import { newConfirmationCode } from '../../functions/events/code.ts';
import { cancel } from '../../functions/events/registrations.ts';
import { getEvent, updateEvent } from '../../functions/events/service.ts';
import { CODE_ALPHABET, formatCode, normalizeCode } from '../../src/shared/events/labels.ts';
import { Client, demoWorld } from '../support/api.ts';
import { nextMobile } from '../support/events.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
let admin: Client;
let agency: Client;
let hotel: Client;
let scenic: Client;

beforeAll(async () => {
  world = await demoWorld();
  admin = await world.as('admin');
  agency = await world.as(world.logins.changchunAgency);
  hotel = await world.as(world.logins.jilinHotel);
  scenic = await world.as(world.logins.jilinScenic);
});
afterAll(() => world.close());

let counter = 0;
/** A fresh event created by the admin, open for registration on the world's clock (2026-11-26). */
async function newEvent(overrides: Record<string, unknown> = {}) {
  counter += 1;
  const slug = `test-event-${counter}`;
  const r = await admin.post('/api/events', {
    slug,
    title: `测试活动 ${counter}`,
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
  expect(r.status, r.text).toBe(201);
  return slug;
}

const person = (name = '张伟', position = '质量总监') => ({ name, position, mobile: nextMobile() });
const key = () => crypto.randomUUID();

async function register(client: Client, slug: string, people: ReturnType<typeof person>[], k = key()) {
  return client.post(`/api/events/${slug}/registrations`, { idempotencyKey: k, attendees: people });
}

describe('the events everyone sees', () => {
  it('lists the announced events with the rules of their announcements and live seat counts', async () => {
    const r = await world.client().get('/api/events');
    expect(r.status).toBe(200);
    for (const announced of readAnnouncements()) {
      const e = r.body.items.find((i: { slug: string }) => i.slug === announced.slug);
      expect(e, announced.slug).toBeTruthy();
      expect(e.capacity).toBe(announced.capacity);
      expect(e.maxPerEnterprise).toBe(announced.maxPerEnterprise);
      expect(Date.parse(e.registrationOpens)).toBe(Date.parse(announced.registrationOpens));
      expect(Date.parse(e.registrationCloses)).toBe(Date.parse(announced.registrationCloses));
      expect(e.seatsLeft).toBe(e.capacity - e.confirmed);
      expect(e.window).toBe('open');
    }
    const forum = r.body.items.find((i: { slug: string }) => i.slug === 'provincial-quality-forum-2027');
    expect(forum.confirmed).toBe(3);
    expect(forum.waitlisted).toBe(0);
  });

  it('answers 404 for an event that does not exist', async () => {
    const r = await world.client().get('/api/events/no-such-event');
    expect(r.status).toBe(404);
    expect(r.body.error.message).toContain('未找到该活动');
  });
});

describe('registering attendees', () => {
  it('asks an anonymous visitor to log in and refuses a reviewer', async () => {
    const slug = await newEvent();
    expect((await register(world.client(), slug, [person()])).status).toBe(401);
    const reviewer = await world.as('cc-city');
    expect((await register(reviewer, slug, [person()])).status).toBe(403);
  });

  it('confirms two attendees and gives an unguessable, grouped confirmation code', async () => {
    const slug = await newEvent();
    const r = await register(agency, slug, [person('王芳', '总经理'), person('李强', '质量部经理')]);
    expect(r.status).toBe(201);
    expect(r.body.code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    expect(r.body.attendees.map((a: { status: string }) => a.status)).toEqual(['confirmed', 'confirmed']);
    expect(r.body.attendees[0].mobile).toMatch(/^1\d{10}$/);
    expect(r.body.event.seatsLeft).toBe(1);
    expect(r.body.pageUrl).toBe(`/forums/registration/#${r.body.code}`);
  });

  it('registers once when the same form is submitted twice, even at the same moment', async () => {
    const slug = await newEvent();
    const k = key();
    const people = [person(), person('刘洋')];
    const [a, b] = await Promise.all([register(hotel, slug, people, k), register(hotel, slug, people, k)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.code).toBe(b.body.code);
    const again = await register(hotel, slug, people, k);
    expect(again.status).toBe(200);
    expect(again.body.code).toBe(a.body.code);
    expect((await world.client().get(`/api/events/${slug}`)).body.confirmed).toBe(2);
  });

  it('keeps each enterprise within its cap, counting waitlisted attendees too', async () => {
    const slug = await newEvent({ capacity: 1, maxPerEnterprise: 2 });
    expect((await register(agency, slug, [person(), person()])).status).toBe(201);
    const over = await register(agency, slug, [person()]);
    expect(over.status).toBe(422);
    expect(over.body.error.message).toContain('每家企业最多报名 2 人（含候补）');
    expect(over.body.error.fields.attendees).toBeTruthy();
    const tooMany = await register(hotel, slug, [person(), person(), person()]);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.message).toContain('本次最多还可报名 2 人');
  });

  it('refuses a person already registered for the event, naming the field only to the enterprise that registered them', async () => {
    const slug = await newEvent();
    const p = person();
    expect((await register(agency, slug, [p])).status).toBe(201);

    // Another enterprise learns the rule, not whose registration holds which of its people.
    const r = await register(hotel, slug, [person(), { ...p, name: '别名' }]);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('already_registered');
    expect(r.body.error.message).toContain('每人只能报名一次');
    expect(r.body.error.fields ?? {}).toEqual({});
    const agencyName = (await agency.get('/api/registrations')).body.items[0].enterpriseName;
    for (const leak of [p.mobile, p.mobile.slice(7), agencyName, '第 2 位'])
      expect(r.text, leak).not.toContain(leak);

    // The enterprise itself is shown which of its people it has registered already.
    const own = await register(agency, slug, [person(), { ...p, name: '别名' }]);
    expect(own.status).toBe(409);
    expect(own.body.error.fields['attendees.1.mobile']).toContain('已由贵单位报名本活动');
    expect(own.body.error.fields['attendees.1.mobile']).not.toContain(p.mobile);
    expect(own.body.error.fields['attendees.0.mobile']).toBeUndefined();
  });

  it('checks each attendee like the form does, with Chinese messages per field', async () => {
    const slug = await newEvent();
    const p = person();
    const r = await register(agency, slug, [
      { name: '', position: '经理', mobile: '123' },
      p,
      { ...p, name: '重复' },
    ]);
    expect(r.status).toBe(400);
    expect(r.body.error.fields['attendees.0.name']).toBe('请填写姓名');
    expect(r.body.error.fields['attendees.0.mobile']).toContain('11 位');
    expect(r.body.error.fields['attendees.2.mobile']).toContain('与第 2 位参会人员的手机号码相同');
    const noKey = await agency.post(`/api/events/${slug}/registrations`, { attendees: [person()] });
    expect(noKey.status).toBe(400);
  });

  it('enforces the registration window on the server clock', async () => {
    const later = await newEvent({
      registrationOpens: '2026-12-01T09:00:00+08:00',
      registrationCloses: '2026-12-10T17:00:00+08:00',
      startsAt: '2026-12-20T09:00:00+08:00',
      endsAt: '2026-12-20T12:00:00+08:00',
    });
    const early = await register(agency, later, [person()]);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not_open');
    expect(early.body.error.message).toContain('2026年12月1日');
    expect((await world.client().get(`/api/events/${later}`)).body.window).toBe('upcoming');
  });
});

describe('the waitlist', () => {
  it('waitlists attendees when full and promotes the first in line the moment a seat frees up', async () => {
    const slug = await newEvent({ capacity: 2 });
    const first = await register(agency, slug, [person('甲'), person('乙')]);
    const second = await register(hotel, slug, [person('丙')]);
    const third = await register(scenic, slug, [person('丁')]);
    expect(second.body.attendees[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(third.body.attendees[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect((await world.client().get(`/api/events/${slug}`)).body).toMatchObject({
      confirmed: 2,
      waitlisted: 2,
      seatsLeft: 0,
    });

    const yi = first.body.attendees[1];
    const cancelled = await agency.post(`/api/registrations/${first.body.code}/cancel`, {
      attendeeIds: [yi.id],
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ changed: 1, promoted: 1 });
    expect(cancelled.body.registration.attendees[1].status).toBe('cancelled');

    const promoted = await hotel.get(`/api/registrations/${second.body.code}`);
    expect(promoted.body.attendees[0].status).toBe('confirmed');
    expect(promoted.body.attendees[0].promotedAt).toBeTruthy();
    const stillWaiting = await scenic.get(`/api/registrations/${third.body.code}`);
    expect(stillWaiting.body.attendees[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    // Cancelling the same attendee again changes nothing.
    const again = await agency.post(`/api/registrations/${first.body.code}/cancel`, { attendeeIds: [yi.id] });
    expect(again.body).toMatchObject({ changed: 0, promoted: 0 });
  });

  it('gives new seats to the waitlist when the organizer raises the capacity, and never lowers it below the confirmed', async () => {
    const slug = await newEvent({ capacity: 1 });
    await register(agency, slug, [person()]);
    const waiting = await register(hotel, slug, [person(), person()]);
    expect(waiting.body.attendees.every((a: { status: string }) => a.status === 'waitlisted')).toBe(true);
    const event = (await world.client().get(`/api/events/${slug}`)).body;
    const rules = {
      updatedAt: event.updatedAt,
      title: event.title,
      kind: event.kind,
      city: event.city,
      venue: event.venue,
      organizer: event.organizer,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      maxPerEnterprise: event.maxPerEnterprise,
      registrationOpens: event.registrationOpens,
      registrationCloses: event.registrationCloses,
      sample: false,
    };
    const raised = await admin.put(`/api/events/${slug}`, { ...rules, capacity: 2 });
    expect(raised.status).toBe(200);
    expect(raised.body.promoted).toBe(1);
    expect(raised.body.event).toMatchObject({ capacity: 2, confirmed: 2, waitlisted: 1 });
    const after = (await hotel.get(`/api/registrations/${waiting.body.code}`)).body;
    expect(after.attendees.map((a: { status: string }) => a.status)).toEqual(['confirmed', 'waitlisted']);

    const lowered = await admin.put(`/api/events/${slug}`, {
      ...rules,
      updatedAt: raised.body.event.updatedAt,
      capacity: 1,
    });
    expect(lowered.status).toBe(409);
    expect(lowered.body.error.fields.capacity).toContain('已有 2 人确认参加');
    expect((await agency.put(`/api/events/${slug}`, { ...rules, capacity: 5 })).status).toBe(403);
  });

  it('gives free seats to the waitlist before seating a newcomer, even when the capacity was raised in the database directly', async () => {
    const slug = await newEvent({ capacity: 1 });
    const seated = await register(agency, slug, [person('甲')]);
    const waiting = await register(hotel, slug, [person('乙'), person('丙')]);
    expect(waiting.body.attendees.map((a: { status: string }) => a.status)).toEqual([
      'waitlisted',
      'waitlisted',
    ]);
    // Someone raises the capacity without the app (no promotion): two seats free while two people wait.
    await world.database.client.execute({
      sql: 'update events set capacity = 3 where slug = ?',
      args: [slug],
    });

    const newcomer = await register(scenic, slug, [person('丁')]);
    expect(newcomer.status).toBe(201);
    // The waitlist took the free seats first, in order; the newcomer queues behind them.
    expect(newcomer.body.attendees[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const promoted = (await hotel.get(`/api/registrations/${waiting.body.code}`)).body;
    expect(promoted.attendees.map((a: { status: string }) => a.status)).toEqual(['confirmed', 'confirmed']);
    expect((await world.client().get(`/api/events/${slug}`)).body).toMatchObject({
      capacity: 3,
      confirmed: 3,
      waitlisted: 1,
      seatsLeft: 0,
    });
    expect(seated.body.attendees[0].status).toBe('confirmed');
  });
});

describe('editing an event', () => {
  it('refuses to overwrite a change someone else saved since the form was loaded', async () => {
    const slug = await newEvent();
    const {
      slug: _s,
      confirmed,
      waitlisted,
      seatsLeft,
      window,
      ...loaded
    } = (await world.client().get(`/api/events/${slug}`)).body;
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

describe('the confirmation code', () => {
  it('lets its holder see the registration without logging in, with phones masked', async () => {
    const slug = await newEvent();
    const p = person('赵敏');
    const r = await register(agency, slug, [p]);
    const anonymous = await world.client().get(`/api/registrations/${r.body.code.toLowerCase()}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.attendees[0].mobile).toBe(`${p.mobile.slice(0, 3)}****${p.mobile.slice(7)}`);
    expect(anonymous.text).not.toContain(p.mobile);
    expect((await hotel.get(`/api/registrations/${r.body.code}`)).text).not.toContain(p.mobile);
    expect((await agency.get(`/api/registrations/${r.body.code}`)).body.attendees[0].mobile).toBe(p.mobile);
    expect((await admin.get(`/api/registrations/${r.body.code}`)).body.attendees[0].mobile).toBe(p.mobile);
    expect((await world.client().get('/api/registrations/ABCD-EFGH-JKLM-NPQR')).status).toBe(404);
    expect((await world.client().get('/api/registrations/not-a-code')).status).toBe(404);
  });

  it('is not enough to cancel: only the registering enterprise or an organizer may, and registrations are listed only to their enterprise', async () => {
    const slug = await newEvent();
    const r = await register(agency, slug, [person(), person()]);
    const [first, second] = r.body.attendees.map((a: { id: string }) => a.id);
    const mine = await agency.get('/api/registrations');
    expect(mine.body.items.map((i: { code: string }) => i.code)).toContain(r.body.code);
    expect(
      (await hotel.get('/api/registrations')).body.items.map((i: { code: string }) => i.code),
    ).not.toContain(r.body.code);

    const anonymous = world.client();
    expect((await anonymous.get(`/api/registrations/${r.body.code}`)).body.cancellable).toBe(false);
    const byHolder = await anonymous.post(`/api/registrations/${r.body.code}/cancel`, {
      attendeeIds: [first],
    });
    expect(byHolder.status).toBe(401);
    expect((await hotel.get(`/api/registrations/${r.body.code}`)).body.cancellable).toBe(false);
    const byOther = await hotel.post(`/api/registrations/${r.body.code}/cancel`, { attendeeIds: [first] });
    expect(byOther.status).toBe(403);
    expect(byOther.body.error.message).toContain('报名企业的账号');
    const reviewer = await world.as('cc-city');
    expect(
      (await reviewer.post(`/api/registrations/${r.body.code}/cancel`, { attendeeIds: [first] })).status,
    ).toBe(403);
    expect((await world.client().get(`/api/events/${slug}`)).body.confirmed).toBe(2);

    expect((await agency.get(`/api/registrations/${r.body.code}`)).body.cancellable).toBe(true);
    const byOwner = await agency.post(`/api/registrations/${r.body.code}/cancel`, { attendeeIds: [first] });
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.changed).toBe(1);
    const byOrganizer = await admin.post(`/api/registrations/${r.body.code}/cancel`, {
      attendeeIds: [second],
    });
    expect(byOrganizer.status).toBe(200);
    expect(byOrganizer.body.changed).toBe(1);
    expect(byOrganizer.body.registration.cancellable).toBe(false);
  });

  it('gives a calendar file with the time, place and code, and no phone numbers', async () => {
    const r = await register(agency, 'yanbian-sharing-session-2027', [person('金哲', '导游部经理')]);
    expect(r.status).toBe(201);
    const ics = await world.client().get(r.body.calendarUrl);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(ics.headers.get('content-disposition')).toContain('attachment');
    expect(ics.text).toContain('BEGIN:VCALENDAR');
    expect(ics.text).toContain('DTSTART:20270121T053000Z');
    expect(ics.text).toContain('DTEND:20270121T090000Z');
    expect(ics.text).toContain('SUMMARY:延边州旅游企业首席质量官经验分享会');
    expect(ics.text.replace(/\r\n /g, '')).toContain(r.body.code);
    expect(ics.text).not.toMatch(/1\d{10}/);
  });
});

describe('the calendar file, read by a real iCalendar parser (ical.js)', () => {
  const calendar = async (url: string) => {
    const res = await world.client().get(url);
    expect(res.status).toBe(200);
    const vevent = new ICAL.Component(ICAL.parse(res.text)).getFirstSubcomponent('vevent');
    if (!vevent) throw new Error('no VEVENT');
    return { text: res.text, vevent, event: new ICAL.Event(vevent) };
  };

  it('is valid RFC 5545: times in UTC, a reminder 24 hours before, lines folded at 75 octets', async () => {
    const slug = await newEvent({
      title: `${'服务质量'.repeat(12)}长标题活动`,
      venue: '长春市某会议中心（示例）三楼多功能厅东侧报告厅',
    });
    const r = await register(agency, slug, [
      person('欧阳明月', '质量管理部经理'),
      person('司马长风', '副总经理'),
    ]);
    const { text, vevent, event } = await calendar(r.body.calendarUrl);

    expect(event.startDate.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(event.startDate.toJSDate().toISOString()).toBe(
      new Date('2027-01-14T09:00:00+08:00').toISOString(),
    );
    expect(event.endDate.toJSDate().toISOString()).toBe(new Date('2027-01-14T16:30:00+08:00').toISOString());
    expect(event.summary).toBe(`${'服务质量'.repeat(12)}长标题活动`);
    expect(event.location).toContain('三楼多功能厅东侧报告厅');
    expect(event.description).toContain(r.body.code);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');

    const alarm = vevent.getFirstSubcomponent('valarm');
    const trigger = alarm?.getFirstPropertyValue('trigger') as InstanceType<typeof ICAL.Duration>;
    expect(trigger.toSeconds()).toBe(-24 * 3600);
    expect(text).toMatch(/^TRIGGER:-(PT24H|P1D)\r$/m);
    expect(alarm?.getFirstPropertyValue('action')).toBe('DISPLAY');

    // Every content line is at most 75 octets (a Chinese character is 3), never cut inside a character.
    const lines = text.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(text).not.toContain('\uFFFD');
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
  });

  it('keeps its UID and raises its SEQUENCE when a status or the event changes, so a re-import updates the entry', async () => {
    const slug = await newEvent({ capacity: 1 });
    const seated = await register(agency, slug, [person('甲')]);
    const waiting = await register(hotel, slug, [person('乙')]);
    const before = await calendar(waiting.body.calendarUrl);
    expect(before.vevent.getFirstPropertyValue('status')).toBe('TENTATIVE');
    const again = await calendar(waiting.body.calendarUrl);
    expect(again.event.uid).toBe(before.event.uid);
    expect(again.event.sequence).toBe(before.event.sequence);

    // The seated attendee cancels: the waitlisted one is promoted, and both files change.
    const seatedBefore = await calendar(seated.body.calendarUrl);
    await agency.post(`/api/registrations/${seated.body.code}/cancel`, {
      attendeeIds: [seated.body.attendees[0].id],
    });
    const promoted = await calendar(waiting.body.calendarUrl);
    expect(promoted.event.uid).toBe(before.event.uid);
    expect(promoted.vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(promoted.event.sequence).toBeGreaterThan(before.event.sequence);
    const cancelled = await calendar(seated.body.calendarUrl);
    expect(cancelled.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.event.sequence).toBeGreaterThan(seatedBefore.event.sequence);

    // The organizer moves the event a day later (and a minute on the clock): the time and SEQUENCE follow.
    world.advanceClock(60_000);
    admin = await world.as('admin');
    const {
      slug: _s,
      confirmed,
      waitlisted,
      seatsLeft,
      window,
      ...rules
    } = (await world.client().get(`/api/events/${slug}`)).body;
    const moved = await admin.put(`/api/events/${slug}`, {
      ...rules,
      startsAt: '2027-01-15T09:00:00+08:00',
      endsAt: '2027-01-15T16:30:00+08:00',
    });
    expect(moved.status, moved.text).toBe(200);
    const rescheduled = await calendar(waiting.body.calendarUrl);
    expect(rescheduled.event.uid).toBe(before.event.uid);
    expect(rescheduled.event.startDate.toJSDate().toISOString()).toBe('2027-01-15T01:00:00.000Z');
    expect(rescheduled.event.sequence).toBeGreaterThan(promoted.event.sequence);
  });
});

describe('organizers', () => {
  it('check attendees in by code, only those holding a seat, and see the counts', async () => {
    const slug = await newEvent({ capacity: 1 });
    const seated = await register(agency, slug, [person('钱多')]);
    const waiting = await register(hotel, slug, [person('孙少')]);
    const code = seated.body.code;
    const who = seated.body.attendees[0].id;

    // The test events are weeks ahead: each check-in below is confirmed as off the event's day.
    const at = (attendeeIds: string[], event = slug) => ({ event, attendeeIds, confirmOffDay: true });
    expect((await agency.post(`/api/registrations/${code}/check-in`, at([who]))).status).toBe(403);

    // At the door of another event the code is refused, by name, and nobody is checked in.
    const otherSlug = await newEvent();
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
    const slug = await newEvent();
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
    const slug = await newEvent({
      registrationOpens: '2026-11-20T09:00:00+08:00',
      registrationCloses: '2026-11-27T09:00:00+08:00',
      startsAt: '2026-11-28T09:00:00+08:00',
      endsAt: '2026-11-28T12:00:00+08:00',
    });
    const r = await register(scenic, slug, [person()]);
    expect(r.status).toBe(201);
    world.advanceClock(3 * 24 * 3600_000);
    scenic = await world.as(world.logins.jilinScenic);
    const late = await scenic.post(`/api/registrations/${r.body.code}/cancel`, {
      attendeeIds: [r.body.attendees[0].id],
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('活动已经开始');
    const closed = await register(scenic, slug, [person()]);
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
    const deps: Deps = {
      ...world.deps,
      db: drizzle({ client: withoutRowsAffected(world.database.client), schema }),
    };
    const slug = await newEvent({ capacity: 1 });
    const first = await register(agency, slug, [person('甲')]);
    const second = await register(hotel, slug, [person('乙'), person('丙')]);
    const agencyAccount = (await agency.get('/api/auth/me')).body.me;
    const owner = { ...(await findAccount(world.deps.db, agencyAccount.id)), sessionId: 'test' } as SignedIn;

    const current = await getEvent(deps, slug);
    if (!current.ok) throw new Error(current.message);
    const raised = await updateEvent(deps, slug, { ...current.value, capacity: 2 });
    expect(raised.ok && raised.value).toMatchObject({ promoted: 1, event: { confirmed: 2, waitlisted: 1 } });

    const cancelled = await cancel(deps, owner, first.body.code, [first.body.attendees[0].id]);
    expect(cancelled.ok && cancelled.value).toMatchObject({ changed: 1, promoted: 1 });
    const stale = await updateEvent(deps, slug, { ...current.value, capacity: 3 });
    expect(stale.ok || stale.code).toBe('edited_meanwhile');
    const after = (await hotel.get(`/api/registrations/${second.body.code}`)).body;
    expect(after.attendees.map((a: { status: string }) => a.status)).toEqual(['confirmed', 'confirmed']);
  });
});

describe('confirmation codes', () => {
  it('are 16 characters of 80 random bits, without characters people confuse', () => {
    const codes = Array.from({ length: 2000 }, newConfirmationCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toHaveLength(16);
      for (const c of code) expect(CODE_ALPHABET).toContain(c);
    }
    expect(CODE_ALPHABET).not.toMatch(/[01IO]/);
    // Every character of the alphabet turns up: all 5 bits of each position are used.
    expect(new Set(codes.join('')).size).toBe(32);
  });

  it('are read the way people type them: any case, full-width, spaces or dashes', () => {
    expect(formatCode('ABCDEFGHJKLMNPQR')).toBe('ABCD-EFGH-JKLM-NPQR');
    expect(normalizeCode('abcd efgh-jklm－ｎｐｑｒ')).toBe('ABCDEFGHJKLMNPQR');
    expect(normalizeCode('ABCD-EFGH-JKLM-NPQ')).toBeNull();
    expect(normalizeCode('ABCD-EFGH-JKLM-NPQ0')).toBeNull();
  });
});

describe('the announcements as the proposal an event starts from', () => {
  it('never overwrites an event the organizer has changed', async () => {
    const slug = 'jilin-city-sharing-session-2027';
    const event = (await world.client().get(`/api/events/${slug}`)).body;
    const { slug: _slug, confirmed, waitlisted, seatsLeft, window, ...rules } = event;
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
