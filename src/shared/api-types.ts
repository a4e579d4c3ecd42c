/**
 * Shapes of the API's JSON answers as zod schemas: the islands use the inferred types, and /api/openapi.json
 * documents the answers from these same schemas. Requests are described by the schemas of each route.
 */
import { z } from 'zod';
import { attachmentKindCodes, filingDraft } from './filing-form.ts';
import { filingActions, filingStatusCodes, roleCodes } from './filing-status.ts';

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
    deregistrationRequested: z.boolean(),
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
  })
  .meta({ id: 'FilingList' });
export type FilingList = Omit<z.infer<typeof filingList>, 'counts'> & {
  counts: Partial<Record<import('./filing-status.ts').FilingStatus, number>>;
};
