/** The per-address limits of the public lookup: a sliding window per client, IPv6 counted per /64. */
import { describe, expect, it } from 'vitest';
import { rateLimitKey, slidingWindow } from '../../functions/http/rate-limit.ts';

describe('the per-address sliding window', () => {
  it('lets the limit through, refuses the next with the wait, and lets it through once the window slid', () => {
    const limit = slidingWindow({ requests: 3, windowMs: 60_000 });
    const t = 1_000_000_020_000;
    expect([limit.hit('a', t), limit.hit('a', t), limit.hit('a', t)]).toEqual([0, 0, 0]);
    const wait = limit.hit('a', t + 1000);
    expect(wait).toBeGreaterThan(0);
    expect(limit.hit('b', t + 1000)).toBe(0);
    expect(limit.hit('a', t + 1000 + wait)).toBe(0);
  });

  it('counts IPv6 clients per /64 however the address is written, and IPv4 as it is', () => {
    const net = '2001:db8:1:2::/64';
    expect(rateLimitKey('2001:db8:1:2::1')).toBe(net);
    expect(rateLimitKey('2001:0DB8:0001:0002:ffff:ffff:ffff:fffe')).toBe(net);
    expect(rateLimitKey('[2001:db8:1:2:0:0:0:9]')).toBe(net);
    expect(rateLimitKey('2001:db8:1:2::5%eth0')).toBe(net);
    expect(rateLimitKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(rateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('203.0.113.7')).toBe('203.0.113.7');
  });
});
