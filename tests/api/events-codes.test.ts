import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newConfirmationCode } from '../../functions/events/code.ts';
import { CODE_ALPHABET, formatCode, normalizeCode } from '../../src/shared/events/labels.ts';
import type { Client } from '../support/api.ts';
import { announceEvent, eventWorld, person, registerAttendees, rulesOf } from '../support/events.ts';

let world: Awaited<ReturnType<typeof eventWorld>>['world'];
let admin: Client;
let agency: Client;
let hotel: Client;

beforeAll(async () => {
  ({ world, admin, agency, hotel } = await eventWorld());
});
afterAll(() => world.close());

describe('the confirmation code', () => {
  it('lets its holder see the registration without logging in, with phones masked', async () => {
    const slug = await announceEvent(admin);
    const p = person('赵敏');
    const r = await registerAttendees(agency, slug, [p]);
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
    const slug = await announceEvent(admin);
    const r = await registerAttendees(agency, slug, [person(), person()]);
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
    const r = await registerAttendees(agency, 'yanbian-sharing-session-2027', [person('金哲', '导游部经理')]);
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
    const slug = await announceEvent(admin, {
      title: `${'服务质量'.repeat(12)}长标题活动`,
      venue: '长春市某会议中心（示例）三楼多功能厅东侧报告厅',
    });
    const r = await registerAttendees(agency, slug, [
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
    const slug = await announceEvent(admin, { capacity: 1 });
    const seated = await registerAttendees(agency, slug, [person('甲')]);
    const waiting = await registerAttendees(hotel, slug, [person('乙')]);
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
    const rules = rulesOf((await world.client().get(`/api/events/${slug}`)).body);
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
