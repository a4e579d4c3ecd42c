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
import { attachmentInfo } from './present.ts';
import { isReviewer, uploadKinds } from './rules.ts';
import { getVisibleRow, type Refusal, type Result } from './service.ts';

const MAX_FILES_PER_FILING = 40;
/** Deleted files are kept after submission; this bounds what repeated upload-and-delete can pile up. */
const MAX_FILES_KEPT = 120;

const kindName = (kind: string) => attachmentKinds.find((k) => k.code === kind)?.name ?? kind;

/** Why `me` may not add or remove a `kind` file on this filing now (the caller may see the filing). */
function refusal(me: SignedIn, kind: AttachmentKind, verb: '上传' | '删除'): Refusal {
  if (isReviewer(me)) {
    return {
      ok: false,
      status: 403,
      code: 'forbidden',
      message:
        me.role === 'market_regulation'
          ? `审核人员不能${verb}企业的备案材料；省市场监督管理厅可以在培训开始后${verb}培训证明`
          : `审核人员不能${verb}企业的备案材料。需要企业补充或更换的，请“退回修改”并写明意见`,
    };
  }
  return {
    ok: false,
    status: 409,
    code: 'not_editable',
    message:
      kind === 'training'
        ? `该备案已提交，现在不能${verb}附件；培训证明可以在复审通过、等待培训或培训合格后${verb}`
        : `该备案已提交，不能再${verb}附件`,
  };
}

function auditEvent(me: SignedIn, filingId: string, action: string, at: Date, reason: string) {
  return {
    filingId,
    at,
    actorId: me.id,
    actorName: me.displayName,
    actorRole: me.role,
    action,
    fromStatus: null,
    toStatus: null,
    reason,
  };
}

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
  if (file.size > MAX_ATTACHMENT_BYTES) {
    return {
      ok: false,
      status: 413,
      code: 'too_large',
      message: `文件“${file.name}”超过 10 MB，请压缩或分页扫描后再上传`,
    };
  }
  if (file.size === 0)
    return { ok: false, status: 422, code: 'empty', message: `文件“${file.name}”是空文件，请重新选择` };
  const existing = await listAttachments(deps.db, filingId);
  if (
    existing.filter((a) => !a.deletedAt).length >= MAX_FILES_PER_FILING ||
    existing.length >= MAX_FILES_KEPT
  ) {
    return {
      ok: false,
      status: 422,
      code: 'too_many',
      message: `每份备案最多上传 ${MAX_FILES_PER_FILING} 个附件，请删除不需要的文件；如仍无法上传，请联系审核部门`,
    };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffContentType(bytes);
  if (!type) {
    return {
      ok: false,
      status: 415,
      code: 'bad_type',
      message: `文件“${file.name}”不是 PDF、JPEG 或 PNG 格式，请转换后再上传`,
    };
  }
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
    auditEvent(me, filingId, 'attachment_upload', row.uploadedAt, `${kindName(kind)}：${row.fileName}`),
  );
  return { ok: true, value: attachmentInfo(row) };
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
  if (!file || file.deletedAt) return { ok: false, status: 404, code: 'not_found', message: '未找到该附件' };
  const kind = file.kind as AttachmentKind;
  if (!uploadKinds(me, filing).includes(kind)) return refusal(me, kind, '删除');
  const now = deps.now();
  const event = auditEvent(me, filingId, 'attachment_delete', now, `${kindName(kind)}：${file.fileName}`);
  if (filing.submittedAt) {
    if (!(await softDeleteAttachment(deps.db, filingId, id, event)))
      return { ok: false, status: 404, code: 'not_found', message: '未找到该附件' };
  } else {
    await deleteAttachment(deps.db, filingId, id, event);
    await deps.files.delete(file.storageKey);
  }
  return { ok: true, value: null };
}

export async function openAttachment(deps: Deps, me: SignedIn, filingId: string, id: string) {
  const found = await getVisibleRow(deps, me, filingId);
  if (!found.ok) return found;
  const file = await findAttachment(deps.db, filingId, id);
  // A file deleted after submission is kept for the reviewers only.
  const visible = file && (!file.deletedAt || isReviewer(me));
  const stored = file && visible ? await deps.files.get(file.storageKey) : null;
  if (!file || !stored)
    return { ok: false as const, status: 404 as const, code: 'not_found', message: '未找到该附件' };
  return { ok: true as const, value: { file, stored } };
}
