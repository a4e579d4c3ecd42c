import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../deps.ts';
import { apiError } from './errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses unsafe requests that a browser marks as coming from another site. hono/csrf only looks at form
 * content types; this checks every unsafe method, JSON and uploads included. A request must carry
 * `Sec-Fetch-Site: same-origin` or an `Origin` equal to ours.
 */
export const sameOrigin = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const site = c.req.header('Sec-Fetch-Site');
    const origin = c.req.header('Origin');
    const allowed = [new URL(c.req.url).origin, c.get('deps').origin].filter((o): o is string => Boolean(o));
    const ok =
      site === 'same-origin' ||
      (site !== 'cross-site' && site !== 'same-site' && origin !== undefined && allowed.includes(origin));
    if (!ok) return apiError(c, 403, 'cross_site', '跨站请求已被拒绝。请在本平台页面内操作');
    return next();
  });
