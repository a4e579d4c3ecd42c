/**
 * The answers of the 登记表 on the reviewer's filing detail page (../filings/answers.ts), in the parts of the
 * paper form: the enterprise, the 首席质量官, work experience, appointment and duties, and the attachments. A
 * reason of the last return shows beside the answer it was about.
 */
import type { AttachmentInfo, FilingDetail } from '../../shared/filings/answers.ts';
import { attachmentKinds } from '../../shared/filings/form.ts';
import { formatFileSize, formatNumericTime } from '../../shared/formats.ts';
import {
  type Answer,
  type AnswerSection,
  experienceColumns,
  fileStanding,
  filingAnswers,
  paperParts,
  sectionsOf,
} from '../filings/answers.ts';
import { deleteTrainingButton, trainingUpload } from '../filings/training-upload.ts';
import { type Child, h } from '../lib/dom.ts';
import { empty, facts, scrollTable, section } from './detail-blocks.ts';

/** What the page does after a 培训证明 is uploaded or deleted here. */
export type FileActions = {
  onChange: () => Promise<void>;
  onLoggedOut: () => void;
  onError: (message: string) => void;
};

const typeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

function attachmentItem(a: AttachmentInfo, standing: string | null, remove: HTMLButtonElement | null) {
  // Files deleted after submission stay on record for the reviewers, said so in words (not only struck through).
  const deleted = a.deletedAt ? `；已于 ${formatNumericTime(a.deletedAt)} 删除，企业不再看到` : '';
  return h(
    'li',
    {},
    a.deletedAt ? '（已删除）' : null,
    standing ? h('span', { class: 'tag' }, standing) : null,
    h('a', { href: a.url }, a.fileName),
    `（${typeNames[a.contentType] ?? a.contentType}，${formatFileSize(a.size)}，上传于 ${formatNumericTime(a.uploadedAt)}${deleted}）`,
    remove ? [' ', remove] : null,
  );
}

/** Market regulation may add (and remove) the 培训证明 once training starts. */
const trainingOpen = (d: FilingDetail, actions?: FileActions): actions is FileActions =>
  actions !== undefined && d.uploadKinds.includes('training');

function filesValue(d: FilingDetail, a: Answer, actions?: FileActions): Child[] {
  const files = a.files ?? [];
  const kind = attachmentKinds.find((k) => `attachments.${k.code}` === a.key);
  const removable = (f: AttachmentInfo) => trainingOpen(d, actions) && f.kind === 'training' && !f.deletedAt;
  const items = files.map((f) =>
    attachmentItem(
      f,
      fileStanding(f, files),
      removable(f) && actions ? deleteTrainingButton(d.id, f, actions) : null,
    ),
  );
  const none = files.every((f) => f.deletedAt) ? (a.text ?? '') : null;
  return [
    none ? (kind?.required ? h('strong', {}, none) : empty(none)) : null,
    items.length > 0 ? h('ul', {}, items) : null,
  ];
}

function answerFacts(d: FilingDetail, answers: Answer[], values: Record<string, Child[]>) {
  return facts(
    d,
    answers.map((a) => ({
      label: a.label,
      path: a.key,
      value:
        values[a.key] ??
        (a.items
          ? h(
              'ol',
              {},
              a.items.map((x) => h('li', {}, x)),
            )
          : a.text),
    })),
  );
}

const returnNote = (reason: string | undefined) =>
  reason ? h('p', { class: 'return-note' }, `上次退回意见：${reason}`) : null;

function experienceBlock(d: FilingDetail, s: AnswerSection) {
  const jobs = s.experiences ?? [];
  return [
    returnNote(d.returnReasons.experiences),
    jobs.length === 0
      ? h('p', {}, empty())
      : scrollTable(
          '工作经历',
          experienceColumns,
          jobs.map((e) =>
            h(
              'tr',
              {},
              e.cells.map((text, i) => h('td', { class: i === 1 || i === 4 ? 'wrap-cell' : null }, text)),
            ),
          ),
        ),
    ...s.answers.map((a) => h('p', {}, `系统计算的质量管理工作经验：${a.text}（重叠时段只计一次）`)),
  ];
}

/**
 * The parts of the paper form with their answers. `idNumber` is the masked number with its reveal controls, or
 * the full number once revealed; `actions`, when given, lets this page add and delete the 培训证明.
 */
export function answerParts(d: FilingDetail, idNumber: Child[], actions?: FileActions) {
  const sections = filingAnswers({ form: d.form, filing: d });
  const values: Record<string, Child[]> = { idNumber };
  for (const a of sections.flatMap((s) => s.answers)) {
    if (a.files) values[a.key] = filesValue(d, a, actions);
  }
  // Answers of one part run on in one list; the declarations come under their own heading.
  const content = (part: AnswerSection[]): Child[] => {
    const [first] = part;
    if (first?.experiences) return experienceBlock(d, first);
    const declarations = part.filter((s) => s.step === 7).flatMap((s) => s.answers);
    return [
      first?.step === 6 ? returnNote(d.returnReasons.attachments) : null,
      answerFacts(
        d,
        part.filter((s) => s.step !== 7).flatMap((s) => s.answers),
        values,
      ),
      ...(declarations.length > 0 ? [h('h3', {}, '声明'), answerFacts(d, declarations, values)] : []),
    ];
  };
  return paperParts.map((part) =>
    section(
      part.key,
      part.title,
      part.key === 'cqo' ? h('p', { class: 'hint' }, '性别和出生日期由身份证号推算。') : null,
      content(sectionsOf(sections, part.steps)),
      part.key === 'attachments' && trainingOpen(d, actions)
        ? trainingUpload({
            filingId: d.id,
            idPrefix: 'review-training',
            onChange: actions.onChange,
            onLoggedOut: actions.onLoggedOut,
          })
        : null,
    ),
  );
}
