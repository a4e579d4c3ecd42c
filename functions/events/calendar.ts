/** The .ics file of a registration (RFC 5545, written by the `ics` library): one event, times in UTC. */
import { createEvent, type EventStatus } from 'ics';
import type { EventWithCounts, RegistrationWithAttendees } from '../../db/queries/events.ts';
import { attendeeStatusName, formatCode } from '../../src/shared/event-labels.ts';
import { cityName } from '../../src/shared/labels.ts';

export function calendarFile(
  r: RegistrationWithAttendees,
  event: EventWithCounts,
  origin: string,
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
  const { error, value } = createEvent({
    productId: '-//jilin-tourism-cqo//events//ZH',
    uid: `registration-${r.id}@jilin-tourism-cqo`,
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
    alarms: [{ action: 'display', description: event.title, trigger: { days: 1, before: true } }],
  });
  return error || !value ? { ok: false, message: '日历文件生成失败，请稍后重试' } : { ok: true, ics: value };
}
