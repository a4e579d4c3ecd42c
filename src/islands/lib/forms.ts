/**
 * Accessible form errors (GOV.UK pattern): a summary at the top linking to each field, focus moved to it,
 * the page title prefixed "错误：", each field marked aria-invalid with its message beside it.
 * The user's input is never cleared.
 */
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

/** Shows the errors; `labels` names fields in the summary when the message alone would be unclear. */
export function showErrors(form: HTMLElement, errors: FieldErrors, title = '提交的内容有问题，请修改') {
  clearErrors(form);
  const summary = document.createElement('div');
  summary.className = 'error-summary';
  summary.setAttribute('role', 'alert');
  summary.tabIndex = -1;
  const h = document.createElement('h2');
  h.textContent = title;
  const list = document.createElement('ul');
  for (const [path, message] of Object.entries(errors)) {
    const id = fieldId(path);
    const field = document.getElementById(id);
    const li = document.createElement('li');
    if (field) {
      const a = document.createElement('a');
      a.href = `#${id}`;
      a.textContent = message;
      a.addEventListener('click', (e) => {
        e.preventDefault();
        field.focus();
      });
      li.append(a);
      field.setAttribute('aria-invalid', 'true');
      const p = document.createElement('p');
      p.className = 'field-error';
      p.id = `${id}-error`;
      p.textContent = message;
      const anchor = field.closest('.field') ?? field;
      anchor.insertAdjacentElement(anchor === field ? 'beforebegin' : 'afterbegin', p);
      const described = field.getAttribute('aria-describedby');
      field.setAttribute('aria-describedby', described ? `${described} ${p.id}` : p.id);
    } else {
      li.textContent = message;
    }
    list.append(li);
  }
  summary.append(h, list);
  form.prepend(summary);
  if (!document.title.startsWith(PREFIX)) document.title = PREFIX + document.title;
  summary.focus();
}
