/**
 * Tables of the staff pages that fit the screen: long text wraps, and on a phone each row becomes a block in
 * which every cell carries its column's name (shown there only), so no table needs sideways scrolling.
 */
import { type Child, h } from './dom.ts';

/** Gives every body cell its column's name (`.cell-label`) and its content a box (`.cell-value`). */
export function stackable(table: HTMLTableElement): HTMLTableElement {
  table.classList.add('stack');
  const names = Array.from(table.tHead?.rows[0]?.cells ?? []).map((c) => c.textContent ?? '');
  for (const body of Array.from(table.tBodies)) {
    for (const row of Array.from(body.rows)) {
      Array.from(row.cells).forEach((cell, i) => {
        const value = h('span', { class: 'cell-value' }, ...Array.from(cell.childNodes));
        cell.replaceChildren(h('span', { class: 'cell-label' }, names[i] ?? ''), value);
      });
    }
  }
  return table;
}

/** A table (caption, head, body) that stacks on a phone: see stackable(). */
export function table(...children: Child[]): HTMLTableElement {
  return stackable(h('table', null, ...children));
}
