/**
 * Event registration words and codes without zod, so the small islands (live seats on the announcement pages)
 * stay small: registration windows, attendee statuses and confirmation codes.
 */
import { toHalfWidth } from '../half-width.ts';

export const attendeeStatuses = [
  { code: 'confirmed', name: '已确认' },
  { code: 'waitlisted', name: '候补' },
  { code: 'cancelled', name: '已取消' },
] as const;
export type AttendeeStatus = (typeof attendeeStatuses)[number]['code'];
export const attendeeStatusCodes = attendeeStatuses.map((s) => s.code) as [
  AttendeeStatus,
  ...AttendeeStatus[],
];

export function attendeeStatusName(code: string): string {
  return attendeeStatuses.find((s) => s.code === code)?.name ?? code;
}

// The registration window lives in its own small module, so the live-seats island loads it without the rest.
export {
  type RegistrationWindow,
  registrationWindow,
  registrationWindows,
  windowName,
} from './window.ts';

/**
 * Slugs of the demo's own events (functions/demo/events.ts), which have no announcement in content/forums/:
 * the pages link them to their card on /forums/ instead of an announcement page.
 */
export const DEMO_EVENT_PREFIX = 'demo-';

/** Where an event is described: its announcement page, or for the demo's own events their card on /forums/. */
export function eventPagePath(slug: string): string {
  return slug.startsWith(DEMO_EVENT_PREFIX) ? `/forums/#event-${slug}` : `/forums/${slug}/`;
}

/**
 * Confirmation codes: 16 characters from a 32-letter alphabet without 0/O and 1/I (80 random bits), shown in
 * groups of four: ABCD-EFGH-JKLM-NPQR.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 16;

export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/**
 * Reads a code as people type or paste it: any case, full-width letters, spaces or dashes between groups.
 * Returns the bare 16 characters, or null when it cannot be a code.
 */
export function normalizeCode(input: string): string | null {
  const bare = toHalfWidth(input)
    .toUpperCase()
    .replace(/[\s\-－—_.·]/g, '');
  if (bare.length !== CODE_LENGTH) return null;
  for (const c of bare) if (!CODE_ALPHABET.includes(c)) return null;
  return bare;
}
