/** The eligibility self-check: the same rules (src/shared/eligibility.ts) the filing API applies. */
import { checkEligibility, type EligibilityInput } from '../shared/eligibility.ts';
import type { Degree } from '../shared/labels.ts';

const form = document.querySelector<HTMLFormElement>('#self-check');
const list = document.querySelector<HTMLDivElement>('#experiences');
const result = document.querySelector<HTMLElement>('#result');

function readInput(f: HTMLFormElement): EligibilityInput {
  const data = new FormData(f);
  const q = String(data.get('qualification') ?? 'none');
  const qualification: EligibilityInput['qualification'] =
    q === 'equivalent'
      ? { kind: 'equivalent', hasProof: true }
      : q === 'none'
        ? { kind: 'none' }
        : { kind: 'certificate', level: q as 'intermediate' | 'senior' | 'junior' };
  const experiences = Array.from(f.querySelectorAll<HTMLElement>('.experience'))
    .map((row) => ({
      from: row.querySelector<HTMLInputElement>('input[name="from"]')?.value ?? '',
      to: row.querySelector<HTMLInputElement>('input[name="to"]')?.value || null,
      qualityDuties: row.querySelector<HTMLInputElement>('input[name="qualityDuties"]')?.checked ?? false,
    }))
    .filter((e) => e.from);
  return { degree: String(data.get('degree')) as Degree, qualification, experiences };
}

function show(f: HTMLFormElement) {
  if (!result) return;
  const outcome = checkEligibility(readInput(f));
  const verdict = result.querySelector('#verdict');
  if (verdict) {
    verdict.textContent = outcome.eligible
      ? '符合全部任职条件，可以准备备案材料。'
      : '暂不符合全部任职条件，请查看下面未满足的条件和建议。';
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
  for (const el of Array.from(row.querySelectorAll<HTMLInputElement>('input'))) {
    const base = el.id.replace(/-\d+$/, '');
    const label = row.querySelector(`label[for="${el.id}"]`);
    el.id = `${base}-${n}`;
    label?.setAttribute('for', el.id);
    if (el.type === 'checkbox') el.checked = true;
    else el.value = '';
  }
  list.append(row);
  row.querySelector<HTMLInputElement>('input')?.focus();
});

form?.addEventListener('submit', (event) => {
  event.preventDefault();
  show(form);
});
