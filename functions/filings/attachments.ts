/**
 * Attachments of a filing: checked by content, stored in the host's file store, served only to those allowed.
 * Every upload and deletion is an audit event. Once a filing has been submitted, a reviewer may have relied on
 * its files, so deleting one only hides it from the enterprise: the row and the file stay, and reviewers still
 * see and download it, marked deleted. Before the first submission nobody but the enterprise has seen the files,
 * and a deleted one is removed for good (personal data not kept without a purpose).
 */
import {
  deleteAttachment,
  findAttachment,
  insertAttachment,
  listAttachments,
  softDeleteAttachment,
} from '../../db/queries/filings/attachments.ts';
import type { AttachmentInfo } from '../../src/shared/filings/answers.ts';
import { type AttachmentKind, attachmentKinds } from '../../src/shared/filings/form.ts';
import type { Deps, SignedIn } from '../deps.ts';
import { extensionOf, MAX_ATTACHMENT_BYTES, sniffContentType } from '../files/sniff.ts';
import { ok, type Refusal, type Result, refuse } from '../result.ts';
import { historyEntry } from './history.ts';
import { getVisibleRow } from './load.ts';
import { attachmentInfo } from './present.ts';
import { isReviewer, uploadKinds } from './rules.ts';

const MAX_FILES_PER_FILING = 40;
/** Deleted files are kept after submission; this bounds what repeated upload-and-delete can pile up. */
const MAX_FILES_KEPT = 120;

const kindName = (kind: string) => attachmentKinds.find((k) => k.code === kind)?.name ?? kind;

/** Why `me` may not add or remove a `kind` file on this filing now (the caller may see the filing). */
function refusal(me: SignedIn, kind: AttachmentKind, verb: '上传' | '删除'): Refusal {
  if (isReviewer(me)) {
    return refuse(
      403,
      'forbidden',
      me.role === 'market_regulation'
        ? `审核人员不能${verb}企业的备案材料；省市场监督管理厅可以在培训开始后${verb}培训证明`
        : `审核人员不能${verb}企业的备案材料。需要企业补充或更换的，请“退回修改”并写明意见`,
    );
  }
  return refuse(
    409,
    'not_editable',
    kind === 'training'
      ? `该备案已提交，现在不能${verb}附件；培训证明可以在复审通过、等待培训或培训合格后${verb}`
      : `该备案已提交，不能再${verb}附件`,
  );
}

const noFile = refuse(404, 'not_found', '未找到该附件');

export async function addAttachment(
  deps: Deps,
  me: SignedIn,
  filingId: string,
  kind: AttachmentKind,
  file: File,
): Promise<Result<AttachmentInfo>> {
  const found = await getVisibleRow(deps, me, filingId);
  if (!found.ok) return found;
  if (!uploadKinds(me, found.value).includes(kind)) return refusal(me, kind, '上传');
  if (file.size > MAX_ATTACHMENT_BYTES)
    return refuse(413, 'too_large', `文件“${file.name}”超过 10 MB，请压缩或分页扫描后再上传`);
  if (file.size === 0) return refuse(422, 'empty', `文件“${file.name}”是空文件，请重新选择`);
  const existing = await listAttachments(deps.db, filingId);
  if (
    existing.filter((a) => !a.deletedAt).length >= MAX_FILES_PER_FILING ||
    existing.length >= MAX_FILES_KEPT
  ) {
    return refuse(
      422,
      'too_many',
      `每份备案最多上传 ${MAX_FILES_PER_FILING} 个附件，请删除不需要的文件；如仍无法上传，请联系审核部门`,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffContentType(bytes);
  if (!type) return refuse(415, 'bad_type', `文件“${file.name}”不是 PDF、JPEG 或 PNG 格式，请转换后再上传`);
  const id = crypto.randomUUID();
  const storageKey = `filings/${filingId}/${id}.${extensionOf[type]}`;
  await deps.files.put(storageKey, bytes, type);
  const row = {
    id,
    filingId,
    kind,
    fileName: cleanName(file.name, type),
    contentType: type,
    size: bytes.length,
    storageKey,
    uploadedAt: deps.now(),
    deletedAt: null,
  };
  await insertAttachment(
    deps.db,
    row,
    historyEntry(
      me,
      filingId,
      'attachment_upload',
      row.uploadedAt,
      null,
      null,
      `${kindName(kind)}：${row.fileName}`,
    ),
  );
  return ok(attachmentInfo(row));
}

/** Keeps the user's file name readable but safe for a Content-Disposition header, with the real extension. */
function cleanName(name: string, type: keyof typeof extensionOf) {
  const unsafe = '\\/:*?"<>|';
  const cleaned = [...name.replace(/\.[^.]*$/, '')]
    .map((ch) => (ch.charCodeAt(0) < 32 || unsafe.includes(ch) ? '_' : ch))
    .join('');
  const base = cleaned.slice(0, 80) || '附件';
  return `${base}.${extensionOf[type]}`;
}

export async function removeAttachment(
  deps: Deps,
  me: SignedIn,
  filingId: string,
  id: string,
): Promise<Result<null>> {
  const found = await getVisibleRow(deps, me, filingId);
  if (!found.ok) return found;
  const filing = found.value;
  const file = await findAttachment(deps.db, filingId, id);
  if (!file || file.deletedAt) return noFile;
  const kind = file.kind as AttachmentKind;
  if (!uploadKinds(me, filing).includes(kind)) return refusal(me, kind, '删除');
  const now = deps.now();
  const reason = `${kindName(kind)}：${file.fileName}`;
  const event = historyEntry(me, filingId, 'attachment_delete', now, null, null, reason);
  if (filing.submittedAt) {
    if (!(await softDeleteAttachment(deps.db, filingId, id, event))) return noFile;
  } else {
    await deleteAttachment(deps.db, filingId, id, event);
    await deps.files.delete(file.storageKey);
  }
  return ok(null);
}

export async function openAttachment(deps: Deps, me: SignedIn, filingId: string, id: string) {
  const found = await getVisibleRow(deps, me, filingId);
  if (!found.ok) return found;
  const file = await findAttachment(deps.db, filingId, id);
  // A file deleted after submission is kept for the reviewers only.
  const visible = file && (!file.deletedAt || isReviewer(me));
  const stored = file && visible ? await deps.files.get(file.storageKey) : null;
  if (!file || !stored) return noFile;
  return ok({ file, stored });
}
