/**
 * Per-client-address rate limit of the anonymous public endpoints (registry lookup, open data, statistics).
 *
 * A sliding-window counter kept in memory: per process on Node, per isolate on Workers — so on Cloudflare it is
 * a second line only, and the edge-wide limit is a Cloudflare rate-limiting rule on /api/cqos*, /api/stats* and
 * /api/open-data/* (see README). Requests whose client address the host cannot tell are not counted.
 * Refused requests do not count, so a client that waits as told gets through.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Deps } from '../deps.ts';
import { apiError } from './errors.ts';

export type RateLimit = { requests: number; windowMs: number };

/** Generous for people (a page of results costs one request): 600 a minute per address. */
export const PUBLIC_RATE_LIMIT: RateLimit = { requests: 600, windowMs: 60_000 };

/** The window's counts and the previous window's, weighted by how much of it still overlaps the sliding window. */
export function slidingWindow(limit: RateLimit) {
  let start = 0;
  let current = new Map<string, number>();
  let previous = new Map<string, number>();
  return {
    /** Counts a request of `key` at `now` (ms); 0 when allowed, else milliseconds to wait. */
    hit(key: string, now: number): number {
      const windowStart = now - (now % limit.windowMs);
      if (windowStart !== start) {
        previous = windowStart - start === limit.windowMs ? current : new Map();
        current = new Map();
        start = windowStart;
      }
      const before = previous.get(key) ?? 0;
      const count = current.get(key) ?? 0;
      const overlap = 1 - (now - start) / limit.windowMs;
      if (before * overlap + count + 1 <= limit.requests) {
        current.set(key, count + 1);
        return 0;
      }
      const windowEnd = start + limit.windowMs;
      // Within this window the estimate only falls as the previous window slides out.
      // This window is full: wait for the next, and there until enough of this one has slid out.
      if (count + 1 > limit.requests || before === 0)
        return windowEnd - now + Math.ceil(limit.windowMs * (1 - (limit.requests - 1) / Math.max(count, 1)));
      const freeAt = start + limit.windowMs * (1 - (limit.requests - count - 1) / before);
      return Math.max(1, Math.min(windowEnd, Math.ceil(freeAt)) - now);
    },
  };
}

const limiters = new WeakMap<Deps, ReturnType<typeof slidingWindow>>();

/** Middleware: 429 with Retry-After (seconds) and a Chinese message once an address exceeds the limit. */
export const publicRateLimit = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const deps = c.get('deps');
    const ip = deps.clientIp?.(c);
    if (!ip) return next();
    let limiter = limiters.get(deps);
    if (!limiter) {
      limiter = slidingWindow(deps.publicRateLimit ?? PUBLIC_RATE_LIMIT);
      limiters.set(deps, limiter);
    }
    const wait = limiter.hit(ip, deps.now().getTime());
    if (wait === 0) return next();
    const seconds = Math.max(1, Math.ceil(wait / 1000));
    c.header('Retry-After', String(seconds));
    return apiError(c, 429, 'too_many_requests', `查询过于频繁，请 ${seconds} 秒后再试`);
  });
