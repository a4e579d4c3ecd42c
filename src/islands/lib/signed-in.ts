/**
 * The header's signed-in part, on every page: who is signed in, a link to their workspace (企业账号, 审核工作台 or
 * 管理) in place of 登录, 消息 with the unread count, and 退出登录. Pages that load the account themselves call showSignedIn(); every other
 * page gets ../accounts/header.ts, which the hosts add only for a visitor carrying the signed-in cookie.
 */
import type { Me } from '../../shared/accounts/answers.ts';
import { workspaceOf } from '../../shared/accounts/signed-in.ts';
import { roleName } from '../../shared/filings/status.ts';
import { cityName } from '../../shared/labels.ts';
import { ApiFailure, get } from './api.ts';
import type { Client } from './client.ts';
import { h } from './dom.ts';

/** The inbox page (站内消息), for every role. */
export const INBOX_PAGE = '/account/inbox/';

/** The role in words, with the city for a city reviewer: `市（州）文旅部门（长春市）`. */
export function whoLabel(me: Me): string {
  const role = roleName(me.role);
  return me.role === 'city_tourism' && me.city ? `${role}（${cityName(me.city)}）` : role;
}

/**
 * Writes `unread` into the header's 消息 link: the count (none when 0), and the same in words
 * for screen readers (“消息，3 条未读”).
 * `fresh`: the number comes from an answer about marking messages read, newer than any count still on its way.
 */
export function showUnread(unread: number, fresh = true): void {
  const slot = document.getElementById('nav-inbox');
  const count = document.getElementById('nav-inbox-count');
  const words = document.getElementById('nav-inbox-unread');
  if (!slot || !count || !words) return;
  if (!fresh && slot.dataset.counted) return;
  slot.dataset.counted = '1';
  count.textContent = unread > 0 ? String(unread) : '';
  words.textContent = unread > 0 ? `，${unread} 条未读` : '';
  slot.hidden = false;
}

/** Asks for the unread count once per page; without an answer the 消息 link stays hidden. */
function countUnread(): void {
  get<Client['api']['notifications']['$get']>('/api/notifications?pageSize=1').then(
    ({ unread }) => showUnread(unread, false),
    (e: unknown) => {
      if (!(e instanceof ApiFailure)) throw e;
    },
  );
}

/**
 * Shows `me` in the header: the workspace link replaces 登录 (current on the workspace's pages), followed by
 * the inbox slot `#nav-inbox` — a 消息 link to the inbox with the unread count `#nav-inbox-count`, hidden until
 * the count comes — and the line “当前登录：…” with 退出登录.
 */
export function showSignedIn(me: Me): void {
  // The page's own island and the header's script (a separate bundle) may both get here: the DOM says if done.
  if (document.getElementById('nav-inbox')) return;
  const account = document.getElementById('nav-account');
  const bar = document.getElementById('signed-in');
  const who = document.getElementById('signed-in-who');
  const out = document.getElementById('sign-out');
  if (!account || !bar || !who || !out) return;
  const space = workspaceOf(me.role);
  const inInbox = location.pathname.startsWith(INBOX_PAGE);
  const current = !inInbox && space.section.test(location.pathname) ? 'page' : null;
  account.replaceChildren(h('a', { href: space.href, 'aria-current': current }, space.label));
  account.after(
    h(
      'li',
      { id: 'nav-inbox', hidden: true },
      h(
        'a',
        { href: INBOX_PAGE, 'aria-current': inInbox ? 'page' : null },
        '消息',
        h('span', { class: 'badge', id: 'nav-inbox-count', 'aria-hidden': 'true' }),
        h('span', { class: 'visually-hidden', id: 'nav-inbox-unread' }),
      ),
    ),
  );
  countUnread();
  who.textContent = `${me.displayName} · ${whoLabel(me)}`;
  bar.hidden = false;
  out.addEventListener('click', async () => {
    out.setAttribute('disabled', '');
    // The session may already be gone; leaving for the home page is what the user asked for either way.
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
    location.assign('/');
  });
}
