/**
 * Enterprise registration. The same zod field types as the API check the form first (same messages);
 * whatever the server still refuses comes back as `fields` and is shown the same way.
 */
import { z } from 'zod';
import {
  contactPhoneField,
  issuesToFields,
  passwordField,
  personName,
  text,
  usccField,
} from '../../shared/fields.ts';
import { cityCodes, type EnterpriseType, enterpriseTypeCodes, gradesOf } from '../../shared/labels.ts';
import { checkContactPhone } from '../../shared/phone.ts';
import { checkUscc } from '../../shared/uscc.ts';
import { ApiFailure, call } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { clearErrors, type FieldErrors, setFieldError, showErrors } from '../lib/forms.ts';

const registration = z.object({
  name: text('企业名称', 100),
  uscc: usccField,
  type: z.enum(enterpriseTypeCodes, { error: '请选择企业类型' }),
  grade: z.string().nullable(),
  city: z.enum(cityCodes, { error: '请选择所属市州' }),
  contactName: personName('联系人', 50),
  contactPhone: contactPhoneField,
  password: passwordField,
});

const form = document.querySelector<HTMLFormElement>('#register-form');
const status = document.querySelector<HTMLElement>('#register-status');
const gradeField = document.querySelector<HTMLElement>('#grade-field');
const grade = document.querySelector<HTMLSelectElement>('#grade');

function value(name: string): string {
  const el = form?.elements.namedItem(name);
  if (el instanceof RadioNodeList) return el.value;
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement ? el.value : '';
}

/** Grades follow the type; 旅行社 have none, so the select is hidden and left out. */
function updateGrades() {
  if (!grade || !gradeField) return;
  const type = value('type') as EnterpriseType | '';
  const grades = type ? gradesOf(type) : [];
  const chosen = grade.value;
  const options = [new Option('请选择', ''), ...grades.map((g) => new Option(g, g))];
  grade.replaceChildren(...options);
  if (grades.includes(chosen)) grade.value = chosen;
  gradeField.hidden = grades.length === 0;
  grade.disabled = grades.length === 0;
}

function liveCheck(id: string, check: (input: string) => { ok: boolean; message?: string }) {
  const input = document.getElementById(id);
  if (!(input instanceof HTMLInputElement)) return;
  input.addEventListener('blur', () => {
    if (input.value.trim() === '') return;
    const result = check(input.value);
    setFieldError(input, result.ok ? null : (result.message ?? null));
  });
}

function validate(): { errors: FieldErrors; body?: z.infer<typeof registration> } {
  const parsed = registration.safeParse({
    name: value('name'),
    uscc: value('uscc'),
    type: value('type') || undefined,
    grade: grade && !grade.disabled ? grade.value || null : null,
    city: value('city') || undefined,
    contactName: value('contactName'),
    contactPhone: value('contactPhone'),
    password: value('password'),
  });
  const errors: FieldErrors = parsed.success ? {} : issuesToFields(parsed.error.issues);
  const type = value('type') as EnterpriseType | '';
  if (type && gradesOf(type).length > 0 && !(grade?.value ?? '')) errors.grade = '请选择等级';
  if (!errors.password && value('passwordConfirm') !== value('password')) {
    errors.passwordConfirm = '两次输入的密码不一致，请重新输入确认密码';
  }
  // Order the summary as the fields appear on the page.
  const order = [
    'name',
    'uscc',
    'type',
    'grade',
    'city',
    'contactName',
    'contactPhone',
    'password',
    'passwordConfirm',
  ];
  const sorted: FieldErrors = {};
  for (const key of order) if (errors[key]) sorted[key] = errors[key];
  for (const [key, message] of Object.entries(errors)) sorted[key] ??= message;
  if (!parsed.success || Object.keys(sorted).length > 0) return { errors: sorted };
  return { errors: sorted, body: parsed.data };
}

for (const radio of Array.from(form?.querySelectorAll<HTMLInputElement>('input[name="type"]') ?? [])) {
  radio.addEventListener('change', updateGrades);
}
updateGrades();
liveCheck('uscc', checkUscc);
liveCheck('contactPhone', checkContactPhone);

form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const { errors, body } = validate();
  if (!body) {
    showErrors(form, errors, '注册信息有问题，请修改');
    return;
  }
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (button) button.disabled = true;
  if (status) status.textContent = '正在注册……';
  try {
    await call(client.api.auth.register.$post({ json: body }));
    clearErrors(form);
    if (status) status.textContent = '注册成功，正在进入企业账号……';
    location.assign('/account/');
  } catch (e) {
    if (status) status.textContent = '';
    const failure = e instanceof ApiFailure ? e : new ApiFailure(0, 'network', '注册失败，请稍后重试');
    if (Object.keys(failure.fields).length > 0) showErrors(form, failure.fields, '注册信息有问题，请修改');
    else if (failure.status === 409) showErrors(form, { uscc: failure.message }, '该企业已注册');
    else showErrors(form, { _: failure.message }, '暂时无法注册');
  } finally {
    if (button) button.disabled = false;
  }
});
