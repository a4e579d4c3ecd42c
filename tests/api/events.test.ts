import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAnnouncements } from '../../functions/demo/announcements.ts';
import type { Client } from '../support/api.ts';
import { announceEvent, eventWorld, person, registerAttendees } from '../support/events.ts';

let world: Awaited<ReturnType<typeof eventWorld>>['world'];
let admin: Client;
let agency: Client;
let hotel: Client;
let scenic: Client;

beforeAll(async () => {
  ({ world, admin, agency, hotel, scenic } = await eventWorld());
});
afterAll(() => world.close());

const key = () => crypto.randomUUID();

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
    const slug = await announceEvent(admin);
    expect((await registerAttendees(world.client(), slug, [person()])).status).toBe(401);
    const reviewer = await world.as('cc-city');
    expect((await registerAttendees(reviewer, slug, [person()])).status).toBe(403);
  });

  it('confirms two attendees and gives an unguessable, grouped confirmation code', async () => {
    const slug = await announceEvent(admin);
    const r = await registerAttendees(agency, slug, [person('王芳', '总经理'), person('李强', '质量部经理')]);
    expect(r.status).toBe(201);
    expect(r.body.code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    expect(r.body.attendees.map((a: { status: string }) => a.status)).toEqual(['confirmed', 'confirmed']);
    expect(r.body.attendees[0].mobile).toMatch(/^1\d{10}$/);
    expect(r.body.event.seatsLeft).toBe(1);
    expect(r.body.pageUrl).toBe(`/forums/registration/#${r.body.code}`);
  });

  it('registers once when the same form is submitted twice, even at the same moment', async () => {
    const slug = await announceEvent(admin);
    const k = key();
    const people = [person(), person('刘洋')];
    const [a, b] = await Promise.all([
      registerAttendees(hotel, slug, people, k),
      registerAttendees(hotel, slug, people, k),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.code).toBe(b.body.code);
    const again = await registerAttendees(hotel, slug, people, k);
    expect(again.status).toBe(200);
    expect(again.body.code).toBe(a.body.code);
    expect((await world.client().get(`/api/events/${slug}`)).body.confirmed).toBe(2);
  });

  it('keeps each enterprise within its cap, counting waitlisted attendees too', async () => {
    const slug = await announceEvent(admin, { capacity: 1, maxPerEnterprise: 2 });
    expect((await registerAttendees(agency, slug, [person(), person()])).status).toBe(201);
    const over = await registerAttendees(agency, slug, [person()]);
    expect(over.status).toBe(422);
    expect(over.body.error.message).toContain('每家企业最多报名 2 人（含候补）');
    expect(over.body.error.fields.attendees).toBeTruthy();
    const tooMany = await registerAttendees(hotel, slug, [person(), person(), person()]);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.message).toContain('本次最多还可报名 2 人');
  });

  it('refuses a person already registered for the event, naming the field only to the enterprise that registered them', async () => {
    const slug = await announceEvent(admin);
    const p = person();
    expect((await registerAttendees(agency, slug, [p])).status).toBe(201);

    // Another enterprise learns the rule, not whose registration holds which of its people.
    const r = await registerAttendees(hotel, slug, [person(), { ...p, name: '别名' }]);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('already_registered');
    expect(r.body.error.message).toContain('每人只能报名一次');
    expect(r.body.error.fields ?? {}).toEqual({});
    const agencyName = (await agency.get('/api/registrations')).body.items[0].enterpriseName;
    for (const leak of [p.mobile, p.mobile.slice(7), agencyName, '第 2 位'])
      expect(r.text, leak).not.toContain(leak);

    // The enterprise itself is shown which of its people it has registered already.
    const own = await registerAttendees(agency, slug, [person(), { ...p, name: '别名' }]);
    expect(own.status).toBe(409);
    expect(own.body.error.fields['attendees.1.mobile']).toContain('已由贵单位报名本活动');
    expect(own.body.error.fields['attendees.1.mobile']).not.toContain(p.mobile);
    expect(own.body.error.fields['attendees.0.mobile']).toBeUndefined();
  });

  it('checks each attendee like the form does, with Chinese messages per field', async () => {
    const slug = await announceEvent(admin);
    const p = person();
    const r = await registerAttendees(agency, slug, [
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
    const later = await announceEvent(admin, {
      registrationOpens: '2026-12-01T09:00:00+08:00',
      registrationCloses: '2026-12-10T17:00:00+08:00',
      startsAt: '2026-12-20T09:00:00+08:00',
      endsAt: '2026-12-20T12:00:00+08:00',
    });
    const early = await registerAttendees(agency, later, [person()]);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not_open');
    expect(early.body.error.message).toContain('2026年12月1日');
    expect((await world.client().get(`/api/events/${later}`)).body.window).toBe('upcoming');
  });
});

describe('the waitlist', () => {
  it('waitlists attendees when full and promotes the first in line the moment a seat frees up', async () => {
    const slug = await announceEvent(admin, { capacity: 2 });
    const first = await registerAttendees(agency, slug, [person('甲'), person('乙')]);
    const second = await registerAttendees(hotel, slug, [person('丙')]);
    const third = await registerAttendees(scenic, slug, [person('丁')]);
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
    const slug = await announceEvent(admin, { capacity: 1 });
    await registerAttendees(agency, slug, [person()]);
    const waiting = await registerAttendees(hotel, slug, [person(), person()]);
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
    const slug = await announceEvent(admin, { capacity: 1 });
    const seated = await registerAttendees(agency, slug, [person('甲')]);
    const waiting = await registerAttendees(hotel, slug, [person('乙'), person('丙')]);
    expect(waiting.body.attendees.map((a: { status: string }) => a.status)).toEqual([
      'waitlisted',
      'waitlisted',
    ]);
    // Someone raises the capacity without the app (no promotion): two seats free while two people wait.
    await world.database.client.execute({
      sql: 'update events set capacity = 3 where slug = ?',
      args: [slug],
    });

    const newcomer = await registerAttendees(scenic, slug, [person('丁')]);
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
