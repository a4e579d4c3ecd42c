/**
 * The 培训证明 after submission: the rest of the filing is settled, but the training proof only exists once
 * training starts. The enterprise (while training is under way) and market regulation (until and after
 * recognition) add it here; the server decides who may (FilingDetail.uploadKinds). Used by the enterprise's
 * filing view and the reviewer's detail page.
 */

import type { AttachmentInfo } from '../../shared/filings/answers.ts';
import { ApiFailure, call, upload } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { field } from '../lib/field.ts';
import { setFieldError } from '../lib/forms.ts';
import { refuseFile } from './attachments.ts';

type Options = {
  filingId: string;
  /** Prefix of the element ids, unique on the page. */
  idPrefix: string;
  /** After uploads or a deletion: reload and draw the filing again. */
  onChange: () => Promise<void>;
  onLoggedOut: () => void;
};

// Pages that redraw everything after a change get the same control back, with its messages and focus.
const made = new Map<string, HTMLElement>();

const attachments = client.api.filings[':id'].attachments;

/** A file input that uploads each chosen file at once, with its own progress bar. */
export function trainingUpload({ filingId, idPrefix, onChange, onLoggedOut }: Options): HTMLElement {
  const key = `${idPrefix}:${filingId}`;
  const existing = made.get(key);
  if (existing) return existing;
  const input = h('input', {
    type: 'file',
    id: `${idPrefix}-file`,
    multiple: true,
    accept: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png',
  });
  const uploads = h('ul', { class: 'file-list' });
  const status = h('p', { class: 'visually-hidden', role: 'status', id: `${idPrefix}-status` });
  const box = field(input, {
    label: '上传培训证明（可多选）',
    hint: '专题培训结业证书、在线学时证明等；PDF、JPG 或 PNG 格式，每个文件不超过 10 MB。',
  });
  box.classList.add('training-upload');
  box.append(uploads, status);
  input.addEventListener('change', async () => {
    const files = Array.from(input.files ?? []);
    if (files.length === 0) return;
    setFieldError(input, null);
    const problems: string[] = [];
    let done = 0;
    for (const file of files) {
      const refused = refuseFile(file);
      if (refused) {
        problems.push(refused);
        continue;
      }
      const progress = h('progress', { max: 100, value: 0, 'aria-label': `正在上传：${file.name}` });
      const item = h('li', null, h('span', null, file.name), progress);
      uploads.append(item);
      const form = new FormData();
      form.append('kind', 'training');
      form.append('file', file);
      try {
        const url = attachments.$url({ param: { id: encodeURIComponent(filingId) } });
        await upload<typeof attachments.$post>(url, form, (fraction) => {
          progress.value = Math.round(fraction * 100);
        });
        done++;
      } catch (e) {
        if (e instanceof ApiFailure && e.status === 401) onLoggedOut();
        problems.push(`“${file.name}”上传失败：${(e as Error).message}`);
      } finally {
        item.remove();
      }
    }
    input.value = '';
    if (done > 0) await onChange();
    setFieldError(input, problems.length > 0 ? problems.join(' ') : null);
    status.textContent = `${done > 0 ? `已上传 ${done} 个培训证明。` : ''}${problems.length > 0 ? `${problems.length} 个文件未上传，原因见页面提示。` : ''}`;
  });
  made.set(key, box);
  return box;
}

/** A “删除” button for one uploaded 培训证明; a file deleted after submission stays on record for reviewers. */
export function deleteTrainingButton(
  filingId: string,
  a: AttachmentInfo,
  {
    onChange,
    onLoggedOut,
    onError,
  }: Omit<Options, 'filingId' | 'idPrefix'> & { onError: (m: string) => void },
): HTMLButtonElement {
  const button = h(
    'button',
    { type: 'button', class: 'link' },
    '删除',
    h('span', { class: 'visually-hidden' }, `：${a.fileName}`),
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await call(
        attachments[':attachmentId'].$delete({
          param: { id: encodeURIComponent(filingId), attachmentId: encodeURIComponent(a.id) },
        }),
      );
      await onChange();
    } catch (e) {
      button.disabled = false;
      if (e instanceof ApiFailure && e.status === 401) onLoggedOut();
      onError(`未能删除“${a.fileName}”：${(e as Error).message}`);
    }
  });
  return button;
}
