/**
 * The eligibility self-check: the same rules (src/shared/filings/eligibility.ts) the filing API applies. Nothing is
 * pre-selected: until degree and qualification are answered the form says what is missing, not a result.
 */
import {
  checkEligibility,
  checkExperienceEntry,
  type EligibilityInput,
} from '../../shared/filings/eligibility.ts';
import type { Degree } from '../../shared/labels.ts';
import { clearErrors, type FieldErrors, showErrors } from '../lib/forms.ts';

const form = document.querySelector<HTMLFormElement>('#self-check');
const list = document.querySelector<HTMLDivElement>('#experiences');
const result = document.querySelector<HTMLElement>('#result');

type Row = { from: HTMLInputElement; to: HTMLInputElement; duty: HTMLInputElement };

function rows(f: HTMLFormElement): Row[] {
  return Array.from(f.querySelectorAll<HTMLElement>('.experience')).flatMap((row) => {
    const from = row.querySelector<HTMLInputElement>('input[name="from"]');
    const to = row.querySelector<HTMLInputElement>('input[name="to"]');
    const duty = row.querySelector<HTMLInputElement>('input[name="qualityDuties"]');
    return from && to && duty ? [{ from, to, duty }] : [];
  });
}

/** What is missing or wrong, by field id; empty when the form can be checked. */
function problems(f: HTMLFormElement): FieldErrors {
  const data = new FormData(f);
  const errors: FieldErrors = {};
  if (!data.get('degree')) errors.degree = '请先回答：最高学历';
  if (!data.get('qualification')) errors.qualification = '请先回答：是否取得质量专业技术人员职业资格';
  for (const { from, to, duty } of rows(f)) {
    if (!from.value) {
      if (to.value || duty.checked) errors[from.id] = '请先填写这段工作经历的开始年月';
      continue;
    }
    const message = checkExperienceEntry({
      from: from.value,
      to: to.value || null,
      qualityDuties: duty.checked,
    });
    // The rule's messages name the month they are about; point at that field.
    if (message !== null) errors[message.includes('结束年月') ? to.id : from.id] = message;
  }
  return errors;
}

function readInput(f: HTMLFormElement): EligibilityInput {
  const data = new FormData(f);
  const q = String(data.get('qualification'));
  const qualification: EligibilityInput['qualification'] =
    q === 'equivalent'
      ? { kind: 'equivalent', hasProof: true }
      : q === 'none'
        ? { kind: 'none' }
        : { kind: 'certificate', level: q as 'intermediate' | 'senior' | 'junior' };
  const experiences = rows(f)
    .filter((r) => r.from.value)
    .map((r) => ({ from: r.from.value, to: r.to.value || null, qualityDuties: r.duty.checked }));
  return { degree: String(data.get('degree')) as Degree, qualification, experiences };
}

function show(f: HTMLFormElement) {
  if (!result) return;
  const errors = problems(f);
  if (Object.keys(errors).length > 0) {
    result.hidden = true;
    showErrors(f, errors, '请先回答以下问题，再查看自测结果');
    return;
  }
  clearErrors(f);
  const outcome = checkEligibility(readInput(f));
  const unmet = outcome.rules.filter((r) => !r.met).length;
  const verdict = result.querySelector('#verdict');
  if (verdict) {
    verdict.textContent = outcome.eligible
      ? '学历、职业资格和工作经验三项均符合要求。另有三项条件无法在线核验，请对照下方内容自行把关后，再准备备案材料。'
      : `暂不符合全部任职条件：有 ${unmet} 项未满足，请查看下面的说明和建议。`;
  }
  const rules = result.querySelector('#rules');
  rules?.replaceChildren(
    ...outcome.rules.map((r) => {
      const li = document.createElement('li');
      li.className = r.met ? 'met' : 'unmet';
      const h = document.createElement('h3');
      h.textContent = `${r.met ? '已满足' : '未满足'}：${r.title}`;
      const p = document.createElement('p');
      p.textContent = r.detail;
      li.append(h, p);
      if (!r.met && r.next) {
        const n = document.createElement('p');
        n.textContent = `建议：${r.next}`;
        li.append(n);
      }
      return li;
    }),
  );
  result.hidden = false;
  result.querySelector<HTMLElement>('#result-title')?.focus();
}

document.querySelector('#add-experience')?.addEventListener('click', () => {
  if (!list) return;
  const n = list.querySelectorAll('.experience').length + 1;
  const row = list.querySelector('.experience')?.cloneNode(true) as HTMLElement | undefined;
  if (!row) return;
  row.dataset.index = String(n);
  const title = row.querySelector('.exp-title');
  if (title) title.textContent = `第 ${n} 段`;
  // A copy of the first row must not carry its error messages.
  for (const el of Array.from(row.querySelectorAll('.field-error'))) el.remove();
  for (const el of Array.from(row.querySelectorAll<HTMLInputElement>('input'))) {
    const base = el.id.replace(/-\d+$/, '');
    const label = row.querySelector(`label[for="${el.id}"]`);
    el.id = `${base}-${n}`;
    label?.setAttribute('for', el.id);
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
    if (el.type === 'checkbox') el.checked = false;
    else el.value = '';
  }
  list.append(row);
  row.querySelector<HTMLInputElement>('input')?.focus();
});

form?.addEventListener('submit', (event) => {
  event.preventDefault();
  show(form);
});
