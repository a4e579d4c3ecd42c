import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionPolicy } from '../../functions/accounts/sessions.ts';
import { createNodeSite } from '../../functions/hosts/node.ts';
import { Client, demoWorld, ORIGIN } from '../support/api.ts';
import { registration, usccOf } from '../support/enterprises.ts';
import { siteRoot } from '../support/server.ts';

/** The smallest well-formed PDF (attachments are recognised by their first bytes). */
const pdf = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});
afterAll(() => world.close());

const validUscc = usccOf('91220101MA17P8KQ0');
const newEnterprise = registration({ uscc: validUscc, name: '长春市测试国际旅行社有限公司' });

describe('enterprise registration', () => {
  it('registers an enterprise with a valid 统一社会信用代码 and signs it in', async () => {
    const uscc = validUscc;
    const c = world.client();
    const r = await c.post('/api/auth/register', { ...newEnterprise, uscc: uscc.toLowerCase() });
    expect(r.status).toBe(201);
    expect(r.body.me).toMatchObject({ role: 'enterprise', login: uscc, city: '220100' });
    expect((await c.get('/api/auth/me')).status).toBe(200);
    const again = await world.client().post('/api/auth/register', { ...newEnterprise, uscc });
    expect(again.status).toBe(409);
  });

  it('tells the enterprise the check character is wrong, keeping other fields apart', async () => {
    const r = await world.client().post('/api/auth/register', {
      ...newEnterprise,
      uscc: `${validUscc.slice(0, 17)}${validUscc.endsWith('A') ? 'B' : 'A'}`,
      contactPhone: '123',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.uscc).toContain('校验位');
    expect(r.body.error.fields.contactPhone).toBeTruthy();
  });

  it('refuses server-owned or unknown fields in the payload', async () => {
    const r = await world.client().post('/api/auth/register', { ...newEnterprise, role: 'admin' });
    expect(r.status).toBe(400);
  });

  it('asks for a grade that matches the enterprise type', async () => {
    const r = await world.client().post('/api/auth/register', {
      ...newEnterprise,
      uscc: usccOf('91220101MA17P8KQ1'),
      type: 'star_hotel',
      grade: '5A',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.grade).toContain('五星');
  });
});

describe('signing in', () => {
  it('gives the same answer for an unknown account and a wrong password', async () => {
    const unknown = await world
      .client()
      .post('/api/auth/login', { login: 'nobody-here', password: 'whatever-123' });
    const wrong = await world
      .client()
      .post('/api/auth/login', { login: 'province', password: 'wrong-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('locks an account after 5 failures, even against the right password, and says when to retry', async () => {
    const c = world.client();
    for (let i = 0; i < 5; i++)
      expect(
        (await c.post('/api/auth/login', { login: 'city-220300', password: 'bad-password' })).status,
      ).toBe(401);
    const locked = await c.post('/api/auth/login', { login: 'city-220300', password: 'Demo-2026-cqo' });
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(/分钟后再试/);
    world.advanceClock(16 * 60_000);
    expect(
      (await c.post('/api/auth/login', { login: 'city-220300', password: 'Demo-2026-cqo' })).status,
    ).toBe(200);
  });

  it('stores sessions hashed: the cookie token is not in the database', async () => {
    const c = await world.as('province');
    const token = decodeURIComponent(c.cookie?.split('=')[1] ?? '');
    const rows = await world.database.client.execute('select id, secret_hash from sessions');
    expect(token).toMatch(/^[a-z2-7]{32}\.[a-z2-7]{32}$/);
    expect(JSON.stringify(rows.rows)).not.toContain(token.split('.')[1]);
  });

  it('sets an HttpOnly SameSite cookie, __Host- and Secure over HTTPS', async () => {
    const res = await world.app.request('https://cqo.example.gov.cn/api/auth/login', {
      method: 'POST',
      headers: { Origin: 'https://cqo.example.gov.cn', 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: 'Demo-2026-cqo' }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-cqo_session=/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/);
  });
});

describe('sessions', () => {
  const HOUR = 60 * 60_000;
  const MINUTE = 60_000;

  it('keeps the timeouts of the issue: enterprises 2 h idle / 12 h absolute, reviewers 30 min / 8 h', () => {
    expect(sessionPolicy.enterprise).toEqual({ idle: 2 * HOUR, absolute: 12 * HOUR });
    expect(sessionPolicy.reviewer).toEqual({ idle: 30 * MINUTE, absolute: 8 * HOUR });
  });

  it('ends a reviewer session after 30 idle minutes but keeps an active one alive', async () => {
    const c = await world.as('jl-city');
    world.advanceClock(20 * MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    world.advanceClock(29 * MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    world.advanceClock(31 * MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('ends an enterprise session after 2 idle hours, not before', async () => {
    const c = await world.as(world.logins.jilinScenic);
    world.advanceClock(2 * HOUR - MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    world.advanceClock(2 * HOUR + MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('ends an enterprise session at 12 hours, however active', async () => {
    const c = await world.as(world.logins.changchunAgency);
    for (let t = 0; t < 12 * HOUR; t += HOUR) {
      world.advanceClock(HOUR);
      expect((await c.get('/api/auth/me')).status).toBe(200);
    }
    world.advanceClock(MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('ends a reviewer session at 8 hours, however active', async () => {
    const c = await world.as('city-220500');
    for (let t = 0; t < 8 * HOUR; t += 20 * MINUTE) {
      world.advanceClock(20 * MINUTE);
      expect((await c.get('/api/auth/me')).status).toBe(200);
    }
    world.advanceClock(MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('gives reviewers the shorter timeouts: an idle hour or 9 active hours end theirs, not an enterprise’s', async () => {
    const reviewer = await world.as('city-220600');
    const enterprise = await world.as(world.logins.jilinHotel);
    world.advanceClock(HOUR);
    expect((await reviewer.get('/api/auth/me')).status).toBe(401);
    expect((await enterprise.get('/api/auth/me')).status).toBe(200);

    const activeReviewer = await world.as('city-220600');
    const activeEnterprise = await world.as(world.logins.jilinHotel);
    for (let t = 0; t < 9 * HOUR; t += 20 * MINUTE) {
      world.advanceClock(20 * MINUTE);
      await activeReviewer.get('/api/auth/me');
      await activeEnterprise.get('/api/auth/me');
    }
    expect((await activeReviewer.get('/api/auth/me')).status).toBe(401);
    expect((await activeEnterprise.get('/api/auth/me')).status).toBe(200);
  });

  it('logs out: the old cookie no longer works', async () => {
    const c = await world.as('samr');
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const replay = new Client(world.app);
    replay.cookie = cookie;
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('ends every other session when the password changes', async () => {
    const a = await world.as('city-220400');
    const b = await world.as('city-220400');
    const changed = await a.post('/api/auth/password', {
      currentPassword: 'Demo-2026-cqo',
      newPassword: 'another-long-password',
    });
    expect(changed.status).toBe(200);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    expect(
      (await world.client().post('/api/auth/login', { login: 'city-220400', password: 'Demo-2026-cqo' }))
        .status,
    ).toBe(401);
  });
});

describe('cross-site requests', () => {
  it('refuses an unsafe JSON request from another origin', async () => {
    const evil = new Client(world.app, { Origin: 'https://evil.example' });
    const r = await evil.post('/api/auth/login', { login: 'admin', password: 'Demo-2026-cqo' });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain('跨站请求');
  });

  it('refuses a request the browser marks cross-site, and one with no origin at all', async () => {
    const c = await world.as('admin');
    const marked = await c.send('POST', '/api/auth/logout', {}, { 'Sec-Fetch-Site': 'cross-site' });
    expect(marked.status).toBe(403);
    const bare = new Client(world.app, {});
    bare.cookie = c.cookie;
    expect((await bare.post('/api/auth/logout')).status).toBe(403);
    expect((await c.get('/api/auth/me')).status).toBe(200);
  });

  it('accepts a same-origin browser request', async () => {
    const c = new Client(world.app, { 'Sec-Fetch-Site': 'same-origin' });
    expect((await c.post('/api/auth/login', { login: 'admin', password: 'Demo-2026-cqo' })).status).toBe(200);
  });

  it('refuses a cross-site multipart upload, and keeps the attachment out', async () => {
    const owner = await world.as(world.logins.changchunAgency);
    const draft = (await owner.post('/api/filings', { kind: 'new' })).body;
    const form = () => {
      const f = new FormData();
      f.set('kind', 'degree');
      f.set('file', new File([pdf], 'degree.pdf', { type: 'application/pdf' }));
      return f;
    };
    const refusedHeaders: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { Origin: ORIGIN, 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      {},
    ];
    for (const headers of refusedHeaders) {
      const evil = new Client(world.app, headers);
      evil.cookie = owner.cookie;
      const r = await evil.send('POST', `/api/filings/${draft.id}/attachments`, form());
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('cross_site');
    }
    expect((await owner.get(`/api/filings/${draft.id}`)).body.attachments).toEqual([]);
    const same = await owner.send('POST', `/api/filings/${draft.id}/attachments`, form());
    expect(same.status).toBeLessThan(300);
  });

  it('refuses a cross-site JSON save, leaving the draft as it was', async () => {
    const owner = await world.as(world.logins.changchunAgency);
    const id = (await owner.get('/api/filings')).body.items[0].id;
    const evil = new Client(world.app, { Origin: 'https://evil.example' });
    evil.cookie = owner.cookie;
    const r = await evil.put(`/api/filings/${id}`, { form: { cqoName: '被篡改' } });
    expect(r.status).toBe(403);
    expect(JSON.stringify((await owner.get(`/api/filings/${id}`)).body)).not.toContain('被篡改');
  });
});

describe('security headers of the real Node host', () => {
  it('sends a CSP and the other headers on API answers and pages, over a real socket', async () => {
    const site = createNodeSite(world.deps, siteRoot);
    const server = serve({ fetch: site.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((done) => server.once('listening', () => done()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const path of ['/api/health', '/api/auth/me', '/no-such-page/']) {
        const res = await fetch(`${base}${path}`);
        await res.arrayBuffer();
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp, path).toContain("default-src 'self'");
        expect(csp, path).toContain("frame-ancestors 'none'");
        expect(
          csp.split(';').find((d) => d.trim().startsWith('script-src')),
          path,
        ).not.toContain('unsafe-inline');
        expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(res.headers.get('strict-transport-security'), path).toMatch(/max-age=\d+/);
        expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      }
      const api = await fetch(`${base}/api/auth/me`);
      expect(api.headers.get('cache-control')).toBe('no-store');
    } finally {
      await new Promise<void>((done) => {
        server.close(() => done());
        // fetch keeps connections alive; close them rather than wait for them to time out.
        (server as Server).closeAllConnections();
      });
    }
  });
});

describe('accounts created by an admin', () => {
  it('must replace the initial password before doing anything else', async () => {
    const admin = await world.as('admin');
    const made = await admin.post('/api/accounts', {
      role: 'city_tourism',
      login: 'cc-newcomer',
      displayName: '新任审核员',
      city: '220100',
      password: 'initial-password-1',
    });
    expect(made.status).toBe(201);
    const newcomer = await new Client(world.app).login('cc-newcomer', 'initial-password-1');
    expect((await newcomer.get('/api/auth/me')).body.me.mustChangePassword).toBe(true);
    const refused = await newcomer.get('/api/filings');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('password_change_required');
    const changed = await newcomer.post('/api/auth/password', {
      currentPassword: 'initial-password-1',
      newPassword: 'only-i-know-this-one',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.me.mustChangePassword).toBe(false);
    expect((await newcomer.get('/api/filings')).status).toBe(200);
  });

  it('leaves demo accounts and self-registered enterprises free to work', async () => {
    expect((await (await world.as('province')).get('/api/auth/me')).body.me.mustChangePassword).toBe(false);
    expect((await (await world.as(world.logins.jilinScenic)).get('/api/filings')).status).toBe(200);
  });
});

describe('an admin resetting a forgotten password', () => {
  it('ends the holder’s sessions and makes them replace the new password first', async () => {
    const holder = await world.as(world.logins.yanbianRural);
    const id = (await holder.get('/api/auth/me')).body.me.id;
    const admin = await world.as('admin');
    expect((await admin.post(`/api/accounts/${id}/password`, { password: 'short' })).status).toBe(400);
    expect((await admin.post(`/api/accounts/${id}/password`, { password: 'reset-by-admin-1' })).status).toBe(
      200,
    );
    expect((await holder.get('/api/auth/me')).status).toBe(401);
    const again = await new Client(world.app).login(world.logins.yanbianRural, 'reset-by-admin-1');
    expect((await again.get('/api/filings')).body.error.code).toBe('password_change_required');
    const enterprise = await world.as(world.logins.changchunAgency);
    expect(
      (await enterprise.post(`/api/accounts/${id}/password`, { password: 'reset-by-nobody-1' })).status,
    ).toBe(403);
  });
});
