/**
 * Shapes of the API's JSON answers, shared by the islands that call it. Requests are described by the zod
 * schemas next to them (filing-form.ts, fields.ts) and by /api/openapi.json.
 */

import type { EligibilityResult } from './eligibility.ts';
import type { AttachmentKind, FilingDraft } from './filing-form.ts';
import type { FilingAction, FilingStatus, Role } from './filing-status.ts';

/** Every error: HTTP 4xx/5xx with this body. `fields` maps a field path (e.g. `experiences.0.from`) to a message. */
export type ApiErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

export type Me = {
  id: string;
  role: Role;
  login: string;
  displayName: string;
  /** City code of a city reviewer, or of the enterprise. */
  city: string | null;
  enterprise: {
    id: string;
    name: string;
    uscc: string;
    type: string;
    grade: string | null;
    city: string;
    contactName: string;
    contactPhone: string;
  } | null;
};

export type AttachmentInfo = {
  id: string;
  kind: AttachmentKind;
  fileName: string;
  contentType: string;
  size: number;
  uploadedAt: string;
  /** GET this URL to download (Content-Disposition: attachment). */
  url: string;
};

export type AuditEvent = {
  at: string;
  actorName: string;
  actorRole: Role;
  action: string;
  from: FilingStatus | null;
  to: FilingStatus | null;
  reason: string | null;
};

export type TrainingRecord = {
  onlineHours: number;
  attempts: { date: string; passed: boolean; certificateNo: string | null }[];
};

export type FilingSummary = {
  id: string;
  kind: 'new' | 'change';
  status: FilingStatus;
  filingNo: string | null;
  enterpriseName: string;
  uscc: string;
  enterpriseType: string;
  city: string;
  cqoName: string | null;
  submittedAt: string | null;
  updatedAt: string;
};

export type FilingDetail = FilingSummary & {
  grade: string | null;
  form: FilingDraft;
  /** Masked 身份证号 (e.g. 220***********1234), or null when none entered yet. */
  idNumberMasked: string | null;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  eligibility: EligibilityResult;
  /** Per-field reasons of the last return, keyed like the form's field paths; shown beside those fields. */
  returnReasons: Record<string, string>;
  returnNote: string | null;
  attachments: AttachmentInfo[];
  training: TrainingRecord;
  recognizedAt: string | null;
  deregisteredAt: string | null;
  deregistrationRequested: boolean;
  /** What the current user may do now. */
  actions: FilingAction[];
  /** Audit history, for reviewers only (empty for enterprises). */
  history: AuditEvent[];
};

export type FilingList = {
  items: FilingSummary[];
  total: number;
  page: number;
  pageSize: number;
  counts: Partial<Record<FilingStatus, number>>;
};
