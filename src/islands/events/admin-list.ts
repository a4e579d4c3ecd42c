/** The organizer's list of events (/admin/events/, admin only): rules, live counts and links to each task. */

import type { EventSummary } from '../../shared/events/answers.ts';
import { eventPagePath, windowName } from '../../shared/events/labels.ts';
import { formatNumericTime } from '../../shared/formats.ts';
import { ApiFailure, call, toLogin } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { requireRole } from '../lib/staff.ts';
import { table } from '../lib/table.ts';

const flash = document.getElementById('flash') as HTMLElement;
const target = document.getElementById('events') as HTMLElement;

function action(href: string, label: string, title: string) {
  return h('a', { href }, label, h('span', { class: 'visually-hidden' }, `：${title}`));
}

function row(e: EventSummary) {
  const slug = encodeURIComponent(e.slug);
  return h(
    'tr',
    null,
    h(
      'th',
      { scope: 'row', class: 'wrap-cell' },
      h('a', { href: eventPagePath(slug) }, e.title),
      h('br'),
      h('small', null, e.slug),
      h('br'),
      action(`/admin/events/edit/?event=${slug}`, '编辑', e.title),
      ' · ',
      action(`/admin/events/roster/?event=${slug}`, '名单', e.title),
      ' · ',
      action(`/admin/events/check-in/?event=${slug}`, '签到', e.title),
    ),
    h('td', null, formatNumericTime(e.startsAt)),
    h(
      'td',
      null,
      windowName(e.window),
      h('br'),
      h('small', null, `截止 ${formatNumericTime(e.registrationCloses)}`),
    ),
    h('td', null, String(e.capacity)),
    h('td', null, String(e.confirmed)),
    h('td', null, String(e.waitlisted)),
    h('td', null, String(e.seatsLeft)),
    h('td', null, String(e.maxPerEnterprise)),
  );
}

async function start() {
  if (!(await requireRole(['admin']))) return;
  try {
    const { items } = await call(client.api.events.$get());
    target.replaceChildren(
      items.length === 0
        ? h('p', { class: 'empty' }, '还没有开放报名的活动。')
        : table(
            h('caption', { class: 'visually-hidden' }, '活动及报名人数'),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ...['活动', '活动时间', '报名', '席位', '已确认', '候补', '剩余', '每家上限'].map((t) =>
                  h('th', { scope: 'col' }, t),
                ),
              ),
            ),
            h('tbody', null, ...items.map(row)),
          ),
    );
    const known = new Set(items.map((e) => e.slug));
    let pending = 0;
    for (const li of Array.from(document.querySelectorAll<HTMLElement>('#pending-list li'))) {
      li.hidden = known.has(li.dataset.slug ?? '');
      if (!li.hidden) pending += 1;
    }
    (document.getElementById('pending') as HTMLElement).hidden = pending === 0;
    const created = new URLSearchParams(location.search).get('created');
    flash.textContent = created ? `已创建活动 ${created}，企业现在可以报名。` : `共 ${items.length} 个活动。`;
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) toLogin();
    flash.classList.add('warn');
    flash.textContent = e instanceof Error ? e.message : '无法加载，请刷新页面重试';
  }
}

void start();
