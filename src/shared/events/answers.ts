/** Shapes of the events API's answers (zod): the islands use the inferred types, OpenAPI documents them. */
import { z } from 'zod';
import { isoTime } from '../api-error.ts';
import { registrationWindows } from './labels.ts';
import { attendeeStatus, eventCity, eventKind } from './schemas.ts';

/** An event with its rules and live seat counts, as everyone sees it (GET /api/events). */
export const eventSummary = z
  .object({
    slug: z.string().meta({ description: '与活动公告 /forums/{slug}/ 相同' }),
    title: z.string(),
    kind: eventKind,
    city: eventCity,
    venue: z.string(),
    organizer: z.string(),
    startsAt: isoTime,
    endsAt: isoTime,
    capacity: z.number().meta({ description: '总席位数' }),
    maxPerEnterprise: z.number().meta({ description: '每家企业最多报名人数（已确认 + 候补）' }),
    registrationOpens: isoTime,
    registrationCloses: isoTime,
    confirmed: z.number(),
    waitlisted: z.number(),
    seatsLeft: z.number(),
    window: z.enum(registrationWindows).meta({ description: 'upcoming 未开始，open 报名中，closed 已截止' }),
    sample: z.boolean(),
    updatedAt: isoTime.meta({ description: '最后修改时间；修改活动（PUT）时原样带回，用于发现他人同时修改' }),
  })
  .meta({ id: 'Event' });
export type EventSummary = z.infer<typeof eventSummary>;

export const eventList = z.object({ items: z.array(eventSummary) }).meta({ id: 'EventList' });
export type EventList = z.infer<typeof eventList>;

export const registrationAttendee = z.object({
  id: z.string(),
  name: z.string(),
  position: z.string(),
  mobile: z.string().meta({ description: '报名企业和管理员看到完整号码，其他人看到脱敏号码（138****5678）' }),
  status: attendeeStatus,
  /** 1 for the first in line; null unless waitlisted. */
  waitlistPosition: z.number().nullable(),
  promotedAt: isoTime.nullable(),
  cancelledAt: isoTime.nullable(),
  checkedInAt: isoTime.nullable(),
});
export type RegistrationAttendee = z.infer<typeof registrationAttendee>;

export const registrationDetail = z
  .object({
    code: z.string().meta({ description: '确认码，分组显示，如 ABCD-EFGH-JKLM-NPQR' }),
    createdAt: isoTime,
    enterpriseName: z.string(),
    event: eventSummary,
    attendees: z.array(registrationAttendee),
    /**
     * Whether the viewer may cancel attendees now: the registering enterprise or an organizer, until the event
     * starts. Holding the code alone lets one view, print and check in, not cancel.
     */
    cancellable: z.boolean(),
    /** The .ics calendar file of this registration. */
    calendarUrl: z.string(),
    /** The printable confirmation page. */
    pageUrl: z.string(),
  })
  .meta({ id: 'Registration' });
export type RegistrationDetail = z.infer<typeof registrationDetail>;

export const registrationList = z
  .object({ items: z.array(registrationDetail) })
  .meta({ id: 'RegistrationList' });
export type RegistrationList = z.infer<typeof registrationList>;

/** The answer to a cancellation or a check-in: the registration as it is now, and what changed. */
export const registrationChange = z
  .object({
    registration: registrationDetail,
    /** Attendees of this registration cancelled or checked in by this request. */
    changed: z.number(),
    /** Waitlisted attendees (of any enterprise) who got the freed seats. */
    promoted: z.number(),
  })
  .meta({ id: 'RegistrationChange' });
export type RegistrationChange = z.infer<typeof registrationChange>;

export const roster = z
  .object({
    event: eventSummary,
    counts: z.object({
      confirmed: z.number(),
      waitlisted: z.number(),
      cancelled: z.number(),
      checkedIn: z.number(),
    }),
    items: z.array(
      registrationAttendee.extend({
        seq: z.number().meta({ description: '报名先后顺序' }),
        enterpriseName: z.string(),
        uscc: z.string(),
        code: z.string(),
        registeredAt: isoTime,
      }),
    ),
  })
  .meta({ id: 'Roster' });
export type Roster = z.infer<typeof roster>;
