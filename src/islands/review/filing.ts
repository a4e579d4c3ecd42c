/**
 * The reviewer's view of one filing (/review/filing/?id=…): every answer of the 登记表 grouped as on the paper
 * form, the eligibility check, attachments, training, the audit history and the action panel. The 身份证号 is
 * masked by the server; revealing it asks for a reason and is logged in the history.
 * This file loads the filing and draws the page; the sections are built in ./detail-*.ts.
 */

import type { FilingDetail } from '../../shared/filings/answers.ts';
import { filingStatusName, reviewerRoles } from '../../shared/filings/status.ts';
import { trainingShortfall } from '../../shared/filings/training.ts';
import { ApiFailure, call, toLogin } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { requireRole } from '../lib/staff.ts';
import { type ActionOutcome, actionPanel } from './actions.ts';
import { answerParts } from './detail-answers.ts';
import {
  actionNames,
  eligibility,
  history,
  overview,
  returnReasons,
  toc,
  training,
} from './detail-sections.ts';
import { idNumberValue, type RevealPage } from './id-reveal.ts';

const root = document.getElementById('filing');
const flash = document.getElementById('flash');
const title = document.getElementById('filing-title');
const id = new URLSearchParams(location.search).get('id') ?? '';

let detail: FilingDetail | null = null;

function say(message: string, warn = false) {
  if (!flash) return;
  flash.classList.toggle('warn', warn);
  flash.textContent = message;
}

const revealPage: RevealPage = {
  render,
  // Reload so the history shows this view; the page still shows the number if that fails.
  refresh: async () => {
    detail = (await load()) ?? detail;
    render();
  },
  say,
};

function onOutcome(outcome: ActionOutcome) {
  if (outcome.kind === 'conflict') {
    void reload().then(() => {
      say(
        '这份备案在您查看期间已被他人处理或状态已变化，您的操作未执行。页面已更新为最新状态，请核对后再操作。',
        true,
      );
      title?.focus();
    });
    return;
  }
  detail = outcome.filing;
  render();
  const done = actionNames[outcome.action] ?? outcome.action;
  const { filing } = outcome;
  const no = filing.filingNo && outcome.action === 'recognize' ? `备案编号：${filing.filingNo}。` : '';
  const why = outcome.action === 'record_training' ? stillAwaiting(filing) : null;
  say(`已办理“${done}”。当前状态：${filingStatusName(filing.status)}。${no}${why ?? ''}`, why !== null);
  title?.focus();
}

/** Why a training record left the filing 待培训, and what completes it. */
function stillAwaiting(filing: FilingDetail): string | null {
  const last = filing.training.attempts.at(-1);
  const shortfall = last && trainingShortfall(last.passed, last.onlineHours ?? filing.training.onlineHours);
  if (filing.status !== 'awaiting_training' || !shortfall) return null;
  const next = last.passed ? '补足学时后再记录一次' : '再次参加专题培训后记录新的结果';
  return `未转为“培训合格，待认定”：${shortfall}。${next}。`;
}

function render() {
  const d = detail;
  if (!d || !root) return;
  if (title) title.textContent = `${d.enterpriseName}：首席质量官备案`;
  document.title = `${d.enterpriseName} 备案审核 - 吉林省旅游行业首席质量官平台`;
  const parts: (HTMLElement | null)[] = [
    ...overview(d),
    toc(),
    eligibility(d),
    returnReasons(d),
    ...answerParts(d, idNumberValue(d, revealPage), {
      onChange: reload,
      onLoggedOut: () => {
        try {
          toLogin();
        } catch {
          // toLogin() throws to stop the caller; the page is navigating away.
        }
      },
      onError: (message) => say(message, true),
    }),
    training(d),
    history(d),
    actionPanel(d, onOutcome),
  ];
  root.replaceChildren(...parts.filter((x) => x !== null));
}

async function load(): Promise<FilingDetail | null> {
  try {
    return await call(client.api.filings[':id'].$get({ param: { id: encodeURIComponent(id) } }));
  } catch (e) {
    if (!(e instanceof ApiFailure)) throw e;
    if (e.status === 401) toLogin();
    say(
      e.status === 404 || e.status === 403
        ? '未找到这份备案，或它不在您的审核范围内。'
        : `无法加载备案：${e.message}`,
      true,
    );
    return null;
  }
}

async function reload() {
  const next = await load();
  if (next) {
    detail = next;
    render();
  }
}

async function main() {
  const back = document.getElementById('back-to-queue');
  const queue = sessionStorage.getItem('review-queue');
  if (back && queue?.startsWith('/review/?')) back.setAttribute('href', queue);
  try {
    if (!(await requireRole(reviewerRoles))) return;
  } catch (e) {
    say(e instanceof Error ? e.message : String(e), true);
    return;
  }
  if (!id) {
    say('地址中缺少备案编号，请从审核工作台打开备案。', true);
    return;
  }
  detail = await load();
  if (!detail) return;
  render();
  say('');
}

void main();
