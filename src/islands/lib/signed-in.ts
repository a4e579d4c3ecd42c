/**
 * The header's signed-in part, on every page: who is signed in, a link to their workspace (企业账号, 审核工作台 or
 * 管理) in place of 登录, and 退出登录. Pages that load the account themselves call showSignedIn(); every other
 * page gets ../accounts/header.ts, which the hosts add only for a visitor carrying the signed-in cookie.
 */
import type { Me } from '../../shared/accounts/answers.ts';
import { workspaceOf } from '../../shared/accounts/signed-in.ts';
import { roleName } from '../../shared/filings/status.ts';
import { cityName } from '../../shared/labels.ts';
import { h } from './dom.ts';

/** The role in words, with the city for a city reviewer: `市（州）文旅部门（长春市）`. */
export function whoLabel(me: Me): string {
  const role = roleName(me.role);
  return me.role === 'city_tourism' && me.city ? `${role}（${cityName(me.city)}）` : role;
}

/**
 * Shows `me` in the header: the workspace link replaces 登录 (current on the workspace's pages), followed by
 * the inbox slot `#nav-inbox` — a 消息 link with an empty count `#nav-inbox-count`, hidden until notifications
 * fill it — and the line “当前登录：…” with 退出登录.
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
  const current = space.section.test(location.pathname) ? 'page' : null;
  account.replaceChildren(h('a', { href: space.href, 'aria-current': current }, space.label));
  account.after(
    h(
      'li',
      { id: 'nav-inbox', hidden: true },
      h('a', { href: space.href }, '消息', h('span', { class: 'badge', id: 'nav-inbox-count' })),
    ),
  );
  who.textContent = `${me.displayName} · ${whoLabel(me)}`;
  bar.hidden = false;
  out.addEventListener('click', async () => {
    out.setAttribute('disabled', '');
    // The session may already be gone; leaving for the home page is what the user asked for either way.
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
    location.assign('/');
  });
}
