/** Small DOM and wording helpers shared by the enterprise account islands. Text goes in as text, never as HTML. */

import { toLogin } from './api.ts';
import { type Child, h } from './dom.ts';

/** A definition list of label → value pairs (`.facts`); empty values show “未填写”. */
export function facts(pairs: [string, Child | string | null][]): HTMLDListElement {
  const dl = h('dl', { class: 'facts' });
  for (const [label, value] of pairs) {
    dl.append(h('dt', null, label), h('dd', null, value === null || value === '' ? '未填写' : value));
  }
  return dl;
}

/** The `?id=` of the page, or null. */
export function queryId(): string | null {
  const id = new URLSearchParams(location.search).get('id');
  return id && /^[\w-]{1,64}$/.test(id) ? id : null;
}

/** Sends the user to log in (and back here afterwards) without leaving an unhandled error behind. */
export function goToLogin(): void {
  try {
    toLogin();
  } catch {
    // toLogin() throws to stop the caller; the page is navigating away.
  }
}
