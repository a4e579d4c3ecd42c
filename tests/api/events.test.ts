import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventsFromAnnouncements, readAnnouncements } from '../../functions/demo/announcements.ts';
import { newConfirmationCode } from '../../functions/events/code.ts';
import { CODE_ALPHABET, formatCode, normalizeCode } from '../../src/shared/event-labels.ts';
import { type Client, demoWorld } from '../support/api.ts';
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

  it('refuses a person already registered for the event, naming the field', async () => {
    const slug = await newEvent();
    const p = person();
    expect((await register(agency, slug, [p])).status).toBe(201);
    const r = await register(hotel, slug, [person(), { ...p, name: '别名' }]);
    expect(r.status).toBe(409);
    expect(r.body.error.fields['attendees.1.mobile']).toContain('已报名本活动');
    expect(r.body.error.fields['attendees.1.mobile']).not.toContain(p.mobile);
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

    const lowered = await admin.put(`/api/events/${slug}`, { ...rules, capacity: 1 });
    expect(lowered.status).toBe(409);
    expect(lowered.body.error.fields.capacity).toContain('已有 2 人确认参加');
    expect((await agency.put(`/api/events/${slug}`, { ...rules, capacity: 5 })).status).toBe(403);
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

  it('lets its holder cancel until the event starts, and lists registrations only to their enterprise', async () => {
    const slug = await newEvent();
    const r = await register(agency, slug, [person()]);
    const mine = await agency.get('/api/registrations');
    expect(mine.body.items.map((i: { code: string }) => i.code)).toContain(r.body.code);
    expect(
      (await hotel.get('/api/registrations')).body.items.map((i: { code: string }) => i.code),
    ).not.toContain(r.body.code);
    const byHolder = await world.client().post(`/api/registrations/${r.body.code}/cancel`, {
      attendeeIds: [r.body.attendees[0].id],
    });
    expect(byHolder.status).toBe(200);
    expect(byHolder.body.registration.cancellable).toBe(false);
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

describe('organizers', () => {
  it('check attendees in by code, only those holding a seat, and see the counts', async () => {
    const slug = await newEvent({ capacity: 1 });
    const seated = await register(agency, slug, [person('钱多')]);
    const waiting = await register(hotel, slug, [person('孙少')]);
    const code = seated.body.code;
    const who = seated.body.attendees[0].id;

    expect((await agency.post(`/api/registrations/${code}/check-in`, { attendeeIds: [who] })).status).toBe(
      403,
    );
    const done = await admin.post(`/api/registrations/${code}/check-in`, { attendeeIds: [who] });
    expect(done.status).toBe(200);
    expect(done.body.changed).toBe(1);
    expect(done.body.registration.attendees[0].checkedInAt).toBeTruthy();
    const twice = await admin.post(`/api/registrations/${code}/check-in`, { attendeeIds: [who] });
    expect(twice.body.changed).toBe(0);

    const refused = await admin.post(`/api/registrations/${waiting.body.code}/check-in`, {
      attendeeIds: [waiting.body.attendees[0].id],
    });
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
