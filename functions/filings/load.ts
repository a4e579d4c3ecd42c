/** Loading a filing for someone: only one they may see, and presented with its files and history. */

import { listAttachments } from '../../db/queries/filings/attachments.ts';
import { listEvents } from '../../db/queries/filings/filing-events.ts';
import { type FilingRow, findFiling } from '../../db/queries/filings/filings.ts';
import type { FilingDetail } from '../../src/shared/filings/answers.ts';
import type { Deps, SignedIn } from '../deps.ts';
import { ok, type Result, refuse } from '../result.ts';
import { detail } from './present.ts';
import { canSee } from './rules.ts';

/** Also the answer to a filing one may not see: its existence is not revealed. */
export const notFound = refuse(404, 'not_found', '未找到该备案，或您无权查看');

export const changed = refuse(409, 'changed', '该备案刚刚被他人处理过，请刷新后查看最新状态');

/** Loads a filing the caller may see, or the 404 refusal. */
export async function getVisibleRow(deps: Deps, me: SignedIn, id: string): Promise<Result<FilingRow>> {
  const filing = await findFiling(deps.db, id);
  if (!filing || !canSee(me, filing)) return notFound;
  return ok(filing);
}

export async function present(deps: Deps, me: SignedIn, filing: FilingRow): Promise<FilingDetail> {
  const [files, events] = await Promise.all([
    listAttachments(deps.db, filing.id),
    listEvents(deps.db, filing.id),
  ]);
  return detail(me, filing, files, events, deps.now());
}
