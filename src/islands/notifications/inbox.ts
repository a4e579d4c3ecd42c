/**
 * The inbox (/account/inbox/), for every role: the account's notifications newest first, unread ones marked in
 * words, each one or all of them marked read; the header's 消息 count follows.
 */

import { roleCodes } from '../../shared/filings/status.ts';
import { formatDateTime } from '../../shared/formats.ts';
import type { InboxItem } from '../../shared/notifications/answers.ts';
import { notificationKindName } from '../../shared/notifications/kinds.ts';
import { ApiFailure, call } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { showUnread } from '../lib/signed-in.ts';
import { requireRole } from '../lib/staff.ts';

const PAGE_SIZE = 20;
const status = document.getElementById('inbox-status') as HTMLElement;
const list = document.getElementById('inbox') as HTMLElement;
const readAll = document.getElementById('inbox-read-all') as HTMLButtonElement;
const more = document.getElementById('inbox-more') as HTMLButtonElement;

let items: InboxItem[] = [];
let total = 0;
let unread = 0;
let page = 0;

function say(text: string, error = false) {
  status.classList.toggle('is-error', error);
  status.textContent = text;
}

function sayFailure(e: unknown) {
  if (!(e instanceof ApiFailure)) throw e;
  say(e.message, true);
}

function summary(): string {
  if (total === 0) return '暂无消息。备案进度、活动报名等有变化时，消息会出现在这里。';
  return unread > 0 ? `共 ${total} 条消息，其中 ${unread} 条未读。` : `共 ${total} 条消息，均已读。`;
}

function card(item: InboxItem) {
  const isUnread = item.readAt === null;
  const mark = h('button', { type: 'button', class: 'button secondary' }, '标为已读');
  mark.append(h('span', { class: 'visually-hidden' }, `：${item.title}`));
  mark.addEventListener('click', () => void markRead({ ids: [item.id] }, mark));
  return h(
    'li',
    { class: isUnread ? 'message is-unread' : 'message' },
    h('h2', null, isUnread ? h('span', { class: 'unread-mark' }, '【未读】') : null, item.title),
    h('p', { class: 'meta' }, `${notificationKindName(item.kind)} · ${formatDateTime(item.createdAt)}`),
    h('p', { class: 'body' }, item.body),
    h(
      'p',
      { class: 'actions' },
      item.link
        ? h(
            'a',
            { class: 'button', href: item.link },
            '查看',
            h('span', { class: 'visually-hidden' }, `：${item.title}`),
          )
        : null,
      isUnread ? mark : null,
    ),
  );
}

function render() {
  list.replaceChildren(...items.map(card));
  readAll.hidden = unread === 0;
  more.hidden = items.length >= total;
  showUnread(unread);
}

async function load(next: number) {
  const answer = await call(
    client.api.notifications.$get({ query: { page: String(next), pageSize: String(PAGE_SIZE) } }),
  );
  // Newest first whatever the API's order, so the list reads the same after loading more.
  const known = new Set(items.map((i) => i.id));
  items = [...items, ...answer.items.filter((i) => !known.has(i.id))].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
  total = answer.total;
  unread = answer.unread;
  page = next;
}

async function markRead(input: { ids: string[] } | { all: true }, button: HTMLButtonElement) {
  button.disabled = true;
  try {
    const answer = await call(client.api.notifications.read.$post({ json: input }));
    const now = new Date().toISOString();
    const ids = 'ids' in input ? new Set(input.ids) : null;
    items = items.map((i) => (i.readAt === null && (!ids || ids.has(i.id)) ? { ...i, readAt: now } : i));
    unread = answer.unread;
    render();
    say(`${'all' in input ? '已全部标为已读。' : '已标为已读。'}${summary()}`);
    // The button that had the focus is gone with the re-rendered list: keep the user where they were.
    status.setAttribute('tabindex', '-1');
    status.focus();
  } catch (e) {
    button.disabled = false;
    sayFailure(e);
  }
}

readAll.addEventListener('click', () => void markRead({ all: true }, readAll));
more.addEventListener('click', async () => {
  more.disabled = true;
  try {
    await load(page + 1);
    render();
    say(summary());
  } catch (e) {
    sayFailure(e);
  } finally {
    more.disabled = false;
  }
});

async function start() {
  try {
    if (!(await requireRole(roleCodes))) return;
    await load(1);
    render();
    say(summary());
  } catch (e) {
    sayFailure(e);
  }
}

void start();
