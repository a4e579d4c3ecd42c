/**
 * Whether today is a day of the event, in China's calendar: check-in at the door belongs there, and an
 * organizer checking someone in weeks early (or late) is told so and asked to confirm.
 */
import { chinaDate } from '../china-date.ts';
import { formatDay } from '../formats.ts';

type EventDays = { title: string; startsAt: string | Date; endsAt: string | Date };

const dayNumber = (when: string | Date) => {
  const d = chinaDate(new Date(when));
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
};

/** Days until the event's first day (> 0), since its last day (< 0), or 0 on one of its days. */
export function daysOffEvent(e: EventDays, now: Date): number {
  const today = dayNumber(now);
  const first = dayNumber(e.startsAt);
  const last = dayNumber(e.endsAt);
  if (today < first) return first - today;
  return today > last ? last - today : 0;
}

/** Why today is not a day of the event (“今天（…）不是活动日：…还有 38 天。”), or null on its days. */
export function offDayNote(e: EventDays, now: Date): string | null {
  const off = daysOffEvent(e, now);
  if (off === 0) return null;
  const first = formatDay(e.startsAt);
  const last = formatDay(e.endsAt);
  const today = `今天（${formatDay(now)}）不是活动日：`;
  return off > 0
    ? `${today}“${e.title}”在 ${first === last ? first : `${first}至${last}`} 举行，还有 ${off} 天。`
    : `${today}“${e.title}”已于 ${last} 结束，已过 ${-off} 天。`;
}
