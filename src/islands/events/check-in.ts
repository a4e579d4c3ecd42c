/**
 * Check-in on a phone (/admin/events/check-in/?event=<slug>, admin only): type or paste a code, see its
 * attendees, check in one or all. The event is part of every check-in request, so the server refuses a code
 * of another event; without ?event= the page first asks which event. Results are announced in the
 * role="status" message.
 */

import type { RegistrationDetail } from '../../shared/events/answers.ts';
import { offDayNote } from '../../shared/events/event-day.ts';
import { normalizeCode } from '../../shared/events/labels.ts';
import { formatDateTime } from '../../shared/formats.ts';
import { ApiFailure, call, toLogin } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { clearErrors, showErrors } from '../lib/forms.ts';
import { requireRole } from '../lib/staff.ts';
import { attendeeState, eventParam } from './ui.ts';

const form = document.getElementById('lookup') as HTMLFormElement;
const codeInput = document.getElementById('code') as HTMLInputElement;
const message = document.getElementById('result-message') as HTMLElement;
const result = document.getElementById('result') as HTMLElement;
const checkAll = document.getElementById('check-all') as HTMLButtonElement;
const expected = eventParam();
let current: RegistrationDetail | null = null;

function say(text: string, warn = false) {
  message.classList.toggle('warn', warn);
  message.textContent = text;
}

function failure(e: unknown) {
  if (e instanceof ApiFailure && e.status === 401) toLogin();
  return e instanceof Error ? e.message : '操作未完成，请重试';
}

function render(r: RegistrationDetail) {
  current = r;
  const other = expected !== null && r.event.slug !== expected;
  const facts: [string, string][] = [
    ['活动', `${r.event.title}${other ? '（注意：不是本场活动）' : ''}`],
    ['时间', formatDateTime(r.event.startsAt)],
    ['报名单位', r.enterpriseName],
    ['确认码', r.code],
  ];
  (document.getElementById('result-facts') as HTMLElement).replaceChildren(
    ...facts.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
  );
  const ready = r.attendees.filter((a) => a.status === 'confirmed' && !a.checkedInAt);
  (document.getElementById('result-attendees') as HTMLElement).replaceChildren(
    ...r.attendees.map((a) => {
      const li = h(
        'li',
        null,
        h('span', { class: 'who' }, h('strong', null, a.name), `（${a.position}，${a.mobile}）`),
        h('span', { class: 'status-tag' }, attendeeState(a)),
      );
      if (a.status === 'confirmed' && !a.checkedInAt && !other) {
        const button = h('button', { type: 'button', class: 'button' }, `签到：${a.name}`);
        button.addEventListener('click', () => void checkIn([a.id]));
        li.append(button);
      }
      return li;
    }),
  );
  checkAll.hidden = ready.length < 2 || other;
  result.hidden = false;
}

async function find(code: string) {
  say('正在查询……');
  try {
    const r = await call(
      client.api.registrations[':code'].$get({ param: { code: encodeURIComponent(code) } }),
    );
    render(r);
    const ready = r.attendees.filter((a) => a.status === 'confirmed' && !a.checkedInAt).length;
    const other = expected !== null && r.event.slug !== expected;
    say(
      other
        ? `该确认码属于另一场活动“${r.event.title}”，请核对后再签到。`
        : ready > 0
          ? `找到 ${r.enterpriseName} 的报名，${ready} 人待签到。`
          : `找到 ${r.enterpriseName} 的报名，没有待签到的人员。`,
      other || ready === 0,
    );
    (document.getElementById('result-title') as HTMLElement).focus();
  } catch (e) {
    result.hidden = true;
    current = null;
    say(`查询失败：${failure(e)}`, true);
  }
}

const offDay = document.getElementById('off-day') as HTMLElement;
let waiting: string[] = [];

/** The server's “not a day of the event”: asks the organizer, and checks in only once confirmed. */
function askOffDay(ids: string[], why: string) {
  waiting = ids;
  (document.getElementById('off-day-text') as HTMLElement).textContent = why;
  offDay.hidden = false;
  say('尚未签到：今天不是活动日，请确认。', true);
  (document.getElementById('off-day-title') as HTMLElement).focus();
}

async function checkIn(ids: string[], confirmOffDay = false) {
  if (!current || !expected) return;
  offDay.hidden = true;
  try {
    const done = await call(
      client.api.registrations[':code']['check-in'].$post({
        param: { code: encodeURIComponent(current.code) },
        json: { event: expected, attendeeIds: ids, ...(confirmOffDay ? { confirmOffDay } : {}) },
      }),
    );
    render(done.registration);
    const names = done.registration.attendees.filter((a) => ids.includes(a.id)).map((a) => a.name);
    say(
      done.changed > 0 ? `签到成功：${names.join('、')}。` : `${names.join('、')} 此前已签到，无需重复签到。`,
    );
    (document.getElementById('result-title') as HTMLElement).focus();
  } catch (e) {
    if (e instanceof ApiFailure && e.code === 'not_event_day') askOffDay(ids, e.message);
    else say(`签到失败：${failure(e)}`, true);
  }
}

/** Without ?event=: the events to choose from, each a link to its own check-in page. */
async function choose(note: HTMLElement, problem?: string) {
  try {
    const { items } = await call(client.api.events.$get());
    note.textContent = `${problem ?? ''}请先选择要签到的活动：`;
    note.after(
      h(
        'ul',
        null,
        ...items.map((e) =>
          h(
            'li',
            null,
            h('a', { href: `?event=${encodeURIComponent(e.slug)}` }, e.title),
            `（${formatDateTime(e.startsAt)}）`,
          ),
        ),
      ),
    );
  } catch (e) {
    say(`无法加载活动列表：${failure(e)}`, true);
  }
}

async function start() {
  if (!(await requireRole(['admin']))) return;
  const note = document.getElementById('event-note') as HTMLElement;
  if (!expected) return choose(note);
  try {
    const e = await call(client.api.events[':slug'].$get({ param: { slug: encodeURIComponent(expected) } }));
    const off = offDayNote(e, new Date());
    note.textContent = `本场活动：${e.title}（${formatDateTime(e.startsAt)}）。已确认 ${e.confirmed} 人。${off ? `注意：${off}签到前会请您确认。` : ''}`;
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 404) return choose(note, '未找到该活动。');
    say(`无法加载活动信息：${failure(e)}`, true);
    return;
  }
  form.hidden = false;
  codeInput.focus();
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const code = normalizeCode(codeInput.value);
  if (!code) {
    showErrors(
      form,
      { code: '确认码为 16 位字母和数字，如 ABCD-EFGH-JKLM-NPQR，请核对' },
      '确认码格式不正确',
    );
    return;
  }
  clearErrors(form);
  void find(code);
});
checkAll.addEventListener('click', () => {
  if (current)
    void checkIn(
      current.attendees.filter((a) => a.status === 'confirmed' && !a.checkedInAt).map((a) => a.id),
    );
});
(document.getElementById('off-day-confirm') as HTMLButtonElement).addEventListener('click', () => {
  void checkIn(waiting, true);
});
(document.getElementById('off-day-cancel') as HTMLButtonElement).addEventListener('click', () => {
  offDay.hidden = true;
  say('未签到。');
  (document.getElementById('result-title') as HTMLElement).focus();
});
(document.getElementById('next') as HTMLButtonElement).addEventListener('click', () => {
  offDay.hidden = true;
  codeInput.value = '';
  current = null;
  result.hidden = true;
  clearErrors(form);
  say('');
  codeInput.focus();
});

void start();
