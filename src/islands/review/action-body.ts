/**
 * The request body of a review action, read from its panel's inputs and checked before anything is sent, so
 * the reviewer sees a missing reason at once; the API checks the same again.
 */
import { fieldLabels } from '../../shared/filings/form.ts';
import type { ReviewerAction } from './action-fields.ts';

const value = (form: HTMLElement, id: string) =>
  form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)?.value.trim() ?? '';
const checked = (form: HTMLElement, id: string) =>
  form.querySelector<HTMLInputElement>(`#${id}`)?.checked ?? false;

/** Reads one action's inputs into the request body, or the problems to show. */
export function collect(
  a: ReviewerAction,
  form: HTMLElement,
): { body: Record<string, unknown>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const body: Record<string, unknown> = { action: a };
  const note = value(form, `${a}-note`);
  switch (a) {
    case 'city_approve':
    case 'province_approve':
      if (note) body.note = note;
      break;
    case 'city_return':
    case 'province_return': {
      const reasons: Record<string, string> = {};
      for (const [path, label] of Object.entries(fieldLabels)) {
        if (!checked(form, `${a}-pick-${path}`)) continue;
        const reason = value(form, `${a}-reasons-${path}`);
        if (reason) reasons[path] = reason;
        else errors[`${a}.reasons.${path}`] = `请填写“${label}”的修改意见`;
      }
      if (Object.keys(reasons).length === 0 && Object.keys(errors).length === 0) {
        errors[`${a}.reasons`] = '请至少选择一个需要企业修改的项目，并填写修改意见';
      }
      body.reasons = reasons;
      if (note) body.note = note;
      break;
    }
    case 'city_reject':
      if (!note) errors[`${a}.note`] = '请填写不予通过的理由';
      body.note = note;
      break;
    case 'record_training': {
      const hoursText = value(form, `${a}-onlineHours`);
      const hours = Number(hoursText);
      if (hoursText === '' || !Number.isFinite(hours) || hours < 0) {
        errors[`${a}.onlineHours`] = '请填写在线学时，为不小于 0 的数字，如 24 或 20.5';
      }
      const date = value(form, `${a}-date`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors[`${a}.date`] = '请选择专题培训日期';
      const passed = checked(form, `${a}-passed`) ? true : checked(form, `${a}-passed-no`) ? false : null;
      if (passed === null) errors[`${a}.passed`] = '请选择专题培训结果：合格或不合格';
      const certificateNo = value(form, `${a}-certificateNo`);
      Object.assign(body, { onlineHours: hours, date, passed, ...(certificateNo ? { certificateNo } : {}) });
      break;
    }
    case 'recognize':
      if (!checked(form, `${a}-confirm`)) errors[`${a}.confirm`] = '请勾选确认已核对培训记录和备案材料';
      break;
    case 'deregister': {
      const reason = value(form, `${a}-reason`);
      if (!reason) errors[`${a}.reason`] = '请填写注销原因';
      body.reason = reason;
      break;
    }
    case 'withdraw_publication_consent':
      if (!checked(form, `${a}-confirm`)) errors[`${a}.confirm`] = '请勾选确认已核实是首席质量官本人的申请';
      if (note) body.note = note;
      break;
  }
  return { body, errors };
}
