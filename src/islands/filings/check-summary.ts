/**
 * The last step of the 备案登记表, “核对并提交”: every answer by part with a link back to its step, the
 * eligibility check, and what must still be completed before the filing can be submitted.
 */
import { eligibilityOf, type FilingDraft } from '../../shared/filings/form.ts';
import { facts } from '../lib/account-ui.ts';
import { h } from '../lib/dom.ts';
import { answerParts, summaryLabel } from './answers.ts';
import { readForm } from './fields.ts';
import { session } from './session.ts';
import { fieldLinkItem, inFormOrder, locate, stepOf } from './steps.ts';

const idInput = document.querySelector<HTMLInputElement>('#idNumber');

function answers(form: FilingDraft) {
  const { filing, attachments } = session;
  // The number is write-only: a newly typed one is not shown back, only that it waits to be saved.
  const idText = idInput?.value.trim() ? '已输入新号码，提交时保存' : filing.idNumberMasked;
  const parts = answerParts(form, filing, idText, attachments?.current() ?? filing.attachments);
  return parts.map((part) =>
    h(
      'section',
      { class: 'answers', 'aria-labelledby': `answers-${part.step}` },
      h(
        'div',
        { class: 'answers-head' },
        h('h3', { id: `answers-${part.step}` }, `${part.step}. ${part.title}`),
        h('a', { href: `#step-${part.step}` }, '修改', h('span', { class: 'visually-hidden' }, part.title)),
      ),
      part.pairs.length > 0 ? facts(part.pairs) : null,
      part.list
        ? facts([
            [
              part.list.label,
              part.list.items.length > 0
                ? h('ol', null, ...part.list.items.map((item) => h('li', null, item)))
                : null,
            ],
          ])
        : null,
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
