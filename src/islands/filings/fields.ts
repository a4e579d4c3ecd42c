/**
 * The filing form's values in the page and back: reads the inputs of every step into a FilingDraft and fills
 * them from one. Element ids equal fieldId(path) (`experiences-0-from`), so errors keyed by path find them.
 */
import type { FilingDraft } from '../../shared/filings/form.ts';
import type { Degree } from '../../shared/labels.ts';

type Experience = NonNullable<FilingDraft['experiences']>[number];
type Qualification = NonNullable<FilingDraft['qualification']>;
type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export const MAX_EXPERIENCES = 20;

function control(id: string): Control | null {
  const el = document.getElementById(id);
  return el instanceof HTMLInputElement ||
    el instanceof HTMLSelectElement ||
    el instanceof HTMLTextAreaElement
    ? el
    : null;
}

function text(id: string): string {
  return control(id)?.value ?? '';
}

function setText(id: string, value: string | null | undefined) {
  const el = control(id);
  if (el) el.value = value ?? '';
}

function checkedValue(name: string): string | undefined {
  return document.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
}

function check(name: string, value: string | undefined) {
  for (const input of Array.from(document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`))) {
    input.checked = input.value === value;
  }
}

/** Standard duties (二（三）) as rendered at build time, in their order. */
function standardDuties(): HTMLInputElement[] {
  return Array.from(document.querySelectorAll<HTMLInputElement>('input[name="duty"]'));
}

// ---- experience rows ----

const rows = () =>
  Array.from(document.querySelectorAll<HTMLFieldSetElement>('#experience-rows > .experience'));

/** Gives every row's controls the ids of their field paths, after adding or removing a row. */
export function renumberExperiences() {
  rows().forEach((row, i) => {
    row.dataset.index = String(i);
    const legend = row.querySelector('[data-legend]');
    if (legend) legend.textContent = `第 ${i + 1} 段工作经历`;
    for (const el of Array.from(row.querySelectorAll<HTMLElement>('[data-name]'))) {
      el.id = `experiences-${i}-${el.dataset.name}`;
    }
    for (const label of Array.from(row.querySelectorAll<HTMLLabelElement>('label[data-for]'))) {
      label.htmlFor = `experiences-${i}-${label.dataset.for}`;
    }
    for (const hint of Array.from(row.querySelectorAll<HTMLElement>('[data-hint]'))) {
      hint.id = `experiences-${i}-${hint.dataset.hint}-hint`;
      const field = row.querySelector<HTMLElement>(`[data-name="${hint.dataset.hint}"]`);
      if (field) {
        // Keep error/problem ids that belong to the field, but never a stale hint id of another index.
        const kept = (field.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .filter((id) => id && !id.endsWith('-hint'));
        field.setAttribute('aria-describedby', [hint.id, ...kept].join(' '));
      }
    }
    const problem = row.querySelector<HTMLElement>('[data-row-problem]');
    if (problem) problem.id = `experiences-${i}-problem`;
    const remove = row.querySelector<HTMLButtonElement>('[data-remove]');
    if (remove) remove.textContent = `删除第 ${i + 1} 段工作经历`;
  });
}

function syncCurrent(row: HTMLElement) {
  const current = row.querySelector<HTMLInputElement>('[data-name="current"]');
  const to = row.querySelector<HTMLInputElement>('[data-name="to"]');
  // Disabled, not cleared: unticking 至今 brings back what was typed.
  if (current && to) to.disabled = current.checked;
}

/** Adds a row (empty or filled) at the end and returns it. */
export function addExperience(value?: Experience): HTMLFieldSetElement | null {
  const template = document.querySelector<HTMLTemplateElement>('#experience-template');
  const list = document.querySelector('#experience-rows');
  const row = template?.content.firstElementChild?.cloneNode(true);
  if (!(row instanceof HTMLFieldSetElement) || !list) return null;
  list.append(row);
  const get = (name: string) =>
    row.querySelector<HTMLInputElement & HTMLTextAreaElement>(`[data-name="${name}"]`);
  const from = get('from');
  const to = get('to');
  const current = get('current');
  const employer = get('employer');
  const position = get('position');
  const quality = get('qualityDuties');
  const description = get('description');
  if (from) from.value = value?.from ?? '';
  if (to) to.value = value?.to ?? '';
  if (current) {
    current.checked = value !== undefined && value.to === null;
    current.addEventListener('change', () => syncCurrent(row));
  }
  if (employer) employer.value = value?.employer ?? '';
  if (position) position.value = value?.position ?? '';
  if (quality) quality.checked = value?.qualityDuties ?? true;
  if (description) description.value = value?.description ?? '';
  syncCurrent(row);
  renumberExperiences();
  return row;
}

export function experienceRows(): HTMLFieldSetElement[] {
  return rows();
}

function readExperience(row: HTMLElement): Experience {
  const get = (name: string) =>
    row.querySelector<HTMLInputElement & HTMLTextAreaElement>(`[data-name="${name}"]`);
  return {
    from: get('from')?.value ?? '',
    to: get('current')?.checked ? null : (get('to')?.value ?? ''),
    employer: get('employer')?.value ?? '',
    position: get('position')?.value ?? '',
    qualityDuties: get('qualityDuties')?.checked ?? false,
    description: get('description')?.value ?? '',
  };
}

// ---- the whole form ----

export type FormContext = { gradeApplies: boolean; licenseApplies: boolean };

export function readForm(ctx: FormContext): FilingDraft {
  const draft: FilingDraft = {
    grade: ctx.gradeApplies ? text('grade') || null : null,
    licenseNo: ctx.licenseApplies ? text('licenseNo') || null : null,
    address: text('address'),
    legalRep: text('legalRep'),
    contactName: text('contactName'),
    contactPhone: text('contactPhone'),
    cqoName: text('cqoName'),
    position: text('position'),
    mobile: text('mobile'),
    email: text('email'),
    school: text('school'),
    major: text('major'),
    experiences: rows().map(readExperience),
    appointedOn: text('appointedOn'),
    duties: [
      ...standardDuties()
        .filter((d) => d.checked)
        .map((d) => d.value),
      ...text('duties-other')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    ],
    truthful: (document.getElementById('truthful') as HTMLInputElement | null)?.checked ?? false,
  };
  const degree = checkedValue('degree');
  if (degree) draft.degree = degree as Degree;
  const kind = checkedValue('qualificationKind');
  if (kind === 'certificate') {
    const level = checkedValue('qualificationLevel');
    draft.qualification = {
      kind,
      ...(level ? { level } : {}),
      certificateNo: text('qualification-certificateNo'),
      issuer: text('qualification-issuer'),
      issuedOn: text('qualification-issuedOn'),
    };
  } else if (kind === 'equivalent') {
    draft.qualification = { kind, description: text('qualification-description') };
  }
  const consent = checkedValue('publishConsent');
  if (consent) draft.publishConsent = consent === 'yes';
  return draft;
}

export function writeForm(draft: FilingDraft) {
  setText('grade', draft.grade);
  setText('licenseNo', draft.licenseNo);
  for (const key of ['address', 'legalRep', 'contactName', 'contactPhone', 'cqoName', 'position'] as const) {
    setText(key, draft[key]);
  }
  for (const key of ['mobile', 'email', 'school', 'major', 'appointedOn'] as const) setText(key, draft[key]);
  check('degree', draft.degree);
  const q: Qualification | undefined = draft.qualification;
  check('qualificationKind', q?.kind);
  check('qualificationLevel', q?.level);
  setText('qualification-certificateNo', q?.certificateNo);
  setText('qualification-issuer', q?.issuer);
  setText('qualification-issuedOn', q?.issuedOn);
  setText('qualification-description', q?.description);
  const list = document.querySelector('#experience-rows');
  list?.replaceChildren();
  for (const e of draft.experiences ?? []) addExperience(e);
  if (rows().length === 0) addExperience();
  const duties = draft.duties ?? [];
  const standard = standardDuties();
  for (const d of standard) d.checked = duties.includes(d.value);
  const known = new Set(standard.map((d) => d.value));
  setText('duties-other', duties.filter((d) => !known.has(d)).join('\n'));
  const truthful = document.getElementById('truthful') as HTMLInputElement | null;
  if (truthful) truthful.checked = draft.truthful === true;
  check(
    'publishConsent',
    draft.publishConsent === undefined ? undefined : draft.publishConsent ? 'yes' : 'no',
  );
}
