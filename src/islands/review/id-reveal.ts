/**
 * The 身份证号 on the reviewer's filing detail page. The server sends it masked; revealing it asks for a reason,
 * is logged in the history, and the full number is kept only in this page's memory until hidden again.
 */
import type { FilingDetail } from '../../shared/filings/answers.ts';
import { ApiFailure, call, toLogin } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { type Child, h } from '../lib/dom.ts';
import { field } from '../lib/field.ts';
import { showErrors } from '../lib/forms.ts';
import { prefixFields } from '../lib/staff.ts';

/** What the page does around a reveal: draw itself again, and fetch the filing so its history shows the view. */
export type RevealPage = {
  render: () => void;
  refresh: () => Promise<void>;
  say: (message: string) => void;
};

let revealed: string | null = null;

async function reveal(d: FilingDetail, form: HTMLFormElement, page: RevealPage) {
  const reason = form.querySelector('textarea')?.value.trim() ?? '';
  if (!reason) {
    showErrors(form, { 'reveal.reason': '请填写查看完整身份证号的原因' });
    return;
  }
  try {
    const res = await call(
      client.api.filings[':id']['reveal-id'].$post({
        param: { id: encodeURIComponent(d.id) },
        json: { reason },
      }),
    );
    revealed = res.idNumber;
    await page.refresh();
    page.say('已显示完整身份证号。本次查看及原因已记入审核记录。');
    document.getElementById('id-value')?.focus();
  } catch (e) {
    if (!(e instanceof ApiFailure)) throw e;
    if (e.status === 401) toLogin();
    const fields = prefixFields('reveal', e.fields);
    showErrors(form, Object.keys(fields).length > 0 ? fields : { 'reveal._': e.message }, '未能显示完整号码');
  }
}

function revealForm() {
  return h(
    'form',
    { id: 'reveal-form', novalidate: true, hidden: true },
    field(h('textarea', { id: 'reveal-reason', rows: 2, required: true }), {
      label: '查看原因',
      mark: 'required',
      hint: '身份证号是敏感个人信息，仅在核对身份确有必要时查看。查看操作和原因将记入审核记录。',
    }),
    h(
      'div',
      { class: 'inline-actions' },
      h('button', { type: 'submit', class: 'button' }, '确认查看'),
      h('button', { type: 'button', class: 'button secondary', id: 'reveal-cancel' }, '取消'),
    ),
  );
}

/** The value of the 身份证号 row: the masked number with a way to reveal it, or the full one with a way to hide it. */
export function idNumberValue(d: FilingDetail, page: RevealPage): Child[] {
  if (!d.idNumberMasked) return [];
  const shown = h('span', { class: 'id-number', id: 'id-value', tabindex: -1 }, revealed ?? d.idNumberMasked);
  if (revealed) {
    const hide = h('button', { type: 'button', class: 'button secondary small' }, '隐藏完整号码');
    hide.addEventListener('click', () => {
      revealed = null;
      page.render();
      document.getElementById('reveal-toggle')?.focus();
    });
    return [shown, h('span', { class: 'hint' }, '（完整号码，本次查看已记入审核记录）'), hide];
  }
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'button secondary small',
      id: 'reveal-toggle',
      'aria-expanded': 'false',
      'aria-controls': 'reveal-form',
    },
    '查看完整号码',
  );
  const form = revealForm();
  const setOpen = (open: boolean) => {
    form.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) form.querySelector('textarea')?.focus();
    else toggle.focus();
  };
  toggle.addEventListener('click', () => setOpen(form.hidden));
  form.querySelector('#reveal-cancel')?.addEventListener('click', () => setOpen(false));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void reveal(d, form, page);
  });
  return [shown, toggle, form];
}
