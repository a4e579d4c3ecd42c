/**
 * Live registration facts on the announcement pages (/forums/ and /forums/<slug>/): seats left, waitlist,
 * the cap per enterprise and the window come from GET /api/events — the same rows the server enforces — so
 * the page can never disagree with the server. Refreshed every 30 s while the page is visible.
 */

import type { EventList, EventSummary } from '../shared/api-types.ts';
import { windowName } from '../shared/event-labels.ts';
import { formatDateTime } from '../shared/formats.ts';
import { api } from './lib/api.ts';
import { h } from './lib/dom.ts';
import { seatLine, windowText } from './lib/event-ui.ts';

const blocks = Array.from(document.querySelectorAll<HTMLElement>('[data-event-seats]'));

/** Sets text only when it changed, so a refresh that changes nothing is not announced again. */
function setText(el: HTMLElement, text: string) {
  if (el.textContent !== text) el.textContent = text;
}

function row(label: string, value: string) {
  return [h('dt', null, label), h('dd', null, value)];
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
  setText(status, `${windowName(e.window)}：剩余 ${e.seatsLeft} 席，候补 ${e.waitlisted} 人。`);
  facts.replaceChildren(
    ...row('席位', `共 ${e.capacity} 席，已确认 ${e.confirmed} 人，剩余 ${e.seatsLeft} 席`),
    ...row('候补', e.waitlisted > 0 ? `${e.waitlisted} 人在候补名单中` : '无'),
    ...row('每家企业', `最多报名 ${e.maxPerEnterprise} 人（含候补）`),
    ...row('报名时间', windowText(e)),
    ...row('报名状态', windowName(e.window)),
  );
  facts.hidden = false;
  const href = `/forums/register/?event=${encodeURIComponent(e.slug)}`;
  if (e.window === 'open') {
    action.replaceChildren(
      h('a', { class: 'button', href }, e.seatsLeft > 0 ? '企业报名' : '报名（进入候补名单）'),
      ' ',
      h('a', { href: '/account/registrations/' }, '查看本企业的报名'),
    );
  } else if (e.window === 'upcoming') {
    action.replaceChildren(h('span', null, `报名将于 ${formatDateTime(e.registrationOpens)} 开始。`));
  } else {
    action.replaceChildren(h('span', null, '报名已截止。已报名的企业可在“我的报名”中查看确认码和签到信息。'));
  }
  action.hidden = false;
}

function render(items: EventSummary[]) {
  for (const block of blocks) {
    const e = items.find((i) => i.slug === block.dataset.slug);
    if (block.dataset.eventSeats === 'detail') detail(block, e);
    else setText(block, e ? seatLine(e) : '暂未开放在线报名');
  }
}

async function load() {
  try {
    const { items } = await api<EventList>('GET', '/api/events');
    render(items);
  } catch (e) {
    const message = e instanceof Error ? e.message : '报名信息暂时无法加载，请稍后刷新';
    for (const block of blocks) {
      const target = block.querySelector<HTMLElement>('[data-seat-status]') ?? block;
      setText(target, `报名信息暂时无法加载：${message}`);
    }
  }
}

if (blocks.length > 0) {
  void load();
  setInterval(() => {
    if (document.visibilityState === 'visible') void load();
  }, 30_000);
}
