/**
 * The print-ready A4 备案登记表: the answers (./answers.ts) in bordered tables by part of the paper form, then
 * training and the signature boxes.
 */

import type { FilingDetail } from '../../shared/filings/answers.ts';
import { completesTraining } from '../../shared/filings/training.ts';
import { formatDay } from '../../shared/formats.ts';
import { goToLogin, queryId } from '../lib/account-ui.ts';
import { ApiFailure, call } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { type Child, h } from '../lib/dom.ts';
import { showErrors } from '../lib/forms.ts';
import {
  type Answer,
  type AnswerSection,
  experienceColumns,
  filingAnswers,
  paperParts,
  sectionsOf,
} from './answers.ts';

const filingId = queryId();

/** What the paper form says before an answer's boxes. */
const preambles: Record<string, string> = {
  publishConsent:
    '认定后在公开查询中公布首席质量官姓名、企业名称和备案状态（《个人信息保护法》），首席质量官本人：',
};

/** A row of label/value pairs; a single pair spans the whole width. */
function row(...pairs: [string, Child | Child[]][]): HTMLTableRowElement {
  const tr = h('tr');
  for (const [label, value] of pairs) {
    tr.append(
      h('th', { scope: 'row' }, label),
      h('td', { colspan: pairs.length === 1 ? 3 : null }, value ?? ''),
    );
  }
  return tr;
}

function table(caption: string, rows: HTMLTableRowElement[], className?: string): HTMLTableElement {
  return h('table', { class: className }, h('caption', null, caption), h('tbody', null, ...rows));
}

function choice(checked: boolean, text: string): HTMLSpanElement {
  return h(
    'span',
    null,
    h('span', { class: 'box', 'aria-hidden': 'true' }, checked ? '✓' : ''),
    h('span', { class: 'visually-hidden' }, checked ? '（已选）' : '（未选）'),
    `${text}　`,
  );
}

function value(a: Answer): Child | Child[] {
  if (a.items) return h('ol', null, ...a.items.map((item) => h('li', null, item)));
  if (a.choices) {
    const preamble = preambles[a.key];
    return [preamble ? h('p', null, preamble) : null, ...a.choices.map((c) => choice(c.chosen, c.text))];
  }
  return a.text;
}

/** Answers that take a row of their own on paper, however short. */
const rowOfTheirOwn = new Set(['enterpriseName', 'address']);

/** Short answers two to a row, long ones (lists, boxes, long text) across the whole width. */
function answerRows(answers: Answer[]): HTMLTableRowElement[] {
  const wide = (a: Answer) =>
    rowOfTheirOwn.has(a.key) || Boolean(a.items || a.choices) || (a.text?.length ?? 0) > 24;
  const rows: HTMLTableRowElement[] = [];
  let waiting: Answer | null = null;
  for (const a of answers) {
    if (wide(a)) {
      if (waiting) rows.push(row([waiting.label, value(waiting)]));
      rows.push(row([a.label, value(a)]));
      waiting = null;
    } else if (waiting) {
      rows.push(row([waiting.label, value(waiting)], [a.label, value(a)]));
      waiting = null;
    } else waiting = a;
  }
  if (waiting) rows.push(row([waiting.label, value(waiting)]));
  return rows;
}

function experienceTable(caption: string, section: AnswerSection): HTMLTableElement {
  const cell = (text: string) => h('td', null, text);
  return h(
    'table',
    { class: 'experiences' },
    h('caption', null, caption),
    h('thead', null, h('tr', null, ...experienceColumns.map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      null,
      ...(section.experiences ?? []).map((e) => h('tr', null, ...e.cells.map(cell))),
      ...section.answers.map((a) =>
        h('tr', null, h('th', { scope: 'row', colspan: 2 }, a.label), h('td', { colspan: 3 }, a.text ?? '')),
      ),
    ),
  );
}

function partTable(title: string, sections: AnswerSection[]): HTMLTableElement {
  const [only] = sections;
  if (sections.length === 1 && only?.experiences) return experienceTable(title, only);
  return table(title, answerRows(sections.flatMap((s) => s.answers)));
}

function training(f: FilingDetail): HTMLTableElement {
  const hours = f.training?.onlineHours ?? 0;
  // The record that completed the training; a 合格 with too few hours did not.
  const passed = (f.training?.attempts ?? []).find((a) =>
    completesTraining(a.passed, a.onlineHours ?? hours),
  );
  return table('六、培训情况', [
    row(
      ['在线学时', hours > 0 ? `${hours} 学时` : ''],
      ['专题培训', passed ? `${formatDay(passed.date)} 合格` : ''],
    ),
    row(['培训证书编号', passed?.certificateNo ?? '']),
  ]);
}

function signatures(): HTMLTableElement {
  const blank = () => h('td', null, '');
  return h(
    'table',
    { class: 'sign' },
    h('caption', null, '七、签章'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ...['企业盖章', '法定代表人签字', '首席质量官签字'].map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h(
      'tbody',
      null,
      h('tr', { class: 'blank' }, blank(), blank(), blank()),
      h('tr', null, h('td', { class: 'date', colspan: 3 }, '日期：　　　　年　　月　　日')),
    ),
  );
}

function render(f: FilingDetail) {
  const sections = filingAnswers({ form: f.form, filing: f });
  document
    .querySelector('#sheet-meta')
    ?.replaceChildren(
      h('span', null, `备案编号：${f.filingNo ?? '（认定后发放）'}`),
      h('span', null, `打印日期：${formatDay(new Date().toISOString())}`),
    );
  document
    .querySelector('#sheet-body')
    ?.replaceChildren(
      ...paperParts.map((part) => partTable(part.title, sectionsOf(sections, part.steps))),
      training(f),
      signatures(),
    );
  const editable = f.status === 'draft' || f.status === 'returned';
  document
    .querySelector('#back-link')
    ?.setAttribute('href', `/filing/${editable ? 'edit' : 'view'}/?id=${encodeURIComponent(f.id)}`);
}

async function load() {
  const status = document.querySelector('#print-status');
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  const errors = document.querySelector<HTMLElement>('#print-errors');
  const fail = (message: string) => errors && showErrors(errors, { _: message }, '无法打印');
  say('正在加载……');
  if (!filingId) {
    say('');
    fail('地址中缺少备案编号。请从备案登记表或备案详情打开打印页。');
    return;
  }
  try {
    render(await call(client.api.filings[':id'].$get({ param: { id: encodeURIComponent(filingId) } })));
    say('');
    const actions = document.querySelector<HTMLElement>('#print-actions');
    if (actions) actions.hidden = false;
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) {
      goToLogin();
      return;
    }
    say('');
    const missing = e instanceof ApiFailure && (e.status === 404 || e.status === 403);
    fail(missing ? '未找到这份备案，或您无权查看。' : (e as Error).message);
  }
}

document.querySelector('#print-button')?.addEventListener('click', () => window.print());
load();
