/**
 * Step 4 of the 备案登记表, 工作经历: rows added and removed with focus kept in place and the change announced,
 * the dates of each row checked as they are typed, and the total experience against the 3-year requirement.
 */
import { formatMonths, REQUIRED_EXPERIENCE_MONTHS } from '../../shared/filings/eligibility.ts';
import { eligibilityOf, experienceProblems } from '../../shared/filings/form.ts';
import { addExperience, experienceRows, MAX_EXPERIENCES, readForm, renumberExperiences } from './fields.ts';
import { renderProblems } from './notes.ts';
import { session } from './session.ts';

const addButton = document.querySelector<HTMLButtonElement>('#experiences');

export function updateExperience() {
  const form = readForm(session.ctx);
  const months = eligibilityOf(form).experienceMonths;
  const total = document.querySelector('#experience-total');
  if (total) {
    total.textContent = `按以上经历累计旅游服务质量管理工作经验 ${formatMonths(months)}，${
      months >= REQUIRED_EXPERIENCE_MONTHS
        ? '满足“3 年以上”的要求。'
        : `不足 3 年，还差 ${formatMonths(REQUIRED_EXPERIENCE_MONTHS - months)}。`
    }`;
  }
  const rowProblems = experienceProblems(form);
  experienceRows().forEach((row, i) => {
    const p = row.querySelector<HTMLElement>('[data-row-problem]');
    const from = row.querySelector<HTMLElement>('[data-name="from"]');
    const message = rowProblems[`experiences.${i}.from`];
    if (!p || !from) return;
    p.textContent = message ?? '';
    p.hidden = !message;
    const ids = (from.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== p.id);
    if (message) ids.push(p.id);
    from.setAttribute('aria-describedby', ids.join(' '));
  });
  if (addButton) addButton.disabled = experienceRows().length >= MAX_EXPERIENCES;
}

function announce(text: string) {
  const region = document.getElementById('experience-announce');
  if (region) region.textContent = text;
}

/** Row numbers shift when a row goes, so problems keyed by row would point at the wrong one until the next save. */
function dropExperienceProblems() {
  const { problems } = session;
  if (!problems) return;
  for (const path of Object.keys(problems)) if (path.startsWith('experiences.')) delete problems[path];
}

export function wireExperiences() {
  addButton?.addEventListener('click', () => {
    if (experienceRows().length >= MAX_EXPERIENCES) return;
    const row = addExperience();
    session.edits++;
    updateExperience();
    row?.querySelector<HTMLInputElement>('input')?.focus();
    announce(`已添加第 ${experienceRows().length} 段工作经历`);
  });
  document.querySelector('#experience-rows')?.addEventListener('click', (e) => {
    const button = (e.target as Element).closest('[data-remove]');
    const row = button?.closest<HTMLElement>('.experience');
    if (!row) return;
    const index = experienceRows().indexOf(row as HTMLFieldSetElement);
    row.remove();
    renumberExperiences();
    session.edits++;
    dropExperienceProblems();
    renderProblems();
    updateExperience();
    const rest = experienceRows();
    const next = rest[index] ?? rest[index - 1];
    (next?.querySelector<HTMLInputElement>('input') ?? addButton)?.focus();
    announce(`已删除第 ${index + 1} 段工作经历`);
  });
}
