/**
 * Where things are on the 备案登记表 and which step shows them: a field path leads to its element and its step.
 * Every step lives in the page (hidden but the current one), so errors from the server can point at any field;
 * the step is in the URL hash (#step-3) so Back works.
 */
import { h } from '../lib/dom.ts';
import { type FieldErrors, fieldId } from '../lib/forms.ts';
import { summaryLabel } from './labels.ts';
import { STEPS, session } from './session.ts';

const formEl = document.querySelector<HTMLFormElement>('#filing-form');
const baseTitle = document.title;

const aliases: Record<string, string> = {
  'eligibility.degree': 'degree',
  'eligibility.qualification': 'qualification',
  'eligibility.experience': 'experiences',
  attachments: 'step-6-title',
};

/** The element a field path points at: its own id, else the nearest parent path that has one. */
export function locate(path: string): HTMLElement | null {
  let p = aliases[path] ?? path;
  if (/^duties\.\d+$/.test(p)) return document.getElementById('duties-other');
  for (;;) {
    const el = document.getElementById(fieldId(p));
    if (el && formEl?.contains(el)) return el;
    const dot = p.lastIndexOf('.');
    if (dot < 0) return null;
    p = p.slice(0, dot);
  }
}

export function stepOf(el: Element | null): number | null {
  const n = Number(el?.closest<HTMLElement>('[data-step]')?.dataset.step);
  return n >= 1 && n <= STEPS ? n : null;
}

export function stepOfPath(path: string): number | null {
  return stepOf(locate(path));
}

/** Paths in the order of the form: by step, then by position in the page. */
export function inFormOrder<T>(entries: [string, T][]): [string, T][] {
  return [...entries].sort(([a], [b]) => {
    const ea = locate(a);
    const eb = locate(b);
    if (!ea || !eb) return ea ? -1 : eb ? 1 : 0;
    if (ea === eb) return 0;
    return ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}

/** Switches to the step a field is on, so it can be focused (used by the error summary's links). */
export function reveal(field: HTMLElement) {
  const n = stepOf(field);
  if (n !== null && n !== session.current) goToStep(n, false);
}

/** How an error summary names the fields (with their step) and reaches them on any step. */
export function errorOptions(fields: FieldErrors) {
  const labels: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const label = summaryLabel(path, message, stepOfPath(path));
    if (label) labels[path] = label;
  }
  return { labels, locate, reveal };
}

/** A list item linking to a field on any step: following it shows that step and focuses the field. */
export function fieldLinkItem(field: HTMLElement, text: string): HTMLLIElement {
  const a = h('a', { href: `#${field.id}` }, text);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    reveal(field);
    field.focus();
  });
  return h('li', null, a);
}

export function stepFromHash(): number | null {
  if (location.hash === '' || location.hash === '#') return 1;
  const m = /^#step-(\d)$/.exec(location.hash);
  const n = m ? Number(m[1]) : 0;
  return n >= 1 && n <= STEPS ? n : null;
}

function stepName(n: number): string {
  return document.querySelector(`[data-step-link="${n}"] .label`)?.textContent ?? '';
}

let shown: (step: number, left: number) => void = () => {};

/** What to do each time a step is shown (`left` is the step the user came from, 0 on arrival). */
export function onStepShown(listener: (step: number, left: number) => void) {
  shown = listener;
}

export function showStep(n: number, focus: boolean) {
  const left = session.current;
  if (left && left !== n) session.visited.add(left);
  session.current = n;
  for (const section of Array.from(document.querySelectorAll<HTMLElement>('section.step'))) {
    section.hidden = Number(section.dataset.step) !== n;
  }
  for (const link of Array.from(document.querySelectorAll<HTMLElement>('[data-step-link]'))) {
    if (Number(link.dataset.stepLink) === n) link.setAttribute('aria-current', 'step');
    else link.removeAttribute('aria-current');
  }
  const prev = document.querySelector<HTMLAnchorElement>('#prev-step');
  if (prev) {
    prev.hidden = n === 1;
    prev.href = `#step-${Math.max(1, n - 1)}`;
  }
  const next = document.querySelector<HTMLElement>('#save-continue');
  const submit = document.querySelector<HTMLElement>('#submit-filing');
  if (next) next.hidden = n === STEPS;
  if (submit) submit.hidden = n !== STEPS;
  const error = document.title.startsWith('错误：') ? '错误：' : '';
  document.title = `${error}${stepName(n)}（第 ${n} 步，共 ${STEPS} 步）- ${baseTitle}`;
  shown(n, left);
  if (focus) document.getElementById(`step-${n}-title`)?.focus();
}

export function goToStep(n: number, focus: boolean) {
  if (n === session.current) return;
  history.pushState(null, '', `#step-${n}`);
  showStep(n, focus);
}

/** Back and Forward, and links to `#step-n`, show the step in the hash. */
export function onHistory() {
  const n = stepFromHash();
  if (n !== null && n !== session.current) showStep(n, true);
}
