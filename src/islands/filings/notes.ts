/**
 * Notes beside the fields of the 备案登记表: the reviewer's reasons when a filing came back, and the problems that
 * would still block submission on the step shown. Each note is tied to its field with aria-describedby.
 */
import { h } from '../lib/dom.ts';
import { errorId } from '../lib/field.ts';
import { placeMessage } from '../lib/forms.ts';
import { labelOf } from './labels.ts';
import { STEPS, session } from './session.ts';
import { fieldLinkItem, inFormOrder, locate, stepOf } from './steps.ts';

type NoteKind = 'reason' | 'problem';

function attachNote(el: HTMLElement, kind: NoteKind, text: string) {
  const noteId = `${el.id}-${kind}`;
  document.getElementById(noteId)?.remove();
  const note = h('p', { class: kind, id: noteId, 'data-note': kind }, text);
  if (/^H[1-6]$/.test(el.tagName)) {
    el.insertAdjacentElement('afterend', note);
    return;
  }
  placeMessage(el, note);
  const described = el.getAttribute('aria-describedby');
  el.setAttribute('aria-describedby', described ? `${described} ${noteId}` : noteId);
}

function removeNotes(kind: NoteKind) {
  for (const note of Array.from(document.querySelectorAll(`[data-note="${kind}"]`))) {
    const field = document.querySelector(`[aria-describedby~="${note.id}"]`);
    if (field) {
      const rest = (field.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter((x) => x && x !== note.id);
      if (rest.length > 0) field.setAttribute('aria-describedby', rest.join(' '));
      else field.removeAttribute('aria-describedby');
    }
    note.remove();
  }
}

/** Hints “提交前须完善” beside the fields of the current step, once the user has been there before. */
export function renderProblems() {
  removeNotes('problem');
  const { problems, current, visited } = session;
  if (!problems || current === STEPS || !visited.has(current)) return;
  for (const [path, message] of Object.entries(problems)) {
    // Dates of work experience are checked live, row by row.
    if (/^experiences\.\d+\.(from|to)$/.test(path)) continue;
    const el = locate(path);
    // A field that shows this save's error needs no second note saying the same.
    if (el && document.getElementById(errorId(el.id))) continue;
    if (el && stepOf(el) === current) attachNote(el, 'problem', `提交前须完善：${message}`);
  }
}

/** A returned filing lists the reviewer's reasons at the top, beside each field and on the step links. */
export function renderReturnReasons() {
  const { filing } = session;
  const box = document.querySelector<HTMLElement>('#return-summary');
  const reasons = Object.entries(filing.returnReasons ?? {});
  if (!box || filing.status !== 'returned') return;
  const note = box.querySelector('#return-note');
  if (note) note.textContent = filing.returnNote ? `审核意见：${filing.returnNote}` : '';
  const list = box.querySelector('#return-list');
  list?.replaceChildren(
    ...inFormOrder(reasons).map(([path, reason]) => {
      const el = locate(path);
      const text = `${labelOf(path)}：${reason}`;
      if (!el) return h('li', null, text);
      attachNote(el, 'reason', `审核意见：${reason}`);
      const step = stepOf(el);
      if (step) {
        const link = document.querySelector(`[data-step-link="${step}"]`);
        if (link && !link.classList.contains('has-reason')) {
          link.classList.add('has-reason');
          link.append(h('span', { class: 'visually-hidden' }, '（有审核意见）'));
        }
      }
      return fieldLinkItem(el, text);
    }),
  );
  box.hidden = false;
}
