/**
 * Step 6 of the filing form: files per attachment kind. Each chosen file is checked in the browser (type by
 * name, ≤ 10 MB) and uploaded at once with its own progress bar; the server checks the content again.
 */

import type { AttachmentInfo } from '../../shared/filings/answers.ts';
import type { AttachmentKind } from '../../shared/filings/form.ts';
import { formatDay, formatFileSize } from '../../shared/formats.ts';
import { ApiFailure, call, upload } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { setFieldError } from '../lib/forms.ts';
import { fileStanding, newestFirst } from './answers.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const ALLOWED = /\.(pdf|jpe?g|png)$/i;
const ALLOWED_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png', '']);

/** Why a chosen file will not be uploaded (checked in the browser before sending), or null. */
export function refuseFile(file: File): string | null {
  if (!ALLOWED.test(file.name) || !ALLOWED_TYPES.has(file.type)) {
    return `“${file.name}”不是 PDF、JPG 或 PNG 文件，未上传。请转换格式后再上传。`;
  }
  if (file.size > MAX_FILE_BYTES) {
    return `“${file.name}”大小为 ${formatFileSize(file.size)}，超过 10 MB，未上传。请压缩或拆分成几个文件后再上传。`;
  }
  if (file.size === 0) return `“${file.name}”是空文件，未上传。`;
  return null;
}

type Options = {
  filingId: string;
  /** When the filing was last submitted (it came back since): files uploaded now replace the kind's older ones. */
  submittedAt: string | null;
  initial: AttachmentInfo[];
  /** Called after every upload or deletion with the current list. */
  onChange: (list: AttachmentInfo[]) => void;
  /** A 401 while uploading: the session ended. */
  onLoggedOut: () => void;
};

/** The files of the filing as this page knows them, and what to tell when they change. */
type Files = Omit<Options, 'initial'> & { list: AttachmentInfo[] };

const attachments = client.api.filings[':id'].attachments;

function announce(message: string) {
  const region = document.getElementById('attachment-announce');
  if (region) region.textContent = message;
}

/** Redraws the list of one kind's files. */
function render(files: Files, kind: string) {
  const box = document.querySelector<HTMLElement>(`.attachment[data-kind="${kind}"]`);
  const list = box?.querySelector<HTMLUListElement>('[data-files]');
  const empty = box?.querySelector<HTMLElement>('[data-empty]');
  if (!box || !list) return;
  const mine = newestFirst(files.list.filter((a) => a.kind === kind));
  list.replaceChildren(...mine.map((a) => fileItem(files, a, fileStanding(a, mine))));
  list.hidden = mine.length === 0;
  if (empty) empty.hidden = mine.length > 0;
}

function changed(files: Files, kind: string) {
  render(files, kind);
  files.onChange(files.list);
}

function fileItem(files: Files, a: AttachmentInfo, standing: string | null): HTMLLIElement {
  const remove = h(
    'button',
    { type: 'button', class: 'link' },
    '删除',
    h('span', { class: 'visually-hidden' }, `：${a.fileName}`),
  );
  remove.addEventListener('click', () => removeFile(files, a, remove));
  return h(
    'li',
    null,
    h('a', { href: a.url, download: a.fileName }, a.fileName),
    standing ? h('span', { class: 'tag' }, standing) : null,
    h('span', { class: 'meta' }, `${formatFileSize(a.size)}，${formatDay(a.uploadedAt)}上传`),
    remove,
  );
}

async function removeFile(files: Files, a: AttachmentInfo, button: HTMLButtonElement) {
  button.disabled = true;
  const param = { id: encodeURIComponent(files.filingId), attachmentId: encodeURIComponent(a.id) };
  try {
    await call(attachments[':attachmentId'].$delete({ param }));
    files.list = files.list.filter((x) => x.id !== a.id);
    changed(files, a.kind);
    announce(`已删除：${a.fileName}`);
    // The button is gone with its row: put focus somewhere sensible in the same block.
    document.getElementById(`attachments-${a.kind}`)?.focus();
  } catch (e) {
    button.disabled = false;
    if (e instanceof ApiFailure && e.status === 401) files.onLoggedOut();
    const input = document.getElementById(`attachments-${a.kind}`);
    if (input) setFieldError(input, `未能删除“${a.fileName}”：${(e as Error).message}`);
  }
}

/** Uploads one file with its progress bar; the problem in words if it fails, else null. */
async function uploadOne(files: Files, kind: AttachmentKind, file: File, uploads: HTMLElement) {
  const progress = h('progress', { max: 100, value: 0, 'aria-label': `正在上传：${file.name}` });
  const item = h('li', null, h('span', null, file.name), progress);
  uploads.append(item);
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file);
  try {
    const url = attachments.$url({ param: { id: encodeURIComponent(files.filingId) } });
    const saved = await upload<typeof attachments.$post>(url, form, (fraction) => {
      progress.value = Math.round(fraction * 100);
    });
    // As the server will say from now on: the kind's files sent with the last submission are replaced.
    const { submittedAt } = files;
    for (const a of files.list)
      if (a.kind === kind && submittedAt && a.uploadedAt < submittedAt) a.replaced = true;
    files.list.push(saved);
    changed(files, kind);
    return null;
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) files.onLoggedOut();
    return `“${file.name}”上传失败：${(e as Error).message}`;
  } finally {
    item.remove();
  }
}

/** Checks and uploads the files just chosen for one kind, then says what happened. */
async function uploadChosen(
  files: Files,
  kind: AttachmentKind,
  input: HTMLInputElement,
  uploads: HTMLElement,
) {
  const chosen = Array.from(input.files ?? []);
  if (chosen.length === 0) return;
  setFieldError(input, null);
  const problems: string[] = [];
  const accepted: File[] = [];
  for (const file of chosen) {
    const reason = refuseFile(file);
    if (reason) problems.push(reason);
    else accepted.push(file);
  }
  if (problems.length > 0) setFieldError(input, problems.join(' '));
  let done = 0;
  for (const file of accepted) {
    const failed = await uploadOne(files, kind, file, uploads);
    if (failed) problems.push(failed);
    else done++;
  }
  // Chosen files are either uploaded or refused: clearing lets the same file be chosen again after a fix.
  input.value = '';
  setFieldError(input, problems.length > 0 ? problems.join(' ') : null);
  announce(
    `${done > 0 ? `已上传 ${done} 个文件。` : ''}${problems.length > 0 ? `${problems.length} 个文件未上传，原因见页面提示。` : ''}`,
  );
}

export function setupAttachments({ initial, ...options }: Options) {
  const files: Files = { ...options, list: [...initial] };
  for (const box of Array.from(document.querySelectorAll<HTMLElement>('.attachment[data-kind]'))) {
    const kind = box.dataset.kind as AttachmentKind;
    const input = box.querySelector<HTMLInputElement>('input[type="file"]');
    const uploads = box.querySelector<HTMLElement>('[data-uploads]');
    render(files, kind);
    if (input && uploads) input.addEventListener('change', () => uploadChosen(files, kind, input, uploads));
  }
  return { current: () => files.list };
}
