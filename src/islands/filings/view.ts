/**
 * The enterprise's status page for one filing: where it stands (./view-state.ts), what reviewers said, what it
 * holds (./view-details.ts) and what the enterprise can do now (./view-actions.ts).
 */

import type { FilingDetail } from '../../shared/filings/answers.ts';
import { goToLogin, queryId } from '../lib/account-ui.ts';
import { ApiFailure, call } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { showErrors } from '../lib/forms.ts';
import { fail, renderActions, setupActions } from './view-actions.ts';
import { renderDetails } from './view-details.ts';
import { renderState } from './view-state.ts';

const filingId = queryId();
const errors = document.querySelector<HTMLElement>('#view-errors');
const filing = client.api.filings[':id'];
const param = () => ({ id: encodeURIComponent(filingId ?? '') });

function render(f: FilingDetail) {
  renderState(f);
  renderDetails(f, {
    onChange: reload,
    onLoggedOut: goToLogin,
    onError: (message) => errors && showErrors(errors, { _: message }, '未能删除'),
  });
  renderActions(f);
}

/** Loads the filing again after an upload or deletion and draws it. */
async function reload() {
  try {
    render(await call(filing.$get({ param: param() })));
  } catch (e) {
    fail(e, errors, '无法刷新备案详情');
  }
}

async function load() {
  const loading = document.querySelector('#view-status');
  const say = (text: string) => {
    if (loading) loading.textContent = text;
  };
  say('正在加载……');
  if (!filingId) {
    say('');
    if (errors) showErrors(errors, { _: '地址中缺少备案编号。请从企业账号打开备案。' }, '无法打开备案详情');
    return;
  }
  setupActions(filingId, errors, render);
  try {
    render(await call(filing.$get({ param: param() })));
    say('');
    const view = document.querySelector<HTMLElement>('#view');
    if (view) view.hidden = false;
  } catch (e) {
    say('');
    if (e instanceof ApiFailure && (e.status === 404 || e.status === 403)) {
      if (errors) showErrors(errors, { _: '未找到这份备案，或您无权查看。' }, '无法打开备案详情');
    } else fail(e, errors, '无法打开备案详情');
  }
}

load();
