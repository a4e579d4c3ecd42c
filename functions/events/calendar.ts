/**
 * The .ics file of a registration (RFC 5545), written by the `ics` library: one event, times in UTC, a
 * reminder a day before. Two things the library gets wrong are put right here: it folds long lines every 75
 * characters (RFC 5545 §3.1 counts octets, and a Chinese character is 3 of them in UTF-8), and a duration of
 * whole days comes out as `P1DT`, hence the reminder's 24 hours.
 */
import { createEvent, type EventAttributes, type EventStatus } from 'ics';
import type { RegistrationWithAttendees } from '../../db/queries/events/attendees.ts';
import type { EventWithCounts } from '../../db/queries/events/events.ts';
import { attendeeStatusName, formatCode } from '../../src/shared/events/labels.ts';
import { cityName } from '../../src/shared/labels.ts';

/** Longest content line in octets, without its CRLF (RFC 5545 §3.1). */
const LINE_OCTETS = 75;
const encoder = new TextEncoder();

/** Unfolds the library's folded lines and folds them again at 75 octets, never inside a UTF-8 character. */
export function foldByOctets(ics: string): string {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const folded = lines.map((line) => {
    const parts: string[] = [];
    let part = '';
    let octets = 0;
    for (const char of line) {
      const size = encoder.encode(char).length;
      // Continuation lines start with a space, which counts towards their 75 octets.
      const limit = parts.length === 0 ? LINE_OCTETS : LINE_OCTETS - 1;
      if (octets + size > limit) {
        parts.push(part);
        part = '';
        octets = 0;
      }
      part += char;
      octets += size;
    }
    parts.push(part);
    return parts.join('\r\n ');
  });
  return folded.join('\r\n');
}

/**
 * SEQUENCE (RFC 5545 §3.8.7.4) must grow with every change that matters, so that importing a newer file updates
 * the calendar entry instead of being ignored. It is derived, not stored: each promotion and each cancellation
 * of this registration's attendees adds one (each happens at most once per attendee, so the count only grows),
 * and an organizer's later edit of the event (time, place) adds the seconds between the registration and that
 * edit (`updatedAt` only moves forward).
 */
export function calendarSequence(r: RegistrationWithAttendees, event: EventWithCounts): number {
  const changes = r.attendees.reduce(
    (n, a) => n + (a.promotedAt ? 1 : 0) + (a.status === 'cancelled' ? 1 : 0),
    0,
  );
  const edited = Math.max(0, Math.floor((event.updatedAt.getTime() - r.createdAt.getTime()) / 1000));
  return changes + edited;
}

export function calendarFile(
  r: RegistrationWithAttendees,
  event: EventWithCounts,
  origin: string,
  now: Date,
): { ok: true; ics: string } | { ok: false; message: string } {
  const active = r.attendees.filter((a) => a.status !== 'cancelled');
  const status: EventStatus = active.some((a) => a.status === 'confirmed')
    ? 'CONFIRMED'
    : active.length > 0
      ? 'TENTATIVE'
      : 'CANCELLED';
  // Names and statuses only: phones stay out of a file that gets forwarded and synced.
  const people = r.attendees.map(
    (a) =>
      `${a.name}（${a.position}）：${attendeeStatusName(a.status)}${a.waitlistPosition ? `第 ${a.waitlistPosition} 位` : ''}`,
  );
  const page = `${origin}/forums/registration/#${formatCode(r.code)}`;
  // DTSTAMP from the app's clock; the library supports `timestamp` but its types leave it out.
  const attributes: EventAttributes & { timestamp: number } = {
    productId: '-//jilin-tourism-cqo//events//ZH',
    // Stable for the registration, so a newer file replaces the entry rather than adding a second one.
    uid: `registration-${r.id}@jilin-tourism-cqo`,
    sequence: calendarSequence(r, event),
    timestamp: now.getTime(),
    title: event.title,
    start: event.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: event.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    location: `${cityName(event.city)} ${event.venue}`,
    status,
    description: [
      `确认码：${formatCode(r.code)}（签到时出示）`,
      `报名单位：${r.enterpriseName}`,
      `主办：${event.organizer}`,
      '参会人员：',
      ...people,
      `报名确认单：${page}`,
    ].join('\n'),
    url: page,
    // 24 hours, not 1 day: the library writes days as `-P1DT`, which is not a valid duration.
    alarms: [{ action: 'display', description: event.title, trigger: { hours: 24, before: true } }],
  };
  const { error, value } = createEvent(attributes);
  return error || !value
    ? { ok: false, message: '日历文件生成失败，请稍后重试' }
    : { ok: true, ics: foldByOctets(value) };
}
