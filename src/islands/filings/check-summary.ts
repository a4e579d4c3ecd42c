/**
 * The last step of the 备案登记表, “核对并提交”: every answer by part with a link back to its step, the
 * eligibility check, and what must still be completed before the filing can be submitted.
 */
import { eligibilityOf, type FilingDraft } from '../../shared/filings/form.ts';
import { facts } from '../lib/account-ui.ts';
import { type Child, h } from '../lib/dom.ts';
import { type AnswerSection, filingAnswers } from './answers.ts';
import { readForm } from './fields.ts';
import { summaryLabel } from './labels.ts';
import { session } from './session.ts';
import { fieldLinkItem, inFormOrder, locate, stepOf } from './steps.ts';

const idInput = document.querySelector<HTMLInputElement>('#idNumber');

const numbered = (items: string[]) =>
  items.length > 0 ? h('ol', null, ...items.map((item) => h('li', null, item))) : null;

function pairs(section: AnswerSection): [string, Child | null][] {
  const jobs = section.experiences;
  return [
    ...(jobs ? [['工作经历', numbered(jobs.map((e) => e.line))] as [string, Child]] : []),
    ...section.answers.map((a): [string, Child | null] => [a.label, a.items ? numbered(a.items) : a.text]),
  ];
}

function answers(form: FilingDraft) {
  const { filing, attachments } = session;
  // The number is write-only: a newly typed one is not shown back, only that it waits to be saved.
  const idNumber = idInput?.value.trim() ? '已输入新号码，提交时保存' : filing.idNumberMasked;
  const sections = filingAnswers({ form, filing, idNumber, attachments: attachments?.current() });
  return sections.map((section) =>
    h(
      'section',
      { class: 'answers', 'aria-labelledby': `answers-${section.step}` },
      h(
        'div',
        { class: 'answers-head' },
        h('h3', { id: `answers-${section.step}` }, `${section.step}. ${section.title}`),
        h(
          'a',
          { href: `#step-${section.step}` },
          '修改',
          h('span', { class: 'visually-hidden' }, section.title),
        ),
      ),
      facts(pairs(section)),
    ),
  );
}

function rules(form: FilingDraft) {
  return eligibilityOf(form).rules.map((r) =>
    h(
      'li',
      { class: r.met ? 'met' : 'unmet' },
      h('h4', null, `${r.met ? '已满足' : '未满足'}：${r.title}`),
      h('p', null, r.detail),
      !r.met && r.next ? h('p', null, `建议：${r.next}`) : null,
    ),
  );
}

function openProblems() {
  const open = inFormOrder(Object.entries(session.problems ?? {}));
  if (open.length === 0) return [];
  return [
    h(
      'div',
      { class: 'problem' },
      h('h3', null, `提交前还须完善 ${open.length} 项`),
      h(
        'ul',
        null,
        ...open.map(([path, message]) => {
          const el = locate(path);
          const label = summaryLabel(path, message, stepOf(el));
          const text = label ? `${label}：${message}` : message;
          return el ? fieldLinkItem(el, text) : h('li', null, text);
        }),
      ),
    ),
  ];
}

/** Fills the “核对并提交” step from what is in the form now and the problems of the last save. */
export function renderReview() {
  const answersBox = document.querySelector('#review-answers');
  const form = readForm(session.ctx);
  answersBox?.replaceChildren(...answers(form));
  document.querySelector('#review-rules')?.replaceChildren(...rules(form));
  document.querySelector('#review-problems')?.replaceChildren(...openProblems());
}
