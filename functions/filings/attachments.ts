/** Attachments of a filing: checked by content, stored in the host's file store, served only to those allowed. */
import {
  deleteAttachment,
  findAttachment,
  insertAttachment,
  listAttachments,
} from '../../db/queries/filings.ts';
import type { AttachmentInfo } from '../../src/shared/api-types.ts';
import type { AttachmentKind } from '../../src/shared/filing-form.ts';
import type { Deps, SignedIn } from '../deps.ts';
import { extensionOf, MAX_ATTACHMENT_BYTES, sniffContentType } from '../files/sniff.ts';
import { attachmentInfo } from './present.ts';
import { canEdit } from './rules.ts';
import { getVisibleRow, type Result } from './service.ts';

const MAX_FILES_PER_FILING = 40;

export async function addAttachment(
  deps: Deps,
  me: SignedIn,
  filingId: string,
  kind: AttachmentKind,
  file: File,
): Promise<Result<AttachmentInfo>> {
  const found = await getVisibleRow(deps, me, filingId);
  if (!found.ok) return found;
  if (!canEdit(me, found.value))
    return { ok: false, status: 409, code: 'not_editable', message: '该备案已提交，不能再上传附件' };
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
  if ((await listAttachments(deps.db, filingId)).length >= MAX_FILES_PER_FILING) {
    return {
      ok: false,
      status: 422,
      code: 'too_many',
      message: `每份备案最多上传 ${MAX_FILES_PER_FILING} 个附件，请删除不需要的文件`,
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
  };
  await insertAttachment(deps.db, row);
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
  if (!canEdit(me, found.value))
    return { ok: false, status: 409, code: 'not_editable', message: '该备案已提交，不能再删除附件' };
  const file = await findAttachment(deps.db, filingId, id);
  if (!file) return { ok: false, status: 404, code: 'not_found', message: '未找到该附件' };
  await deleteAttachment(deps.db, filingId, id);
  await deps.files.delete(file.storageKey);
  return { ok: true, value: null };
}

export async function openAttachment(deps: Deps, me: SignedIn, filingId: string, id: string) {
  const found = await getVisibleRow(deps, me, filingId);
  if (!found.ok) return found;
  const file = await findAttachment(deps.db, filingId, id);
  const stored = file ? await deps.files.get(file.storageKey) : null;
  if (!file || !stored)
    return { ok: false as const, status: 404 as const, code: 'not_found', message: '未找到该附件' };
  return { ok: true as const, value: { file, stored } };
}
