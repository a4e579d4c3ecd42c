/**
 * What the enterprise's filing holds, on its status page: the 首席质量官 (answers from ./answers.ts), training
 * and the attachments, where the 培训证明 can still be added and removed while training is under way.
 */
import type { FilingDetail } from '../../shared/filings/answers.ts';
import { attemptCells, attemptColumns, hoursText } from '../../shared/filings/training.ts';
import { formatDay, formatFileSize } from '../../shared/formats.ts';
import { facts } from '../lib/account-ui.ts';
import { h } from '../lib/dom.ts';
import { type AnswerSection, fileStanding, filingAnswers, pick, sectionsOf } from './answers.ts';
import { deleteTrainingButton, trainingUpload } from './training-upload.ts';

/** What the page does after a 培训证明 is uploaded or deleted. */
export type FileActions = {
  onChange: () => Promise<void>;
  onLoggedOut: () => void;
  onError: (message: string) => void;
};

const isEditable = (f: FilingDetail) => f.status === 'draft' || f.status === 'returned';

function consentText(f: FilingDetail): string | null {
  // Until submission the form's answer is the consent; afterwards the filing's (withdrawable) consent is.
  if (isEditable(f))
    return f.form.publishConsent === undefined ? null : f.form.publishConsent ? '同意' : '不同意';
  return f.publishConsent ? '同意（本人可以随时撤回）' : '不公开（未同意或已撤回同意）';
}

function renderCqo(f: FilingDetail, sections: AnswerSection[]) {
  const answers = pick(sections, ['enterpriseName', 'cqoName', 'idNumber', 'sex', 'birthDate']);
  document
    .querySelector('#cqo-facts')
    ?.replaceChildren(
      facts([
        ...answers.map((a): [string, string | null] => [a.label, a.text]),
        ['公开姓名', consentText(f)],
      ]),
    );
}

function renderTraining(f: FilingDetail) {
  const attempts = f.training?.attempts ?? [];
  const head = attemptColumns.map((t) => h('th', { scope: 'col' }, t));
  document
    .querySelector('#training')
    ?.replaceChildren(
      facts([['在线学时', hoursText(f.training?.onlineHours ?? 0)]]),
      attempts.length === 0
        ? h('p', null, '尚无专题培训记录。复审通过后由省市场监督管理厅组织培训并记录结果。')
        : h(
            'table',
            { class: 'table-list' },
            h('caption', { class: 'visually-hidden' }, '专题培训记录'),
            h('thead', null, h('tr', null, ...head)),
            h(
              'tbody',
              null,
              ...attempts.map((a) =>
                h('tr', null, ...attemptCells(a, formatDay).map((c) => h('td', null, c))),
              ),
            ),
          ),
    );
}

function renderFiles(f: FilingDetail, sections: AnswerSection[], actions: FileActions) {
  // After submission only the 培训证明 can still be added (and removed), while training is under way.
  const trainingOpen = !isEditable(f) && f.uploadKinds.includes('training');
  // One group per kind, its files newest first, a file uploaded again after a return marked as replaced.
  const groups = sectionsOf(sections, [6])
    .flatMap((s) => s.answers)
    .filter((kind) => (kind.files ?? []).length > 0)
    .map((kind) => {
      const files = kind.files ?? [];
      return h(
        'li',
        null,
        h('span', { class: 'kind' }, kind.label),
        h(
          'ul',
          { class: 'file-list' },
          ...files.map((a) => {
            const standing = fileStanding(a, files);
            return h(
              'li',
              null,
              h('a', { href: a.url, download: a.fileName }, a.fileName),
              standing ? h('span', { class: 'tag' }, standing) : null,
              h('span', { class: 'meta' }, `${formatFileSize(a.size)}，${formatDay(a.uploadedAt)}上传`),
              trainingOpen && a.kind === 'training' ? deleteTrainingButton(f.id, a, actions) : null,
            );
          }),
        ),
      );
    });
  document.querySelector('#files')?.replaceChildren(
    groups.length === 0 ? h('p', null, '没有上传附件。') : h('ul', { class: 'file-groups' }, ...groups),
    ...(trainingOpen
      ? [
          trainingUpload({
            filingId: f.id,
            idPrefix: 'training-upload',
            onChange: actions.onChange,
            onLoggedOut: actions.onLoggedOut,
          }),
        ]
      : []),
  );
}

/** Draws the 首席质量官, 培训情况 and 附件 sections. */
export function renderDetails(f: FilingDetail, actions: FileActions) {
  const sections = filingAnswers({ form: f.form, filing: f });
  renderCqo(f, sections);
  renderTraining(f);
  renderFiles(f, sections, actions);
}
