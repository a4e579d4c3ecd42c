/**
 * Live registration facts on the announcement pages (/forums/ and /forums/<slug>/): seats left, waitlist,
 * the cap per enterprise and the window come from GET /api/events — the same rows the server enforces — so
 * the page can never disagree with the server. Refreshed every 30 s while the page is visible.
 *
 * Title, time and place are printed from the announcement (so the page reads without JavaScript), but an
 * organizer may change them later in the events table, which the calendar file and the cancellation cutoff
 * follow. When the live values differ from the printed ones, the page says so (已更新) and shows the live ones.
 * On /forums/ the events that have no announcement (the demo's own events) are listed from the API as well.
 */

import type { EventSummary } from '../../shared/events/answers.ts';
import { windowName } from '../../shared/events/window.ts';
import { formatDateTime } from '../../shared/formats.ts';
import { get } from '../lib/api.ts';
import type { Client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { seatLine, windowText } from './ui.ts';

const blocks = Array.from(document.querySelectorAll<HTMLElement>('[data-event-seats]'));
const extra = document.querySelector<HTMLElement>('[data-event-extra]');
let extraKey = '';
/**
 * City and event-kind names by code, printed by the page (data-names) so that this island stays small
 * instead of loading the label tables (src/shared/labels.ts) the page was built from.
 */
const names: Record<string, string> = JSON.parse(
  document.querySelector<HTMLElement>('[data-names]')?.dataset.names ?? '{}',
);
const nameOf = (code: string) => names[code] ?? code;

/** Sets text only when it changed, so a refresh that changes nothing is not announced again. */
function setText(el: HTMLElement, text: string) {
  if (el.textContent !== text) el.textContent = text;
}

function row(label: string, value: string) {
  return [h('dt', null, label), h('dd', null, value)];
}

const when = (e: EventSummary) =>
  `${formatDateTime(e.startsAt, { weekday: true })} 至 ${formatDateTime(e.endsAt, { weekday: true })}`;
const place = (e: EventSummary) => `${nameOf(e.city)} · ${e.venue}`;

/** The live title, time and place where they differ from what the page printed (data-title, data-starts …). */
function changes(block: HTMLElement, e: EventSummary): string[] {
  const d = block.dataset;
  if (d.title === undefined) return [];
  const out: string[] = [];
  if (d.title !== e.title) out.push(`名称：${e.title}`);
  if (
    Date.parse(d.starts ?? '') !== Date.parse(e.startsAt) ||
    Date.parse(d.ends ?? '') !== Date.parse(e.endsAt)
  )
    out.push(`时间：${when(e)}`);
  if (d.venue !== e.venue || d.city !== e.city) out.push(`地点：${place(e)}`);
  return out;
}

function detail(block: HTMLElement, e: EventSummary | undefined) {
  const status = block.querySelector<HTMLElement>('[data-seat-status]');
  const facts = block.querySelector<HTMLElement>('[data-seat-facts]');
  const action = block.querySelector<HTMLElement>('[data-seat-action]');
  if (!status || !facts || !action) return;
  if (!e) {
    setText(status, '本活动暂未开放在线报名，请留意本页更新或联系主办单位。');
    facts.hidden = true;
    action.hidden = true;
    return;
  }
  const updated = document.querySelector<HTMLElement>('[data-event-updated]');
  const changed = changes(block, e);
  if (updated) {
    setText(updated, `已更新：主办单位调整了活动信息，以此处为准——${changed.join('；')}。`);
    updated.hidden = changed.length === 0;
  }
  setText(status, `${windowName(e.window)}：剩余 ${e.seatsLeft} 席，候补 ${e.waitlisted} 人。`);
  facts.replaceChildren(
    ...row('席位', `共 ${e.capacity} 席，已确认 ${e.confirmed} 人，剩余 ${e.seatsLeft} 席`),
    ...row('候补', e.waitlisted > 0 ? `${e.waitlisted} 人在候补名单中` : '无'),
    ...row('每家企业', `最多报名 ${e.maxPerEnterprise} 人（含候补）`),
    ...row('报名时间', windowText(e)),
    ...row('报名状态', windowName(e.window)),
  );
  facts.hidden = false;
  action.replaceChildren(...actions(e));
  action.hidden = false;
}

function actions(e: EventSummary) {
  const href = `/forums/register/?event=${encodeURIComponent(e.slug)}`;
  if (e.window === 'open')
    return [
      h('a', { class: 'button', href }, e.seatsLeft > 0 ? '企业报名' : '报名（进入候补名单）'),
      ' ',
      h('a', { href: '/account/registrations/' }, '查看本企业的报名'),
    ];
  if (e.window === 'upcoming')
    return [h('span', null, `报名将于 ${formatDateTime(e.registrationOpens)} 开始。`)];
  return [h('span', null, '报名已截止。已报名的企业可在“我的报名”中查看确认码和签到信息。')];
}

/** A card for an event without an announcement page (on /forums/ only). */
function card(e: EventSummary) {
  return h(
    'li',
    { class: 'card', id: `event-${e.slug}` },
    h('h3', null, e.title, e.sample ? [' ', h('span', { class: 'sample-badge' }, '示例')] : null),
    h('p', { class: 'meta' }, `${nameOf(e.kind)} · ${nameOf(e.city)}`),
    h('p', null, h('strong', null, '时间：'), when(e), h('br'), h('strong', null, '地点：'), e.venue),
    h('p', { class: 'seats' }, h('strong', null, '报名：'), seatLine(e)),
    h('p', null, ...actions(e)),
  );
}

function render(items: EventSummary[]) {
  for (const block of blocks) {
    const e = items.find((i) => i.slug === block.dataset.slug);
    if (block.dataset.eventSeats === 'detail') detail(block, e);
    else if (!e) setText(block, '暂未开放在线报名');
    else {
      const changed = changes(block, e);
      setText(block, `${seatLine(e)}${changed.length > 0 ? `。已更新：${changed.join('；')}` : ''}`);
    }
  }
  if (extra) {
    const shown = new Set(blocks.map((b) => b.dataset.slug));
    const others = items.filter((e) => !shown.has(e.slug) && e.window !== 'closed');
    // Rebuilt only when something changed, so a refresh does not take the focus off a link.
    const key = JSON.stringify(others);
    if (extraKey !== key) {
      extraKey = key;
      extra.querySelector('ul')?.replaceChildren(...others.map(card));
    }
    extra.hidden = others.length === 0;
  }
}

async function load() {
  try {
    // Not the typed client, which would take this island over its 5 KB budget; the answer's type is the route's.
    const { items } = await get<Client['api']['events']['$get']>('/api/events');
    render(items);
  } catch (e) {
    const message = e instanceof Error ? e.message : '报名信息暂时无法加载，请稍后刷新';
    for (const block of blocks) {
      const target = block.querySelector<HTMLElement>('[data-seat-status]') ?? block;
      setText(target, `报名信息暂时无法加载：${message}`);
    }
  }
}

if (blocks.length > 0 || extra) {
  void load();
  setInterval(() => {
    if (document.visibilityState === 'visible') void load();
  }, 30_000);
}
