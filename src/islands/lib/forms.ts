/**
 * Accessible form errors (GOV.UK pattern): a summary at the top linking to each field, focus moved to it,
 * the page title prefixed "错误：", each field marked aria-invalid with its message beside it.
 * The user's input is never cleared.
 */
import { errorId } from './field.ts';

const PREFIX = '错误：';

export type FieldErrors = Record<string, string>;

/** Field paths like `experiences.0.from` map to element ids like `experiences-0-from`. */
export const fieldId = (path: string) => path.replace(/\./g, '-');

export function clearErrors(form: HTMLElement) {
  form.querySelector('.error-summary')?.remove();
  for (const el of Array.from(form.querySelectorAll('.field-error'))) el.remove();
  for (const el of Array.from(form.querySelectorAll('[aria-invalid="true"]'))) {
    el.removeAttribute('aria-invalid');
    const described = (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id && !id.endsWith('-error'))
      .join(' ');
    if (described) el.setAttribute('aria-describedby', described);
    else el.removeAttribute('aria-describedby');
  }
  if (document.title.startsWith(PREFIX)) document.title = document.title.slice(PREFIX.length);
}

export type ShowErrorsOptions = {
  /** Names fields in the summary (`标签：消息`) when the message alone would be unclear. */
  labels?: Record<string, string>;
  /** Finds the element for a path when it is not simply `#fieldId(path)` (e.g. a rule about several fields). */
  locate?: (path: string) => HTMLElement | null;
  /** Makes a field visible before it is focused from the summary (e.g. switches to its step). */
  reveal?: (field: HTMLElement) => void;
};

/** Shows the errors; `options.labels` names fields in the summary when the message alone would be unclear. */
export function showErrors(
  form: HTMLElement,
  errors: FieldErrors,
  title = '提交的内容有问题，请修改',
  options: ShowErrorsOptions = {},
) {
  clearErrors(form);
  const summary = document.createElement('div');
  summary.className = 'error-summary';
  summary.setAttribute('role', 'alert');
  summary.tabIndex = -1;
  const h = document.createElement('h2');
  h.textContent = title;
  const list = document.createElement('ul');
  for (const [path, message] of Object.entries(errors)) {
    const field = options.locate?.(path) ?? document.getElementById(fieldId(path));
    const id = field?.id || fieldId(path);
    const label = options.labels?.[path];
    const li = document.createElement('li');
    if (field) {
      const a = document.createElement('a');
      a.href = `#${id}`;
      a.textContent = label ? `${label}：${message}` : message;
      a.addEventListener('click', (e) => {
        e.preventDefault();
        options.reveal?.(field);
        field.focus();
      });
      li.append(a);
      // Several paths may point at one field: one message beside it is enough.
      if (!document.getElementById(errorId(id))) placeError(field, id, message);
    } else {
      li.textContent = label ? `${label}：${message}` : message;
    }
    list.append(li);
  }
  summary.append(h, list);
  form.prepend(summary);
  if (!document.title.startsWith(PREFIX)) document.title = PREFIX + document.title;
  summary.focus();
}

/**
 * Shows or removes one field's message without a summary, for checks as the user goes (e.g. on blur).
 * A later showErrors() or clearErrors() replaces it.
 */
export function setFieldError(field: HTMLElement, message: string | null) {
  const id = errorId(field.id);
  document.getElementById(id)?.remove();
  const described = (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter((x) => x && x !== id)
    .join(' ');
  if (described) field.setAttribute('aria-describedby', described);
  else field.removeAttribute('aria-describedby');
  if (message === null) field.removeAttribute('aria-invalid');
  else placeError(field, field.id, message);
}

/**
 * Puts a message about a control where it is read with it: after the label and hint, just before the control
 * (or, in a group of choices, before the first choice), so it cannot be taken for the field above. A control
 * outside a `.field` box gets it just before itself.
 */
export function placeMessage(field: HTMLElement, message: HTMLElement) {
  const choice = field.closest('.choice');
  const first = choice?.parentElement?.querySelector(':scope > .choice');
  if (first) first.before(message);
  else field.before(message);
}

function placeError(field: HTMLElement, id: string, message: string) {
  const p = document.createElement('p');
  p.className = 'field-error';
  p.id = errorId(id);
  p.textContent = message;
  placeMessage(field, p);
  field.setAttribute('aria-invalid', 'true');
  const described = field.getAttribute('aria-describedby');
  field.setAttribute('aria-describedby', described ? `${described} ${p.id}` : p.id);
}
