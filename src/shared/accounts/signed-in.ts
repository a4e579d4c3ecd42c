/**
 * Who is signed in, as every page's header shows it. The API sets a small cookie beside the session cookie that
 * scripts may read (it holds no secret, only that someone is signed in); the hosts add the header's script to a
 * page only when a request carries it, so anonymous visitors get content pages without any JavaScript.
 */
import type { Role } from '../filings/status.ts';

/** The hint cookie: `1` while signed in; the session itself stays in the HttpOnly session cookie. */
export const SIGNED_IN_COOKIE = 'cqo_signed_in';

/** The workspace each role works in, as the header links to it. */
export function workspaceOf(role: Role): { href: string; label: string; section: RegExp } {
  if (role === 'enterprise')
    return { href: '/account/', label: '企业账号', section: /^\/(account|filing\/(edit|view|print))\// };
  if (role === 'admin') return { href: '/admin/accounts/', label: '管理', section: /^\/(admin|account)\// };
  return { href: '/review/', label: '审核工作台', section: /^\/(review|account)\// };
}
