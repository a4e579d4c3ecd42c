import { createMiddleware } from 'hono/factory';
import type { AppEnv, Deps } from '../deps.ts';
import { apiError } from './errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The origins pages of this site are served from. The Host header is the client's to choose (a DNS-rebinding
 * page at evil.example sends `Host: evil.example` and `Origin: http://evil.example`), so it only counts when
 * the host configured none: a Worker without PUBLIC_ORIGIN, which Cloudflare only reaches through the
 * hostnames routed to it.
 */
function ourOrigins(deps: Deps, requestUrl: string): string[] {
  const configured = [deps.origin, ...(deps.localOrigins ?? [])].flatMap((o) => {
    try {
      return o ? [new URL(o).origin] : [];
    } catch {
      return [];
    }
  });
  return configured.length > 0 ? configured : [new URL(requestUrl).origin];
}

/**
 * Refuses unsafe requests that a browser marks as coming from another site. hono/csrf only looks at form
 * content types; this checks every unsafe method, JSON and uploads included. A request must carry an `Origin`
 * that is ours, or no Origin and `Sec-Fetch-Site: same-origin`; a browser's cross-site mark always refuses.
 */
export const sameOrigin = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const site = c.req.header('Sec-Fetch-Site');
    const origin = c.req.header('Origin');
    const ok =
      site !== 'cross-site' &&
      site !== 'same-site' &&
      (origin === undefined ? site === 'same-origin' : ourOrigins(c.get('deps'), c.req.url).includes(origin));
    if (!ok) return apiError(c, 403, 'cross_site', '跨站请求已被拒绝。请在本平台页面内操作');
    return next();
  });
