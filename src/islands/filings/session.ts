/**
 * What the 备案登记表 page knows during this visit, shared by its modules: the filing as last saved, the problems
 * that would still block submission, the step shown and whether anything typed is not yet saved.
 */
import type { FilingDetail } from '../../shared/filings/answers.ts';
import { queryId } from '../lib/account-ui.ts';
import type { setupAttachments } from './attachments.ts';
import type { FormContext } from './fields.ts';

export const STEPS = 8;
export const filingId = queryId();

type Session = {
  /** The filing as the server last answered; load() sets it before any step is shown. */
  filing: FilingDetail;
  ctx: FormContext;
  attachments: ReturnType<typeof setupAttachments> | undefined;
  /** What would still block submission, from the last save; null until the first save of this visit. */
  problems: Record<string, string> | null;
  /** Set when files changed since that save (uploads are not saves). */
  problemsStale: boolean;
  current: number;
  edits: number;
  savedEdits: number;
  /** Set once submitted, so the browser does not ask about unsaved changes while it moves on. */
  leaving: boolean;
  /** Steps the user has saved or left: their problems are shown as hints when they come back. */
  visited: Set<number>;
};

export const session: Session = {
  filing: null as unknown as FilingDetail,
  ctx: { gradeApplies: false, licenseApplies: false },
  attachments: undefined,
  problems: null,
  problemsStale: false,
  current: 0,
  edits: 0,
  savedEdits: 0,
  leaving: false,
  visited: new Set<number>(),
};

export const isDirty = () => session.edits !== session.savedEdits;
/** The filing's path parameter for the API client (`client.api.filings[':id']`). */
export const filingParam = () => ({ id: encodeURIComponent(filingId ?? '') });
