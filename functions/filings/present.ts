/** Turns stored filings into what a caller may see: masked identifiers, no ciphertexts, history for reviewers. */
import type { AttachmentRow } from '../../db/queries/filings/attachments.ts';
import type { FilingEventRow } from '../../db/queries/filings/filing-events.ts';
import type { FilingRow } from '../../db/queries/filings/filings.ts';
import type { AttachmentInfo, FilingDetail, FilingSummary } from '../../src/shared/filings/answers.ts';
import type { AttachmentKind } from '../../src/shared/filings/form.ts';
import { eligibilityOf, type FilingDraft } from '../../src/shared/filings/form.ts';
import type { FilingStatus, Role } from '../../src/shared/filings/status.ts';
import type { SignedIn } from '../deps.ts';
import { allowedActions, isReviewer, uploadKinds } from './rules.ts';

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
    deregistrationRequested: f.deregistrationRequested,
  };
}

export function attachmentInfo(a: AttachmentRow, replaced = false): AttachmentInfo {
  return {
    id: a.id,
    kind: a.kind as AttachmentKind,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    uploadedAt: a.uploadedAt.toISOString(),
    url: `/api/filings/${a.filingId}/attachments/${a.id}`,
    deletedAt: iso(a.deletedAt),
    replaced,
  };
}

/**
 * The files replaced by later ones: each submission closes a round of uploads, and a kind's files of an earlier
 * round are replaced once the kind has files of a later one (e.g. a 任命文件 uploaded again after a return).
 */
function replacedFiles(files: AttachmentRow[], events: FilingEventRow[]): Set<string> {
  const submissions = events.filter((e) => e.action === 'submit').map((e) => e.at.getTime());
  // A file uploaded in the same instant as a submission went with it.
  const round = (a: AttachmentRow) => submissions.filter((t) => t < a.uploadedAt.getTime()).length;
  const live = files.filter((a) => !a.deletedAt);
  const latest = new Map<string, number>();
  for (const a of live) latest.set(a.kind, Math.max(latest.get(a.kind) ?? 0, round(a)));
  return new Set(live.filter((a) => round(a) < (latest.get(a.kind) ?? 0)).map((a) => a.id));
}

/** The decision that ended the filing in each final state, whose recorded reason the enterprise is shown. */
const decidedBy: Partial<Record<string, 'city_reject' | 'deregister' | 'supersede'>> = {
  rejected: 'city_reject',
  deregistered: 'deregister',
  superseded: 'supersede',
};

function decisionOf(f: FilingRow, events: FilingEventRow[]): FilingDetail['decision'] {
  const action = decidedBy[f.status];
  const e = action ? events.findLast((x) => x.action === action) : undefined;
  if (!action || !e) return null;
  return { action, at: e.at.toISOString(), actorRole: e.actorRole as Role, reason: e.reason };
}

export function detail(
  me: SignedIn,
  f: FilingRow,
  files: AttachmentRow[],
  events: FilingEventRow[],
  today: Date,
): FilingDetail {
  const form = f.form as FilingDraft;
  const replaced = replacedFiles(files, events);
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
    // Files deleted after submission stay on record for the reviewers only.
    attachments: files
      .filter((a) => isReviewer(me) || !a.deletedAt)
      .map((a) => attachmentInfo(a, replaced.has(a.id))),
    training: f.training,
    recognizedAt: iso(f.recognizedAt),
    deregisteredAt: iso(f.deregisteredAt),
    publishConsent: f.publishConsent,
    decision: decisionOf(f, events),
    uploadKinds: uploadKinds(me, f),
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
