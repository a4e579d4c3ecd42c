/** Turns rows into the API's answers; phones are masked here, on the server, for anyone who may not see them. */
import type {
  AttendeeWithPlace,
  RegistrationWithAttendees,
  RosterRow,
} from '../../db/queries/events/attendees.ts';
import type { EventWithCounts } from '../../db/queries/events/events.ts';
import type {
  EventSummary,
  RegistrationAttendee,
  RegistrationDetail,
} from '../../src/shared/events/answers.ts';
import { formatCode, registrationWindow } from '../../src/shared/events/labels.ts';
import { maskPhone } from '../../src/shared/phone.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function eventSummary(e: EventWithCounts, now: Date): EventSummary {
  return {
    slug: e.slug,
    title: e.title,
    kind: e.kind,
    city: e.city as EventSummary['city'],
    venue: e.venue,
    organizer: e.organizer,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    capacity: e.capacity,
    maxPerEnterprise: e.maxPerEnterprise,
    registrationOpens: e.registrationOpens.toISOString(),
    registrationCloses: e.registrationCloses.toISOString(),
    confirmed: e.confirmed,
    waitlisted: e.waitlisted,
    seatsLeft: Math.max(0, e.capacity - e.confirmed),
    window: registrationWindow(e, now),
    sample: e.sample,
    updatedAt: e.updatedAt.toISOString(),
  };
}

/**
 * Whether a viewer sees attendees' phones in full: the registering enterprise and the organizers do — the
 * same people who may cancel; anyone else holding the code sees masked phones and no cancel option.
 */
export type PhoneView = 'full' | 'masked';

export function attendee(a: AttendeeWithPlace, phones: PhoneView): RegistrationAttendee {
  return {
    id: a.id,
    name: a.name,
    position: a.position,
    mobile: phones === 'full' ? a.mobile : maskPhone(a.mobile),
    status: a.status,
    waitlistPosition: a.waitlistPosition,
    promotedAt: iso(a.promotedAt),
    cancelledAt: iso(a.cancelledAt),
    checkedInAt: iso(a.checkedInAt),
  };
}

export const pageUrl = (code: string) => `/forums/registration/#${formatCode(code)}`;
export const calendarUrl = (code: string) => `/api/registrations/${formatCode(code)}/calendar.ics`;

export function registrationDetail(
  r: RegistrationWithAttendees,
  event: EventWithCounts,
  phones: PhoneView,
  now: Date,
): RegistrationDetail {
  return {
    code: formatCode(r.code),
    createdAt: r.createdAt.toISOString(),
    enterpriseName: r.enterpriseName,
    event: eventSummary(event, now),
    attendees: r.attendees.map((a) => attendee(a, phones)),
    cancellable:
      phones === 'full' &&
      now < event.startsAt &&
      r.attendees.some((a) => a.status !== 'cancelled' && !a.checkedInAt),
    calendarUrl: calendarUrl(r.code),
    pageUrl: pageUrl(r.code),
  };
}

export function rosterItem(r: RosterRow) {
  return {
    ...attendee(r, 'full'),
    seq: r.seq,
    enterpriseName: r.enterpriseName,
    uscc: r.uscc,
    code: formatCode(r.code),
    registeredAt: r.registeredAt.toISOString(),
  };
}
