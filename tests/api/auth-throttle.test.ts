/**
 * Password guessing and self-registration limits (functions/accounts/throttle.ts), with the client address the host
 * would see supplied per request, and the clean-up of expired sessions and spent counters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressKey } from '../../functions/accounts/throttle.ts';
import { DEMO_PASSWORD } from '../../functions/demo/seed.ts';
import { Client, demoWorld, ORIGIN, type Reply } from '../support/api.ts';
import { registration, usccOf } from '../support/enterprises.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  // The host tells the app the client's address; here each test client names its own.
  world = await demoWorld({ clientIp: (c) => c.req.header('x-test-client') });
});
afterAll(() => world.close());

const MINUTE = 60_000;
const from = (ip: string) => new Client(world.app, { Origin: ORIGIN, 'x-test-client': ip });
const login = (ip: string, account: string, password: string) =>
  from(ip).post('/api/auth/login', { login: account, password });
const statuses = (replies: Reply[]) => replies.map((r) => r.status);
const count = (replies: Reply[], status: number) => replies.filter((r) => r.status === status).length;

function expectTooMany(r: Reply) {
  expect(r.status).toBe(429);
  expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(r.body.error.message).toMatch(/请 \d+ 分钟后再试/);
}

describe('login throttling per address', () => {
  it('locks one address out of an account after 5 wrong passwords, but not the holder at another address', async () => {
    for (let i = 0; i < 5; i++)
      expect((await login('203.0.113.7', 'cc-city', 'wrong-guess-1')).status).toBe(401);
    const locked = await login('203.0.113.7', 'cc-city', DEMO_PASSWORD);
    expectTooMany(locked);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    expect((await login('198.51.100.20', 'cc-city', DEMO_PASSWORD)).status).toBe(200);
    world.advanceClock(15 * MINUTE + 1000);
    expect((await login('203.0.113.7', 'cc-city', DEMO_PASSWORD)).status).toBe(200);
  });

  it('never locks the holder out, however long one address keeps guessing at the pace allowed', async () => {
    for (let round = 0; round < 8; round++) {
      const guesses = [];
      for (let i = 0; i < 6; i++) guesses.push(await login('203.0.113.8', 'jl-city', `wrong-${round}-${i}`));
      expect(statuses(guesses)).toEqual([401, 401, 401, 401, 401, 429]);
      expect((await login('198.51.100.21', 'jl-city', DEMO_PASSWORD)).status).toBe(200);
      world.advanceClock(15 * MINUTE);
    }
  });

  it('counts all guesses from one address: after 30 wrong ones at any logins it waits', async () => {
    for (let i = 0; i < 30; i++)
      expect((await login('203.0.113.9', `nobody-${i}`, 'wrong-guess-2')).status).toBe(401);
    expectTooMany(await login('203.0.113.9', 'province', DEMO_PASSWORD));
    expect((await login('198.51.100.22', 'province', DEMO_PASSWORD)).status).toBe(200);
    world.advanceClock(15 * MINUTE + 1000);
  });

  it('answers unknown logins exactly like known ones, locked or not', async () => {
    const known = [];
    const unknown = [];
    for (let i = 0; i < 6; i++) {
      known.push(await login('203.0.113.10', 'city-220300', 'wrong-guess-3'));
      unknown.push(await login('203.0.113.10', 'no-such-reviewer', 'wrong-guess-3'));
    }
    expect(statuses(known)).toEqual(statuses(unknown));
    expect(known.map((r) => r.body)).toEqual(unknown.map((r) => r.body));
    world.advanceClock(15 * MINUTE + 1000);
  });
});

describe('client addresses', () => {
  it('counts IPv4 addresses one by one and IPv6 addresses by their /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:a:b:1:2:3:4')).toBe('2001:db8:a:b::/64');
    expect(addressKey('2001:0DB8:000a:b::9')).toBe('2001:db8:a:b::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('does not let one IPv6 /64 dodge the limit by changing addresses', async () => {
    for (let i = 1; i <= 5; i++)
      expect((await login(`2001:db8:5:6::${i}`, 'city-220800', 'wrong-guess-4')).status).toBe(401);
    expectTooMany(await login('2001:db8:5:6::99', 'city-220800', DEMO_PASSWORD));
    expect((await login('2001:db8:5:7::1', 'city-220800', DEMO_PASSWORD)).status).toBe(200);
    world.advanceClock(15 * MINUTE + 1000);
  });
});

describe('login throttling under concurrency', () => {
  it('checks at most 5 of 40 simultaneous wrong passwords from one address; the rest get 429', async () => {
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login('203.0.113.11', 'city-220400', `wrong-${i}`)),
    );
    expect(count(replies, 401)).toBe(5);
    expect(count(replies, 429)).toBe(35);
    expectTooMany(await login('203.0.113.11', 'city-220400', DEMO_PASSWORD));
    world.advanceClock(15 * MINUTE + 1000);
  });

  it('checks at most 21 of 40 simultaneous guesses at one account from 40 addresses', async () => {
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(`192.0.2.${i + 1}`, 'city-220500', `wrong-${i}`)),
    );
    expect(count(replies, 401)).toBeGreaterThan(0);
    expect(count(replies, 401)).toBeLessThanOrEqual(21);
    expect(count(replies, 401) + count(replies, 429)).toBe(40);
    world.advanceClock(15 * MINUTE + 1000);
  });
});

describe('login throttling per account over all addresses', () => {
  it('past 20 failures lets one guess through at a time, with a pause that doubles', async () => {
    for (let a = 0; a < 4; a++)
      for (let i = 0; i < 5; i++)
        expect((await login(`192.0.2.${100 + a}`, 'samr', 'wrong')).status).toBe(401);
    // The 21st guess is checked and starts a 30 s pause for everyone, the holder included.
    expect((await login('192.0.2.110', 'samr', 'wrong')).status).toBe(401);
    const first = await login('192.0.2.111', 'samr', DEMO_PASSWORD);
    expectTooMany(first);
    expect(Number(first.headers.get('retry-after'))).toBe(30);
    world.advanceClock(31_000);
    expect((await login('192.0.2.112', 'samr', 'wrong')).status).toBe(401);
    const second = await login('192.0.2.113', 'samr', DEMO_PASSWORD);
    expectTooMany(second);
    expect(Number(second.headers.get('retry-after'))).toBe(60);
    world.advanceClock(61_000);
    expect((await login('198.51.100.23', 'samr', DEMO_PASSWORD)).status).toBe(200);
    world.advanceClock(15 * MINUTE);
    expect((await login('192.0.2.114', 'samr', 'wrong')).status).toBe(401);
    expect((await login('198.51.100.23', 'samr', DEMO_PASSWORD)).status).toBe(200);
  });
});

describe('password change throttling', () => {
  it('counts wrong current passwords like failed logins: the sixth try waits, even when right', async () => {
    const me = await from('203.0.113.12').login('city-220600');
    for (let i = 0; i < 5; i++) {
      const r = await me.post('/api/auth/password', {
        currentPassword: `wrong-${i}`,
        newPassword: 'another-long-password-1',
      });
      expect(r.status).toBe(403);
      expect(r.body.error.fields.currentPassword).toContain('当前密码不正确');
    }
    const locked = await me.post('/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'another-long-password-1',
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.body.error.message).toMatch(/分钟后再试/);
    world.advanceClock(15 * MINUTE + 1000);
    const changed = await me.post('/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'another-long-password-1',
    });
    expect(changed.status).toBe(200);
  });

  it('checks at most 5 of 20 simultaneous wrong current passwords', async () => {
    const me = await from('203.0.113.13').login('city-220700');
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        me.post('/api/auth/password', {
          currentPassword: `wrong-${i}`,
          newPassword: 'another-long-password-2',
        }),
      ),
    );
    expect(count(replies, 403)).toBe(5);
    expect(count(replies, 429)).toBe(15);
    world.advanceClock(15 * MINUTE + 1000);
  });
});

describe('self-registration limit per address', () => {
  const uscc = (n: number) => usccOf(`91220101MA17P8${String(n).padStart(3, '0')}`);
  const numbered = (n: number) => registration({ uscc: uscc(n), name: `长春市限流测试旅行社${n}有限公司` });

  it('allows 10 registrations an hour from one address, then 429 with Retry-After and a Chinese message', async () => {
    for (let n = 0; n < 10; n++)
      expect((await from('203.0.113.14').post('/api/auth/register', numbered(n))).status).toBe(201);
    const refused = await from('203.0.113.14').post('/api/auth/register', numbered(10));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    expect(refused.body.error.message).toMatch(/注册过多，请 \d+ 分钟后再试/);
    const rows = await world.database.client.execute({
      sql: 'select count(*) as n from enterprises where uscc = ?',
      args: [uscc(10)],
    });
    expect(Number(rows.rows[0]?.n)).toBe(0);
    expect((await from('198.51.100.24').post('/api/auth/register', numbered(10))).status).toBe(201);
    world.advanceClock(60 * MINUTE + 1000);
    expect((await from('203.0.113.14').post('/api/auth/register', numbered(11))).status).toBe(201);
  });
});

describe('clean-up of expired sessions and counters', () => {
  it('deletes a bounded batch of expired rows on each login, and nothing still valid', async () => {
    const db = world.database.client;
    // Start from a known state: earlier tests' sessions and counters have expired by now too.
    await db.execute('delete from sessions');
    await db.execute('delete from login_throttle');
    const now = world.deps.now().getTime();
    const ids = async (role: 'admin' | 'enterprise') =>
      (await db.execute({ sql: 'select id from accounts where role = ? limit 1', args: [role] })).rows[0]?.id;
    const admin = await ids('admin');
    const enterprise = await ids('enterprise');
    const insert = (id: string, account: unknown, createdAt: number, lastSeenAt: number) =>
      db.execute({
        sql: 'insert into sessions (id, account_id, secret_hash, created_at, last_seen_at) values (?, ?, ?, ?, ?)',
        args: [id, account as string, 'x', createdAt, lastSeenAt],
      });
    // 250 reviewer sessions idle for an hour (expired), enterprise sessions idle for an hour (valid) and one
    // past 12 hours (expired), a reviewer session seen a minute ago (valid).
    for (let i = 0; i < 250; i++)
      await insert(`old-admin-${i}`, admin, now - 2 * 60 * MINUTE, now - 60 * MINUTE);
    await insert('idle-enterprise', enterprise, now - 60 * MINUTE, now - 60 * MINUTE);
    await insert('aged-enterprise', enterprise, now - 13 * 60 * MINUTE, now - MINUTE);
    await insert('fresh-admin', admin, now - 10 * MINUTE, now - MINUTE);
    const counter = (key: string, windowStartedAt: number, lockedUntil: number | null) =>
      db.execute({
        sql: 'insert into login_throttle (key, failures, window_started_at, locked_until) values (?, 3, ?, ?)',
        args: [key, windowStartedAt, lockedUntil],
      });
    await counter('ip:spent', now - 2 * 60 * MINUTE, null);
    await counter('ip:current', now - 5 * MINUTE, null);
    await counter('account:held', now - 2 * 60 * MINUTE, now + 5 * MINUTE);

    const left = async () => (await db.execute('select id from sessions')).rows.map((r) => String(r.id));
    const expiredLeft = async () =>
      (await left()).filter((id) => id.startsWith('old-admin-') || id === 'aged-enterprise').length;
    const keys = async () =>
      (await db.execute('select key from login_throttle')).rows.map((r) => String(r.key));

    await login('198.51.100.30', 'nobody-at-all', 'wrong');
    expect(await expiredLeft()).toBe(51);
    await login('198.51.100.30', 'nobody-at-all', 'wrong');
    expect(await expiredLeft()).toBe(0);
    const remaining = await left();
    expect(remaining).toContain('idle-enterprise');
    expect(remaining).toContain('fresh-admin');
    expect(remaining).not.toContain('aged-enterprise');
    expect(await keys()).not.toContain('ip:spent');
    expect(await keys()).toContain('ip:current');
    expect(await keys()).toContain('account:held');
  });
});
