/** Shapes of the filings API's answers (zod): the islands use the inferred types, OpenAPI documents them. */
import { z } from 'zod';
import { isoTime } from '../api-error.ts';
import { attachmentKindCodes, filingDraft } from './form.ts';
import {
  type FilingAction,
  type FilingStatus,
  filingActions,
  filingStatusCodes,
  roleCodes,
} from './status.ts';

const status = z.enum(filingStatusCodes);
const role = z.enum(roleCodes);

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
    /**
     * Replaced: the filing was submitted with this file, and files of the same kind were uploaded for a later
     * submission (after a return). Kept for the record; the newer files are the ones that count.
     */
    replaced: z.boolean(),
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
    z.object({
      date: z.string(),
      passed: z.boolean(),
      certificateNo: z.string().nullable(),
      /** The online hours when this result was recorded; absent in records made before they were kept. */
      onlineHours: z.number().optional(),
    }),
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
  actions: FilingAction[];
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
  counts: Partial<Record<FilingStatus, number>>;
};

// ——— The public registry (公开查询): public fields only, never 身份证号, birth date, phone, e-mail or notes. ———
