/** Wording and small helpers shared by the event registration islands. */
import type { EventSummary, RegistrationAttendee } from '../../shared/events/answers.ts';
import { windowName } from '../../shared/events/window.ts';
import { formatDateTime } from '../../shared/formats.ts';

/** 剩余 12 席（共 50 席）· 候补 0 人 · 报名中. */
export function seatLine(e: EventSummary): string {
  return `剩余 ${e.seatsLeft} 席（共 ${e.capacity} 席）· 候补 ${e.waitlisted} 人 · ${windowName(e.window)}`;
}

/** The registration window in words, China time. */
export function windowText(e: EventSummary): string {
  return `${formatDateTime(e.registrationOpens)} 至 ${formatDateTime(e.registrationCloses)}`;
}

/** 已签到 / 已确认 / 候补第 3 位 / 已取消, with how a seat was obtained. */
export function attendeeState(a: RegistrationAttendee): string {
  if (a.status === 'cancelled') return '已取消';
  if (a.status === 'waitlisted') return `候补第 ${a.waitlistPosition ?? '—'} 位`;
  if (a.checkedInAt) return `已签到（${formatDateTime(a.checkedInAt)}）`;
  return a.promotedAt ? '已确认（由候补递补）' : '已确认';
}

/** An idempotency key made once per form: 128 random bits (works without a secure context, unlike randomUUID). */
export function newFormKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `?event=` of the page when it looks like an event slug. */
export function eventParam(): string | null {
  const slug = new URLSearchParams(location.search).get('event');
  return slug && /^[a-z0-9-]{1,80}$/.test(slug) ? slug : null;
}
