/**
 * The verify page for one 备案编号. Every /verify/<备案编号>/ URL is served this one static page, so the number
 * comes from location.pathname (or ?no= from the form on /verify/, which is then turned into the canonical URL).
 */

import { formatDay } from '../../shared/formats.ts';
import { cityName } from '../../shared/labels.ts';
import type { CqoRecord } from '../../shared/registry/answers.ts';
import { ApiFailure } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { filingNoPattern, getJson, statusText, typeAndGrade, verifyPath } from './records.ts';

const message = document.querySelector<HTMLElement>('#verify-message');
const record = document.querySelector<HTMLElement>('#verify-record');
const input = document.querySelector<HTMLInputElement>('#no');
const baseTitle = document.title;

function text(id: string, value: string) {
  const node = document.getElementById(id);
  if (node) node.textContent = value;
}

function say(...parts: (string | Node)[]) {
  const p = document.createElement('p');
  p.append(...parts);
  message?.replaceChildren(p);
}

function link(href: string, label: string) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = label;
  return a;
}

function requestedNumber(): string {
  const fromPath = /^\/verify\/([^/]+)\/?$/.exec(location.pathname)?.[1];
  let raw = new URLSearchParams(location.search).get('no') ?? '';
  try {
    if (fromPath) raw = decodeURIComponent(fromPath);
  } catch {
    raw = fromPath ?? '';
  }
  return raw.trim().toUpperCase();
}

const stateWord = { valid: '有效', deregistered: '已注销', superseded: '已变更' } as const;

/** A superseded number: say it was replaced, and where the enterprise's current record is (when public). */
function showReplacement(cqo: CqoRecord) {
  const note = document.querySelector<HTMLElement>('#verify-replaced');
  if (!note) return;
  note.hidden = cqo.status !== 'superseded';
  if (cqo.status !== 'superseded') return;
  const p = document.createElement('p');
  p.append('该备案已由企业新的首席质量官备案替换，此编号不再有效。');
  if (cqo.currentFilingNo)
    p.append(
      '该企业现在的备案：',
      link(verifyPath(cqo.currentFilingNo), `核验 ${cqo.currentFilingNo}`),
      '。',
    );
  else p.append('该企业目前没有在公开名录中列出的备案。');
  note.replaceChildren(p);
  // A replaced number's card must not be printed or displayed again: no QR code, no print button.
  document.querySelector('.verify-qr')?.remove();
  document.querySelector('#verify-print')?.remove();
}

function show(cqo: CqoRecord) {
  const valid = cqo.status === 'valid';
  const state = document.querySelector('#verify-state');
  state?.classList.add(cqo.status);
  text('verify-mark', valid ? '✓' : '✕');
  text('verify-state-text', statusText(cqo));
  text('v-filing-no', cqo.filingNo);
  text('v-name', cqo.name ?? '未公开（本人未同意公开姓名）');
  text('v-enterprise', cqo.enterpriseName);
  text('v-uscc', cqo.uscc);
  text('v-type', typeAndGrade(cqo));
  text('v-city', cityName(cqo.city));
  text('v-recognized', formatDay(cqo.recognizedAt));
  const url = `${location.origin}${verifyPath(cqo.filingNo)}`;
  text('v-url', `或访问 ${url}`);
  const today = new Date().toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' });
  text('v-printed', ` · 打印于${today}，以扫码核验结果为准`);
  const qr = document.querySelector<HTMLImageElement>('#v-qr');
  if (qr && cqo.status !== 'superseded') {
    qr.alt = `扫码核验：${cqo.filingNo}`;
    qr.src = `/api/cqos/${encodeURIComponent(cqo.filingNo)}/qr.svg`;
  }
  showReplacement(cqo);
  document.title = `${cqo.filingNo} ${stateWord[cqo.status]} - ${baseTitle}`;
  // The big status below says the same to the eye; the live region tells screen-reader users.
  message?.classList.add('visually-hidden');
  say(`核验结果：备案编号 ${cqo.filingNo} ${statusText(cqo)}。`);
  if (record) record.hidden = false;
}

async function verify(no: string) {
  say('正在核验……');
  try {
    // Revalidate rather than trust the browser's cached copy: a verify page must show today's status.
    show(
      await getJson(
        (o) => client.api.cqos[':filingNo'].$get({ param: { filingNo: encodeURIComponent(no) } }, o),
        { cache: 'no-cache' },
      ),
    );
  } catch (error) {
    const failure =
      error instanceof ApiFailure ? error : new ApiFailure(0, 'unknown', '核验没有完成，请稍后重试。');
    // The number stays in the form, ready to be corrected.
    if (input) input.value = no;
    if (failure.status === 404) {
      document.title = `未找到 ${no} - ${baseTitle}`;
      say(`未找到备案编号 ${no}，请核对。也可以按姓名或企业名称`, link('/lookup/', '查询首席质量官'), '。');
    } else {
      const retry = document.createElement('button');
      retry.type = 'button';
      retry.className = 'button secondary';
      retry.textContent = '重新核验';
      retry.addEventListener('click', () => void verify(no));
      say(`${failure.message} `, retry);
    }
  }
}

document.querySelector('#verify-print')?.addEventListener('click', () => window.print());

const no = requestedNumber();
if (!no) {
  say('请输入备案编号进行核验。');
} else if (!filingNoPattern.test(no)) {
  if (input) input.value = no;
  say(
    `“${no}”不是有效的备案编号格式。备案编号只含字母、数字和连字符，例如 JL-CQO-2026-0001，请核对后重新输入。`,
  );
} else {
  // ?no= from the form becomes the canonical address, the one the QR code and the printed card carry.
  if (location.pathname !== verifyPath(no)) history.replaceState(null, '', verifyPath(no));
  void verify(no);
}
