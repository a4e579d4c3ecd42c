/** The enterprise's registrations (/account/registrations/): each with its code, attendees and their status. */

import type { RegistrationDetail } from '../../shared/events/answers.ts';
import { eventPagePath } from '../../shared/events/labels.ts';
import { formatDateTime } from '../../shared/formats.ts';
import { cityName } from '../../shared/labels.ts';
import { ApiFailure, call, toLogin } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { attendeeState } from './ui.ts';

const status = document.getElementById('mine-status') as HTMLElement;
const problem = document.getElementById('mine-problem') as HTMLElement;
const list = document.getElementById('mine') as HTMLElement;

function card(r: RegistrationDetail) {
  const e = r.event;
  return h(
    'li',
    { class: 'registration' },
    h('h2', null, h('a', { href: eventPagePath(e.slug) }, e.title)),
    h(
      'p',
      null,
      `${formatDateTime(e.startsAt)} · ${cityName(e.city)} · ${e.venue}`,
      h('br'),
      `确认码：${r.code}（${formatDateTime(r.createdAt)} 报名）`,
    ),
    h(
      'ul',
      null,
      ...r.attendees.map((a) =>
        h('li', null, `${a.name}（${a.position}，${a.mobile}）：${attendeeState(a)}`),
      ),
    ),
    h(
      'a',
      { class: 'button secondary', href: r.pageUrl },
      '查看确认单',
      h('span', { class: 'visually-hidden' }, `：${e.title}`),
    ),
  );
}

async function start() {
  try {
    const { me } = await call(client.api.auth.me.$get());
    if (me.role !== 'enterprise') {
      status.textContent = '';
      problem.replaceChildren(h('p', { class: 'notice' }, '“我的报名”仅供企业账号使用。'));
      return;
    }
    const { items } = await call(client.api.registrations.$get());
    list.replaceChildren(...items.map(card));
    status.textContent = items.length > 0 ? `共 ${items.length} 次报名。` : '本企业尚未报名任何活动。';
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) toLogin();
    status.textContent = '';
    status.classList.add('is-error');
    status.textContent = e instanceof Error ? e.message : '无法加载，请刷新页面重试';
  }
}

void start();
