/**
 * Step 6 of the filing form: files per attachment kind. Each chosen file is checked in the browser (type by
 * name, ≤ 10 MB) and uploaded at once with its own progress bar; the server checks the content again.
 */

import type { AttachmentInfo } from '../../shared/filings/answers.ts';
import type { AttachmentKind } from '../../shared/filings/form.ts';
import { formatFileSize } from '../../shared/formats.ts';
import { ApiFailure, call, upload } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { setFieldError } from '../lib/forms.ts';

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
  initial: AttachmentInfo[];
  /** Called after every upload or deletion with the current list. */
  onChange: (list: AttachmentInfo[]) => void;
  /** A 401 while uploading: the session ended. */
  onLoggedOut: () => void;
};

export function setupAttachments({ filingId, initial, onChange, onLoggedOut }: Options) {
  let list = [...initial];
  const announce = (message: string) => {
    const region = document.getElementById('attachment-announce');
    if (region) region.textContent = message;
  };
  const attachments = client.api.filings[':id'].attachments;
  const id = encodeURIComponent(filingId);

  function section(kind: string) {
    return document.querySelector<HTMLElement>(`.attachment[data-kind="${kind}"]`);
  }

  function render(kind: string) {
    const box = section(kind);
    const files = box?.querySelector<HTMLUListElement>('[data-files]');
    const empty = box?.querySelector<HTMLElement>('[data-empty]');
    if (!box || !files) return;
    const mine = list.filter((a) => a.kind === kind);
    files.replaceChildren(...mine.map(fileItem));
    files.hidden = mine.length === 0;
    if (empty) empty.hidden = mine.length > 0;
  }

  function fileItem(a: AttachmentInfo): HTMLLIElement {
    const remove = h(
      'button',
      { type: 'button', class: 'link' },
      '删除',
      h('span', { class: 'visually-hidden' }, `：${a.fileName}`),
    );
    remove.addEventListener('click', () => removeFile(a, remove));
    return h(
      'li',
      null,
      h('a', { href: a.url, download: a.fileName }, a.fileName),
      h('span', { class: 'meta' }, formatFileSize(a.size)),
      remove,
    );
  }

  async function removeFile(a: AttachmentInfo, button: HTMLButtonElement) {
    button.disabled = true;
    try {
      await call(
        attachments[':attachmentId'].$delete({ param: { id, attachmentId: encodeURIComponent(a.id) } }),
      );
      list = list.filter((x) => x.id !== a.id);
      render(a.kind);
      onChange(list);
      announce(`已删除：${a.fileName}`);
      // The button is gone with its row: put focus somewhere sensible in the same block.
      document.getElementById(`attachments-${a.kind}`)?.focus();
    } catch (e) {
      button.disabled = false;
      if (e instanceof ApiFailure && e.status === 401) onLoggedOut();
      const input = document.getElementById(`attachments-${a.kind}`);
      if (input) setFieldError(input, `未能删除“${a.fileName}”：${(e as Error).message}`);
    }
  }

  async function uploadOne(kind: AttachmentKind, file: File, uploads: HTMLElement): Promise<string | null> {
    const progress = h('progress', { max: 100, value: 0, 'aria-label': `正在上传：${file.name}` });
    const item = h('li', null, h('span', null, file.name), progress);
    uploads.append(item);
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file);
    try {
      const url = attachments.$url({ param: { id } });
      const saved = await upload<typeof attachments.$post>(url, form, (fraction) => {
        progress.value = Math.round(fraction * 100);
      });
      list.push(saved);
      render(kind);
      onChange(list);
      return null;
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) onLoggedOut();
      return `“${file.name}”上传失败：${(e as Error).message}`;
    } finally {
      item.remove();
    }
  }

  for (const box of Array.from(document.querySelectorAll<HTMLElement>('.attachment[data-kind]'))) {
    const kind = box.dataset.kind as AttachmentKind;
    const input = box.querySelector<HTMLInputElement>('input[type="file"]');
    const uploads = box.querySelector<HTMLElement>('[data-uploads]');
    render(kind);
    if (!input || !uploads) continue;
    input.addEventListener('change', async () => {
      const files = Array.from(input.files ?? []);
      if (files.length === 0) return;
      setFieldError(input, null);
      const problems: string[] = [];
      const accepted: File[] = [];
      for (const file of files) {
        const reason = refuseFile(file);
        if (reason) problems.push(reason);
        else accepted.push(file);
      }
      if (problems.length > 0) setFieldError(input, problems.join(' '));
      let done = 0;
      for (const file of accepted) {
        const failed = await uploadOne(kind, file, uploads);
        if (failed) problems.push(failed);
        else done++;
      }
      // Chosen files are either uploaded or refused: clearing lets the same file be chosen again after a fix.
      input.value = '';
      setFieldError(input, problems.length > 0 ? problems.join(' ') : null);
      announce(
        `${done > 0 ? `已上传 ${done} 个文件。` : ''}${problems.length > 0 ? `${problems.length} 个文件未上传，原因见页面提示。` : ''}`,
      );
    });
  }

  return { current: () => list };
}
