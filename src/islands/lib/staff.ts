/**
 * What the reviewer and admin islands share: who is signed in (shown in the header, and everyone else sent to
 * their own pages) and the field paths of the API's answers on this page.
 */

import type { Me } from '../../shared/accounts/answers.ts';
import { workspaceOf } from '../../shared/accounts/signed-in.ts';
import type { Role } from '../../shared/filings/status.ts';
import { ApiFailure, call, toLogin } from './api.ts';
import { client } from './client.ts';
import { showSignedIn } from './signed-in.ts';

/** Where an account whose password someone else set must go first (the API refuses everything else). */
export const PASSWORD_CHANGE_PAGE = '/account/password/?required=1';

/** The page each role starts from: its workspace. */
export function homeOf(role: Role): string {
  return workspaceOf(role).href;
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
  showSignedIn(me);
  return me;
}

/** Prefixes server field paths (`note`, `reasons.mobile`) so they match this page's ids (`city_return-note`). */
export function prefixFields(prefix: string, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([path, message]) => [`${prefix}.${path}`, message]));
}
