/**
 * Shapes of the API's JSON answers as zod schemas: the islands use the inferred types, and /api/openapi.json
 * documents the answers from these same schemas. Requests are described by the schemas of each route.
 */
import { z } from 'zod';
import { registrationWindows } from './event-labels.ts';
import { attendeeStatus, eventCity, eventKind } from './events.ts';
import { attachmentKindCodes, filingDraft } from './filing-form.ts';
import { filingActions, filingStatusCodes, roleCodes } from './filing-status.ts';
import { cityCodes, enterpriseTypeCodes } from './labels.ts';

const status = z.enum(filingStatusCodes);
const role = z.enum(roleCodes);
const isoTime = z.string().meta({ format: 'date-time' });

/** Every error: HTTP 4xx/5xx with this body. `fields` maps a field path (e.g. `experiences.0.from`) to a message. */
export const apiErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string().meta({ description: '给用户看的中文说明' }),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: 'ApiError' });
export type ApiErrorBody = z.infer<typeof apiErrorBody>;

export const me = z
  .object({
    id: z.string(),
    role,
    login: z.string(),
    displayName: z.string(),
    /** City code of a city reviewer, or of the enterprise. */
    city: z.string().nullable(),
    /** The account's password was set by someone else: every other action waits until the holder changes it. */
    mustChangePassword: z.boolean(),
    enterprise: z
      .object({
        id: z.string(),
        name: z.string(),
        uscc: z.string(),
        type: z.string(),
        grade: z.string().nullable(),
        city: z.string(),
        contactName: z.string(),
        contactPhone: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof me>;

export const attachmentInfo = z
  .object({
    id: z.string(),
    kind: z.enum(attachmentKindCodes),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number(),
    uploadedAt: isoTime,
    /** GET this URL to download (Content-Disposition: attachment). */
    url: z.string(),
    /**
     * When the enterprise deleted it after the filing had been submitted: such files are kept for the reviewers
     * (who see them with this time) and no longer shown to the enterprise.
     */
    deletedAt: isoTime.nullable(),
  })
  .meta({ id: 'Attachment' });
export type AttachmentInfo = z.infer<typeof attachmentInfo>;

export const auditEvent = z.object({
  at: isoTime,
  actorName: z.string(),
  actorRole: role,
  action: z.string(),
  from: status.nullable(),
  to: status.nullable(),
  reason: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEvent>;

export const trainingRecord = z.object({
  onlineHours: z.number(),
  attempts: z.array(
    z.object({ date: z.string(), passed: z.boolean(), certificateNo: z.string().nullable() }),
  ),
});
export type TrainingRecord = z.infer<typeof trainingRecord>;

export const filingSummary = z
  .object({
    id: z.string(),
    kind: z.enum(['new', 'change']),
    status,
    filingNo: z.string().nullable(),
    enterpriseName: z.string(),
    uscc: z.string(),
    enterpriseType: z.string(),
    city: z.string(),
    cqoName: z.string().nullable(),
    submittedAt: isoTime.nullable(),
    updatedAt: isoTime,
    /** The enterprise asked for the CQO's deregistration (market regulation handles it). */
    deregistrationRequested: z.boolean(),
  })
  .meta({ id: 'FilingSummary' });
export type FilingSummary = z.infer<typeof filingSummary>;

const eligibility = z.object({
  eligible: z.boolean(),
  rules: z.array(
    z.object({
      rule: z.enum(['degree', 'qualification', 'experience']),
      met: z.boolean(),
      title: z.string(),
      detail: z.string(),
      next: z.string().optional(),
    }),
  ),
  experienceMonths: z.number(),
});

export const filingDetail = filingSummary
  .extend({
    grade: z.string().nullable(),
    form: filingDraft,
    /** Masked 身份证号 (e.g. 220***********1234), or null when none entered yet. */
    idNumberMasked: z.string().nullable(),
    birthDate: z.string().nullable(),
    sex: z.enum(['male', 'female']).nullable(),
    eligibility,
    /** Per-field reasons of the last return, keyed like the form's field paths; shown beside those fields. */
    returnReasons: z.record(z.string(), z.string()),
    returnNote: z.string().nullable(),
    attachments: z.array(attachmentInfo),
    training: trainingRecord,
    recognizedAt: isoTime.nullable(),
    deregisteredAt: isoTime.nullable(),
    /** Whether the CQO's name may be shown in the public lookup (withdrawable at any time). */
    publishConsent: z.boolean(),
    /**
     * Why the filing ended, for a rejected (不予通过), deregistered or superseded filing: the reason recorded
     * with that decision, shown to the enterprise too. Null in every other state.
     */
    decision: z
      .object({
        action: z.enum(['city_reject', 'deregister', 'supersede']),
        at: isoTime,
        actorRole: role,
        reason: z.string().nullable(),
      })
      .nullable(),
    /** Attachment kinds the current user may upload (or delete) now. */
    uploadKinds: z.array(z.enum(attachmentKindCodes)),
    /** What the current user may do now. */
    actions: z.array(z.enum(filingActions.map((a) => a.code) as [string, ...string[]])),
    /** Audit history, for reviewers only (empty for enterprises). */
    history: z.array(auditEvent),
  })
  .meta({ id: 'FilingDetail' });
export type FilingDetail = Omit<z.infer<typeof filingDetail>, 'actions'> & {
  actions: import('./filing-status.ts').FilingAction[];
};

export const filingList = z
  .object({
    items: z.array(filingSummary),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
    counts: z.record(z.string(), z.number()),
    /** Recognized filings (matching the search and city) whose enterprise asked for deregistration. */
    deregistrationRequests: z.number(),
  })
  .meta({ id: 'FilingList' });
export type FilingList = Omit<z.infer<typeof filingList>, 'counts'> & {
  counts: Partial<Record<import('./filing-status.ts').FilingStatus, number>>;
};

// ——— The public registry (公开查询): public fields only, never 身份证号, birth date, phone, e-mail or notes. ———

/** One listed CQO. Dates are China-time calendar days (YYYY-MM-DD). */
export const publicCqo = z
  .object({
    filingNo: z.string().meta({ description: '备案编号' }),
    name: z.string().nullable().meta({ description: '姓名；本人未同意公开时为 null' }),
    enterpriseName: z.string(),
    uscc: z.string().meta({ description: '统一社会信用代码' }),
    enterpriseType: z.enum(enterpriseTypeCodes),
    grade: z.string().nullable(),
    city: z.enum(cityCodes),
    recognizedAt: z.string().meta({ description: '认定日期 YYYY-MM-DD' }),
    status: z.enum(['valid', 'deregistered']).meta({ description: 'valid 有效；deregistered 已注销' }),
    deregisteredAt: z.string().nullable().meta({ description: '注销日期 YYYY-MM-DD；有效时为 null' }),
  })
  .meta({ id: 'PublicCqo' });
export type PublicCqo = z.infer<typeof publicCqo>;

/**
 * One record as `GET /api/cqos/{filingNo}` answers it: a listed CQO, a valid one whose CQO did not consent to
 * publication (name null, not listed), or a superseded one (已变更: its date, and the enterprise's current public
 * 备案编号 when there is one).
 */
export const cqoRecord = publicCqo
  .extend({
    status: z
      .enum(['valid', 'deregistered', 'superseded'])
      .meta({ description: 'valid 有效；deregistered 已注销；superseded 已变更（已由该企业新的备案替换）' }),
    supersededAt: z.string().nullable().meta({ description: '变更日期 YYYY-MM-DD；未变更时为 null' }),
    currentFilingNo: z
      .string()
      .nullable()
      .meta({ description: '已变更时：该企业现在公开的备案编号；没有公开的备案时为 null' }),
  })
  .meta({ id: 'CqoRecord' });
export type CqoRecord = z.infer<typeof cqoRecord>;

export const publicCqoList = z
  .object({ items: z.array(publicCqo), total: z.number(), page: z.number(), pageSize: z.number() })
  .meta({ id: 'PublicCqoList' });
export type PublicCqoList = z.infer<typeof publicCqoList>;

/** Currently valid CQOs by 市州 and type (every code, zeros included); recognitions in each of the last 24 months. */
export const registryStats = z
  .object({
    total: z.number(),
    byCity: z.array(z.object({ city: z.enum(cityCodes), count: z.number() })),
    byType: z.array(z.object({ type: z.enum(enterpriseTypeCodes), count: z.number() })),
    byMonth: z.array(z.object({ month: z.string().meta({ description: 'YYYY-MM' }), count: z.number() })),
  })
  .meta({ id: 'RegistryStats' });
export type RegistryStats = z.infer<typeof registryStats>;

/** The whole public registry as open data (`/api/open-data/cqos.json`). */
export const openDataRegistry = z
  .object({
    generatedAt: z.string().meta({ format: 'date-time' }),
    licence: z.string(),
    count: z.number(),
    items: z.array(publicCqo),
  })
  .meta({ id: 'OpenDataRegistry' });
export type OpenDataRegistry = z.infer<typeof openDataRegistry>;

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
