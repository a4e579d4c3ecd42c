/**
 * What a save says about the step it saved: the answers that are there but wrong (a mobile of 10 digits, an
 * e-mail with two @) are errors, shown beside their fields and in an error summary at once; the answers not
 * given yet are named in the status and may wait until submission. Saving is never refused for either.
 */
import { h } from '../lib/dom.ts';
import { clearErrors, type FieldErrors, showErrors } from '../lib/forms.ts';
import { labelOf } from './labels.ts';
import { session } from './session.ts';
import { errorOptions, inFormOrder, locate, stepOf } from './steps.ts';

/** Whether the user has put something in the control (a choice not made is not an answer). */
function answered(el: HTMLElement | null): boolean {
  if (el instanceof HTMLInputElement)
    return el.type !== 'radio' && el.type !== 'checkbox' && el.value.trim() !== '';
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return el.value.trim() !== '';
  return false;
}

/** The step's problems of the last save, split into wrong answers and answers still to give, in form order. */
export function stepProblems(step: number): { wrong: FieldErrors; missing: string[] } {
  const wrong: FieldErrors = {};
  const missing: string[] = [];
  for (const [path, message] of inFormOrder(Object.entries(session.problems ?? {}))) {
    const el = locate(path);
    if (stepOf(el) !== step) continue;
    if (answered(el)) wrong[path] = message;
    else missing.push(labelOf(path));
  }
  return { wrong, missing };
}

/**
 * The one line that says what the save did, e.g. “已保存 11:44。第 2 步有 2 项填写有误：手机、电子邮箱。”.
 * `idError`: the 身份证号码 typed was wrong and so not sent; everything else was saved.
 */
export function savedStatus(step: number, time: string, idError: boolean): { text: string; warn: boolean } {
  const { wrong, missing } = stepProblems(step);
  const names = Object.keys(wrong).map(labelOf);
  const saved = idError ? `身份证号码有误，没有保存；其他内容已保存（${time}）。` : `已保存 ${time}。`;
  const wrongNote =
    names.length > 0 ? `第 ${step} 步有 ${names.length} 项填写有误：${names.join('、')}。` : '';
  const missingNote =
    missing.length > 0 ? `第 ${step} 步还须填写：${missing.join('、')}（提交前完善即可）。` : '';
  return { text: `${saved}${wrongNote}${missingNote}`, warn: idError || names.length > 0 };
}

/**
 * Shows the step's wrong answers (and a wrong 身份证号码) beside their fields and in an error summary, or clears
 * the errors of an earlier save when there are none.
 */
export function showStepErrors(form: HTMLElement, step: number, idError?: string): void {
  const errors = Object.fromEntries(
    inFormOrder(Object.entries({ ...stepProblems(step).wrong, ...(idError ? { idNumber: idError } : {}) })),
  );
  const count = Object.keys(errors).length;
  if (count === 0) {
    clearErrors(form);
    return;
  }
  const title = idError && count === 1 ? '身份证号码有误，没有保存' : `第 ${step} 步有 ${count} 项填写有误`;
  showErrors(form, errors, title, errorOptions(errors));
  const next = idError
    ? '其他内容已保存。身份证号码改正后才能保存；暂时不填的，可以清空这一栏。'
    : '以上内容已保存。请修改；也可以再点“保存并继续”，稍后再改，提交前改正即可。';
  form.querySelector('.error-summary')?.append(h('p', null, next));
}

let warned: { step: number; edits: number } | null = null;

/**
 * Whether “保存并继续” may go on to the next step: not while the step has wrong answers the user has not seen;
 * pressing it again without changing anything goes on (the answers are saved; submission will ask again).
 */
export function mayMoveOn(step: number): boolean {
  if (Object.keys(stepProblems(step).wrong).length === 0) return true;
  if (warned?.step === step && warned.edits === session.edits) return true;
  warned = { step, edits: session.edits };
  return false;
}
