/**
 * The printable confirmation (/forums/registration/#<code>): the code, the event, each attendee's status, the
 * .ics file and, for the registering enterprise or an organizer, cancellation per attendee. The page's own
 * address carries the code in the fragment (browsers do not send it, nor put it in Referer headers); the API
 * calls this page makes carry it in their paths. The code alone opens the page, no login needed; cancelling
 * needs the registering enterprise's login (the server checks it).
 */

import type { RegistrationDetail } from '../../shared/events/answers.ts';
import { eventPagePath, formatCode, normalizeCode } from '../../shared/events/labels.ts';
import { formatDateTime } from '../../shared/formats.ts';
import { cityName, eventKindName } from '../../shared/labels.ts';
import { ApiFailure, call } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { clearErrors, showErrors } from '../lib/forms.ts';
import { attendeeState } from './ui.ts';

const status = document.getElementById('confirmation-status') as HTMLElement;
const problem = document.getElementById('confirmation-problem') as HTMLElement;
const lookup = document.getElementById('lookup') as HTMLFormElement;
const codeInput = document.getElementById('code') as HTMLInputElement;
const view = document.getElementById('confirmation') as HTMLElement;

let current: RegistrationDetail | null = null;

function say(message: string, error = false) {
  status.classList.toggle('is-error', error);
  status.textContent = message;
}

function render(r: RegistrationDetail) {
  current = r;
  problem.replaceChildren();
  (document.getElementById('code-text') as HTMLElement).textContent = r.code;
  const e = r.event;
  const facts: [string, string | Node][] = [
    ['活动', h('a', { href: eventPagePath(e.slug) }, e.title)],
    ['类型', eventKindName(e.kind)],
    ['时间', `${formatDateTime(e.startsAt)} 至 ${formatDateTime(e.endsAt)}`],
    ['地点', `${cityName(e.city)} · ${e.venue}`],
    ['主办', e.organizer],
    ['报名单位', r.enterpriseName],
    ['报名时间', formatDateTime(r.createdAt)],
  ];
  (document.getElementById('event-facts') as HTMLElement).replaceChildren(
    ...facts.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
  );
  const cancellable = (a: RegistrationDetail['attendees'][number]) =>
    r.cancellable && a.status !== 'cancelled' && !a.checkedInAt;
  (document.getElementById('attendee-list') as HTMLElement).replaceChildren(
    ...r.attendees.map((a) => {
      const li = h(
        'li',
        { class: a.status === 'cancelled' ? 'is-cancelled' : null },
        h('p', { class: 'who' }, h('strong', null, a.name), ` ${a.position}`),
        h('p', null, `手机：${a.mobile}`),
        h('p', null, '状态：', h('span', { class: 'status-tag' }, attendeeState(a))),
      );
      if (cancellable(a)) {
        const button = h('button', { type: 'button', class: 'link no-print' }, `取消 ${a.name} 的报名`);
        button.addEventListener('click', () => void cancel(a.id, a.name));
        li.append(button);
      }
      return li;
    }),
  );
  // Someone holding only the code: cancelling is for the registering enterprise, signed in.
  const active = r.attendees.some((a) => a.status !== 'cancelled' && !a.checkedInAt);
  const note = document.getElementById('cancel-note') as HTMLElement;
  note.replaceChildren(
    ...(!r.cancellable && active && Date.parse(e.startsAt) > Date.now()
      ? [
          '如需取消参会人员，请使用报名企业的账号',
          h('a', { href: '/account/login/?next=%2Faccount%2Fregistrations%2F' }, '登录'),
          '，在“我的报名”中打开本确认单后取消。',
        ]
      : []),
  );
  const waiting = r.attendees.some((a) => a.status === 'waitlisted');
  (document.getElementById('waitlist-note') as HTMLElement).textContent = waiting
    ? '候补人员在有人取消或主办单位增加席位时按报名先后自动递补，递补后本页状态即变为“已确认”。'
    : '';
  const calendar = document.getElementById('calendar') as HTMLAnchorElement;
  calendar.href = r.calendarUrl;
  (document.getElementById('announcement') as HTMLAnchorElement).href = eventPagePath(e.slug);
  lookup.hidden = true;
  view.hidden = false;
  document.title = `报名确认单：${e.title} - 吉林省旅游行业首席质量官平台`;
}

async function cancel(attendeeId: string, name: string) {
  if (!current) return;
  if (!window.confirm(`确定取消 ${name} 的报名吗？取消后席位将由候补人员递补，无法恢复。`)) return;
  say('正在取消……');
  try {
    const result = await call(
      client.api.registrations[':code'].cancel.$post({
        param: { code: encodeURIComponent(current.code) },
        json: { attendeeIds: [attendeeId] },
      }),
    );
    render(result.registration);
    say(
      result.changed === 0
        ? `${name} 的报名此前已取消。`
        : `已取消 ${name} 的报名。${result.promoted > 0 ? '空出的席位已由候补名单中的第一位递补。' : ''}`,
    );
    (document.getElementById('attendees-title') as HTMLElement).focus();
  } catch (e) {
    say(`未能取消：${e instanceof Error ? e.message : '请稍后重试'}`, true);
  }
}

async function open(code: string) {
  say('正在加载报名……');
  try {
    render(await call(client.api.registrations[':code'].$get({ param: { code: encodeURIComponent(code) } })));
    say('');
  } catch (e) {
    view.hidden = true;
    lookup.hidden = false;
    codeInput.value = formatCode(code);
    say('');
    const message =
      e instanceof ApiFailure && e.status === 404
        ? '未找到该确认码对应的报名，请核对确认码（16 位字母和数字）'
        : e instanceof Error
          ? e.message
          : '无法加载，请稍后重试';
    showErrors(lookup, { code: message }, '无法打开报名确认单');
  }
}

function fromHash() {
  const code = normalizeCode(decodeURIComponent(location.hash.slice(1)));
  if (code) void open(code);
  else {
    view.hidden = true;
    lookup.hidden = false;
    say('');
  }
}

lookup.addEventListener('submit', (e) => {
  e.preventDefault();
  const code = normalizeCode(codeInput.value);
  if (!code) {
    showErrors(lookup, { code: '确认码为 16 位字母和数字，如 ABCD-EFGH-JKLM-NPQR，请核对' });
    return;
  }
  clearErrors(lookup);
  if (location.hash === `#${formatCode(code)}`) void open(code);
  else location.hash = formatCode(code);
});
(document.getElementById('print') as HTMLButtonElement).addEventListener('click', () => window.print());
(document.getElementById('attendees-title') as HTMLElement).tabIndex = -1;
window.addEventListener('hashchange', fromHash);
fromHash();
