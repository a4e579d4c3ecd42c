/** Turns stored filings into what a caller may see: masked identifiers, no ciphertexts, history for reviewers. */
import type { AttachmentRow, FilingEventRow, FilingRow } from '../../db/queries/filings.ts';
import type { AttachmentInfo, FilingDetail, FilingSummary } from '../../src/shared/api-types.ts';
import type { AttachmentKind } from '../../src/shared/filing-form.ts';
import { eligibilityOf, type FilingDraft } from '../../src/shared/filing-form.ts';
import type { FilingStatus, Role } from '../../src/shared/filing-status.ts';
import type { SignedIn } from '../deps.ts';
import { allowedActions, isReviewer } from './rules.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function summarize(f: FilingRow): FilingSummary {
  return {
    id: f.id,
    kind: f.kind,
    status: f.status as FilingStatus,
    filingNo: f.filingNo,
    enterpriseName: f.enterpriseName,
    uscc: f.uscc,
    enterpriseType: f.enterpriseType,
    city: f.city,
    cqoName: f.cqoName ?? ((f.form as FilingDraft).cqoName || null),
    submittedAt: iso(f.submittedAt),
    updatedAt: f.updatedAt.toISOString(),
  };
}

export function attachmentInfo(a: AttachmentRow): AttachmentInfo {
  return {
    id: a.id,
    kind: a.kind as AttachmentKind,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    uploadedAt: a.uploadedAt.toISOString(),
    url: `/api/filings/${a.filingId}/attachments/${a.id}`,
  };
}

export function detail(
  me: SignedIn,
  f: FilingRow,
  files: AttachmentRow[],
  events: FilingEventRow[],
  today: Date,
): FilingDetail {
  const form = f.form as FilingDraft;
  return {
    ...summarize(f),
    grade: f.grade,
    form,
    idNumberMasked: f.idMasked,
    birthDate: f.birthDate,
    sex: (f.sex as 'male' | 'female' | null) ?? null,
    eligibility: eligibilityOf(form, today),
    returnReasons: f.returnReasons ?? {},
    returnNote: f.returnNote,
    attachments: files.map(attachmentInfo),
    training: f.training,
    recognizedAt: iso(f.recognizedAt),
    deregisteredAt: iso(f.deregisteredAt),
    deregistrationRequested: f.deregistrationRequested,
    actions: allowedActions(me, f),
    history: isReviewer(me)
      ? events.map((e) => ({
          at: e.at.toISOString(),
          actorName: e.actorName,
          actorRole: e.actorRole as Role,
          action: e.action,
          from: e.fromStatus as FilingStatus | null,
          to: e.toStatus as FilingStatus | null,
          reason: e.reason,
        }))
      : [],
  };
}
