import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { SIGNED_IN_COOKIE } from '../../src/shared/accounts/signed-in.ts';
import type { Role } from '../../src/shared/filings/status.ts';
import { policyFor, validateSession } from '../accounts/sessions.ts';
import type { AppEnv } from '../deps.ts';
import { apiError } from './errors.ts';

/**
 * Over HTTPS the cookie is `__Host-` prefixed (Secure, Path=/, no Domain: bound to this exact host). Plain HTTP
 * only happens on a developer's machine, where browsers refuse Secure cookies, so the prefix is dropped there.
 */
function cookieName(c: Context<AppEnv>) {
  return isHttps(c) ? '__Host-cqo_session' : 'cqo_session';
}

/**
 * Whether the browser reached us over HTTPS. Behind a reverse proxy that ends TLS the request URL says http, so
 * an https PUBLIC_ORIGIN decides, or (TRUST_PROXY=1) the X-Forwarded-Proto the nearest proxy set.
 */
export function isHttps(c: Context<AppEnv>) {
  if (new URL(c.req.url).protocol === 'https:') return true;
  const deps = c.get('deps');
  if (deps.origin?.toLowerCase().startsWith('https:')) return true;
  if (!deps.trustProxy) return false;
  const proto = c.req.header('X-Forwarded-Proto')?.split(',').pop()?.trim().toLowerCase();
  return proto === 'https';
}

/**
 * The session cookie, and beside it the signed-in cookie that pages may read (no secret in it: `1`), with which
 * the hosts give the page's header its script (functions/http/signed-in-pages.ts).
 */
export function setSessionCookie(c: Context<AppEnv>, token: string, role: Role) {
  setCookie(c, cookieName(c), token, { ...cookieOptions(c, role), httpOnly: true });
  setCookie(c, SIGNED_IN_COOKIE, '1', cookieOptions(c, role));
}

const cookieOptions = (c: Context<AppEnv>, role: Role) =>
  ({
    path: '/',
    secure: isHttps(c),
    sameSite: 'Lax',
    maxAge: Math.floor(policyFor(role).absolute / 1000),
  }) as const;

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, cookieName(c), { path: '/', secure: isHttps(c) });
  deleteCookie(c, SIGNED_IN_COOKIE, { path: '/', secure: isHttps(c) });
}

export function sessionToken(c: Context<AppEnv>) {
  return getCookie(c, cookieName(c));
}

/** Loads the signed-in account (if any) into `c.var.me`. */
export const loadSession = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const token = sessionToken(c);
    const { db, now } = c.get('deps');
    if (token) {
      const found = await validateSession(db, token, now());
      // With DEMO_DATA=off a demo account's session (from before the switch) is as good as none.
      const refused = found?.account.demo && c.get('deps').refuseDemoAccounts;
      if (found && !refused) c.set('me', { ...found.account, sessionId: found.sessionId });
      else clearSessionCookie(c);
    }
    // The signed-in cookie goes with the session cookie (e.g. when the browser dropped that one first).
    if (!token && getCookie(c, SIGNED_IN_COOKIE))
      deleteCookie(c, SIGNED_IN_COOKIE, { path: '/', secure: isHttps(c) });
    await next();
  });

/** Lets any signed-in account through, even one that still has to replace its initial password. */
export const requireSignIn = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!c.get('me')) return apiError(c, 401, 'unauthenticated', '请先登录');
    await next();
  });

/**
 * Lets the request through only for a signed-in account with one of the roles, once it has replaced a password
 * that someone else set (an admin, the account CLI).
 */
export const requireRole = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const me = c.get('me');
    if (!me) return apiError(c, 401, 'unauthenticated', '请先登录');
    if (!roles.includes(me.role)) return apiError(c, 403, 'forbidden', '您的账号没有权限进行此操作');
    if (me.mustChangePassword) {
      return apiError(
        c,
        403,
        'password_change_required',
        '请先修改初始密码（“账号”→“修改密码”），再办理其他事项',
      );
    }
    await next();
  });

/** The signed-in account of a route behind requireRole(); throws 401 if the route forgot the guard. */
export function signedIn(c: Context<AppEnv>) {
  const me = c.get('me');
  if (!me) throw new HTTPException(401, { message: '请先登录' });
  return me;
}
