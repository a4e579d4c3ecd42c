/**
 * The action panel of the review detail page, built from FilingDetail.actions: one small form per action
 * (./action-fields.ts), checked here for instant feedback (./action-body.ts) and by the API as the authority.
 */

import type { InferRequestType } from 'hono/client';
import type { FilingDetail } from '../../shared/filings/answers.ts';
import type { FilingAction } from '../../shared/filings/status.ts';
import { ApiFailure, call, toLogin } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { choice } from '../lib/field.ts';
import { clearErrors, showErrors } from '../lib/forms.ts';
import { prefixFields } from '../lib/staff.ts';
import { collect } from './action-body.ts';
import { actionNames, panelFields, type ReviewerAction, reviewerActions } from './action-fields.ts';

export type ActionOutcome =
  | { kind: 'done'; action: ReviewerAction; filing: FilingDetail }
  | { kind: 'conflict'; message: string };

const isReviewerAction = (a: FilingAction): a is ReviewerAction =>
  (reviewerActions as readonly string[]).includes(a);

/**
 * The 审核操作 section for the actions the caller may take now, or a note that there are none.
 * `onOutcome` gets the updated filing after success, or a conflict when someone else changed it first.
 */
export function actionPanel(detail: FilingDetail, onOutcome: (outcome: ActionOutcome) => void): HTMLElement {
  const actions = detail.actions.filter(isReviewerAction);
  const section = h('section', { 'aria-labelledby': 'actions-title', class: 'no-print' });
  section.append(h('h2', { id: 'actions-title' }, '审核操作'));
  if (actions.length === 0) {
    section.append(h('p', {}, '当前状态下您没有需要办理的审核操作。'));
    return section;
  }
  const form = h('form', { class: 'action-panel', novalidate: true, id: 'action-form' });
  const panels = new Map<ReviewerAction, HTMLElement>();
  for (const a of actions) {
    const panel = h(
      'div',
      { id: `panel-${a}` },
      actions.length === 1 ? h('h3', {}, actionNames[a].choice) : null,
      panelFields(a, detail),
      h('button', { type: 'submit', class: 'button', 'data-action': a }, actionNames[a].submit),
    );
    panel.hidden = actions.length > 1;
    panels.set(a, panel);
  }
  if (actions.length > 1) {
    const chooser = h(
      'fieldset',
      {},
      h('legend', {}, '选择审核结论'),
      actions.map((a) => choice('radio', `choose-${a}`, 'action', a, actionNames[a].choice)),
    );
    chooser.addEventListener('change', (e) => {
      const picked = (e.target as HTMLInputElement).value;
      clearErrors(form);
      for (const [a, panel] of panels) panel.hidden = a !== picked;
    });
    form.append(chooser);
  }
  form.append(...panels.values());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // The chosen action, not the submitter: Enter in a field submits with the form's first button.
    const picked = form.querySelector<HTMLInputElement>('input[name="action"]:checked')?.value;
    const a = actions.length === 1 ? actions[0] : actions.find((x) => x === picked);
    const button = a ? panels.get(a)?.querySelector<HTMLButtonElement>('button[type="submit"]') : null;
    if (!a || !button) return;
    const { body, errors } = collect(a, form);
    if (Object.keys(errors).length > 0) {
      showErrors(form, errors);
      return;
    }
    clearErrors(form);
    button.disabled = true;
    try {
      const filing = await call(
        client.api.filings[':id'].actions.$post({
          param: { id: encodeURIComponent(detail.id) },
          // Built field by field from the form above; the API checks it against the action's schema.
          json: body as InferRequestType<(typeof client.api.filings)[':id']['actions']['$post']>['json'],
        }),
      );
      onOutcome({ kind: 'done', action: a, filing });
    } catch (e) {
      button.disabled = false;
      if (!(e instanceof ApiFailure)) throw e;
      if (e.status === 401) toLogin();
      // 409 is the contract's answer to a stale page; the API may also answer 403 when the action is no longer
      // allowed in the filing's new state. Either way the page is out of date: reload it.
      if (e.status === 409 || e.status === 403) {
        onOutcome({ kind: 'conflict', message: e.message });
        return;
      }
      const fields = prefixFields(a, e.fields);
      showErrors(
        form,
        Object.keys(fields).length > 0 ? fields : { [`${a}._`]: e.message },
        '操作未完成，请修改后重试',
      );
    }
  });
  section.append(form);
  return section;
}
