/**
 * What the reviewer and admin islands share: who is signed in (and sending everyone else to their own
 * pages), the account bar with its logout button, DOM building without innerHTML, and China-time formatting.
 */

import type { Me } from '../../shared/accounts/answers.ts';
import { type Role, roleName } from '../../shared/filings/status.ts';
import { cityName } from '../../shared/labels.ts';
import { ApiFailure, call, toLogin } from './api.ts';
import { client } from './client.ts';

/** The page each role starts from. */
/** Where an account whose password someone else set must go first (the API refuses everything else). */
export const PASSWORD_CHANGE_PAGE = '/account/password/?required=1';

export function homeOf(role: Role): string {
  if (role === 'enterprise') return '/account/';
  if (role === 'admin') return '/admin/accounts/';
  return '/review/';
}

/** The role in words, with the city for a city reviewer: `市（州）文旅部门（长春市）`. */
export function whoLabel(me: Me): string {
  const role = roleName(me.role);
  return me.role === 'city_tourism' && me.city ? `${role}（${cityName(me.city)}）` : role;
}

/**
 * Loads the signed-in user. Not signed in → the login page; a role this page is not for → that role's own
 * page (returns null while the browser navigates away). Other failures are thrown as ApiFailure.
 */
export async function requireRole(allowed: readonly Role[]): Promise<Me | null> {
  let me: Me;
  try {
    ({ me } = await call(client.api.auth.me.$get()));
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) toLogin();
    throw e;
  }
  if (me.mustChangePassword) {
    location.replace(PASSWORD_CHANGE_PAGE);
    return null;
  }
  if (!allowed.includes(me.role)) {
    location.replace(homeOf(me.role));
    return null;
  }
  showAccountBar(me);
  return me;
}

function showAccountBar(me: Me) {
  const bar = document.getElementById('staff-bar');
  const who = document.getElementById('staff-who');
  const logout = document.getElementById('logout');
  if (!bar || !who || !logout) return;
  who.textContent = `${me.displayName} · ${whoLabel(me)}`;
  bar.hidden = false;
  logout.addEventListener('click', async () => {
    logout.setAttribute('disabled', '');
    try {
      await call(client.api.auth.logout.$post());
    } catch {
      // The session may already be gone; leaving the page is what the user asked for either way.
    }
    location.assign('/');
  });
}

/** Prefixes server field paths (`note`, `reasons.mobile`) so they match this page's ids (`city_return-note`). */
export function prefixFields(prefix: string, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([path, message]) => [`${prefix}.${path}`, message]));
}
