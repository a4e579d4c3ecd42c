/** The roster of one event (/admin/events/roster/?event=<slug>, admin only): counts, every attendee, export. */

import type { Roster } from '../../shared/events/answers.ts';
import { formatNumericTime } from '../../shared/formats.ts';
import { ApiFailure, call, toLogin } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { requireRole } from '../lib/staff.ts';
import { table } from '../lib/table.ts';
import { attendeeState, eventParam } from './ui.ts';

const flash = document.getElementById('flash') as HTMLElement;

function render(r: Roster) {
  const e = r.event;
  const slug = encodeURIComponent(e.slug);
  (document.getElementById('roster-title') as HTMLElement).textContent = `参会名单：${e.title}`;
  document.title = `参会名单：${e.title} - 吉林省旅游行业首席质量官平台`;
  const counts: [string, string][] = [
    ['活动时间', formatNumericTime(e.startsAt)],
    ['席位', `共 ${e.capacity} 席，剩余 ${e.seatsLeft} 席`],
    ['已确认', `${r.counts.confirmed} 人（其中已签到 ${r.counts.checkedIn} 人）`],
    ['候补', `${r.counts.waitlisted} 人`],
    ['已取消', `${r.counts.cancelled} 人`],
  ];
  (document.getElementById('counts') as HTMLElement).replaceChildren(
    ...counts.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))),
  );
  (document.getElementById('export') as HTMLAnchorElement).href = `/api/events/${slug}/roster.xlsx`;
  (document.getElementById('check-in') as HTMLAnchorElement).href = `/admin/events/check-in/?event=${slug}`;
  (document.getElementById('edit') as HTMLAnchorElement).href = `/admin/events/edit/?event=${slug}`;
  (document.getElementById('roster-table') as HTMLElement).replaceChildren(
    r.items.length === 0
      ? h('p', { class: 'empty' }, '尚无企业报名。')
      : table(
          h('caption', { class: 'visually-hidden' }, '参会人员（按报名先后）'),
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ...['序号', '姓名', '状态', '职务', '手机', '企业', '确认码', '报名时间'].map((t) =>
                h('th', { scope: 'col' }, t),
              ),
            ),
          ),
          h(
            'tbody',
            null,
            ...r.items.map((a) =>
              h(
                'tr',
                null,
                h('td', null, String(a.seq)),
                h('th', { scope: 'row' }, a.name),
                h('td', null, attendeeState(a)),
                h('td', null, a.position),
                h('td', null, a.mobile),
                h('td', { class: 'wrap-cell' }, a.enterpriseName),
                h('td', null, a.code),
                h('td', null, formatNumericTime(a.registeredAt)),
              ),
            ),
          ),
        ),
  );
  (document.getElementById('roster') as HTMLElement).hidden = false;
}

async function start() {
  if (!(await requireRole(['admin']))) return;
  const slug = eventParam();
  if (!slug) {
    flash.textContent = '请从活动列表选择活动。';
    return;
  }
  try {
    const r = await call(
      client.api.events[':slug'].roster.$get({ param: { slug: encodeURIComponent(slug) } }),
    );
    render(r);
    flash.textContent = `共 ${r.items.length} 条报名记录。`;
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) toLogin();
    flash.classList.add('warn');
    flash.textContent = e instanceof Error ? e.message : '无法加载，请刷新页面重试';
  }
}

void start();
