/**
 * The markup of a form field, the same whether a page renders it (src/components/Field.astro, ChoiceGroup.astro)
 * or an island builds it (field() below): a `.field` box with the label, an optional hint `#<id>-hint` that
 * describes the control, and the control. Error messages `#<id>-error` are added by ./forms.ts.
 */
import { type Child, h } from './dom.ts';

/** How a label says whether the answer is needed, where the form mixes both. */
export type Mark = 'required' | 'optional';

export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;
export const markText = (mark: Mark | undefined) =>
  mark === 'required' ? '（必填）' : mark === 'optional' ? '（选填）' : '';

type FieldOptions = {
  label: string;
  hint?: string;
  mark?: Mark;
};

/** A field around `control` (whose id names it): label, hint, then the control, as Field.astro renders it. */
export function field(
  control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
  opts: FieldOptions,
) {
  const { id } = control;
  const hint: Child = opts.hint ? h('p', { class: 'hint', id: hintId(id) }, opts.hint) : null;
  if (hint) control.setAttribute('aria-describedby', hintId(id));
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, opts.label, markText(opts.mark)),
    hint,
    control,
  );
}

/** One radio or checkbox with its label, as ChoiceGroup.astro renders each option. */
export function choice(type: 'radio' | 'checkbox', id: string, name: string, value: string, label: string) {
  return h('div', { class: 'choice' }, h('input', { type, id, name, value }), h('label', { for: id }, label));
}
