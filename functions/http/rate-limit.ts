/**
 * Per-client-address rate limits of the anonymous public endpoints: one for the registry lookup and statistics,
 * a much lower one for the open-data downloads (whole-registry files, megabytes each).
 *
 * A sliding-window counter kept in memory: per process on Node, per isolate on Workers — so on Cloudflare it is
 * a second line only, and the edge-wide limit is a Cloudflare rate-limiting rule on /api/cqos*, /api/stats* and
 * /api/open-data/* (see README). IPv6 clients are counted per /64 (one household or host gets a whole /64, and
 * can pick any address in it). Requests whose client address the host cannot tell are not counted.
 * Refused requests do not count, so a client that waits as told gets through.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Deps } from '../deps.ts';
import { apiError } from './errors.ts';

export type RateLimit = { requests: number; windowMs: number };

/** Generous for people (a page of results costs one request): 600 a minute per address. */
export const PUBLIC_RATE_LIMIT: RateLimit = { requests: 600, windowMs: 60_000 };
/** Open data: the files change at most once a minute, so 10 downloads a minute per address is plenty. */
export const OPEN_DATA_RATE_LIMIT: RateLimit = { requests: 10, windowMs: 60_000 };

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

/**
 * What an address is counted as: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 network prefix —
 * `2001:db8:1:2::/64` for every address of that network, however it is written.
 */
export function rateLimitKey(ip: string): string {
  const address =
    ip
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '')
      .split('%')[0] ?? '';
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const halves = address.split('::');
  if (halves.length > 2) return address;
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  // An embedded IPv4 address at the end stands for the last two groups.
  const width = (gs: string[]) => gs.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const all =
    halves.length === 2
      ? [...head, ...new Array(Math.max(0, 8 - width(head) - width(tail))).fill('0'), ...tail]
      : head;
  const prefix = all.slice(0, 4);
  if (prefix.length < 4 || prefix.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return address;
  return `${prefix.map((g) => Number.parseInt(g, 16).toString(16)).join(':')}::/64`;
}

const limiters = new WeakMap<Deps, Map<string, ReturnType<typeof slidingWindow>>>();

function limiterOf(deps: Deps, name: string, limit: RateLimit) {
  let byName = limiters.get(deps);
  if (!byName) {
    byName = new Map();
    limiters.set(deps, byName);
  }
  let limiter = byName.get(name);
  if (!limiter) {
    limiter = slidingWindow(limit);
    byName.set(name, limiter);
  }
  return limiter;
}

/** Middleware: 429 with Retry-After (seconds) and a Chinese message once an address exceeds the limit. */
function rateLimit(name: string, limitOf: (deps: Deps) => RateLimit, what: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const deps = c.get('deps');
    const ip = deps.clientIp?.(c);
    if (!ip) return next();
    const wait = limiterOf(deps, name, limitOf(deps)).hit(rateLimitKey(ip), deps.now().getTime());
    if (wait === 0) return next();
    const seconds = Math.max(1, Math.ceil(wait / 1000));
    c.header('Retry-After', String(seconds));
    return apiError(c, 429, 'too_many_requests', `${what}过于频繁，请 ${seconds} 秒后再试`);
  });
}

/** The registry lookup and statistics: `Deps.publicRateLimit` or 600 a minute per address. */
export const publicRateLimit = () =>
  rateLimit('public', (deps) => deps.publicRateLimit ?? PUBLIC_RATE_LIMIT, '查询');

/** Open-data downloads, counted apart: 10 a minute per address. */
export const openDataRateLimit = () => rateLimit('open-data', () => OPEN_DATA_RATE_LIMIT, '下载');
