/**
 * Building blocks of the reviewer's filing detail page: sections with focusable headings, label → value lists
 * that show the last return reason beside the field it was about, and tables that scroll sideways on a phone.
 */
import type { FilingDetail } from '../../shared/filings/answers.ts';
import { type Child, h } from '../lib/dom.ts';
import { stackable } from '../lib/table.ts';

export type Row = { label: string; value: Child | Child[]; path?: string };

export const empty = (text = '未填写') => h('span', { class: 'empty' }, text);

/** A definition list of rows; an empty value reads “未填写”. */
export function facts(d: FilingDetail, rows: Row[]) {
  return h(
    'dl',
    { class: 'facts' },
    rows.map((r) => {
      const reason = r.path ? d.returnReasons[r.path] : undefined;
      const value = Array.isArray(r.value) ? r.value : [r.value];
      return h(
        'div',
        {},
        h('dt', {}, r.label),
        h(
          'dd',
          {},
          value.some((v) => v !== null && v !== undefined && v !== false && v !== '') ? value : empty(),
          reason ? h('span', { class: 'return-note' }, `上次退回意见：${reason}`) : null,
        ),
      );
    }),
  );
}

/** A section whose heading (`#s-<key>`) the page's table of contents links to. */
export function section(key: string, heading: string, ...content: (Child | Child[])[]) {
  return h(
    'section',
    { 'aria-labelledby': `s-${key}` },
    h('h2', { id: `s-${key}`, tabindex: -1 }, heading),
    ...content,
  );
}

export function scrollTable(label: string, head: string[], rows: HTMLTableRowElement[]) {
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: 0 },
    stackable(
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            head.map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
  );
}
