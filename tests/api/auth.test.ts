import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, demoWorld } from '../support/api.ts';
import { registration, usccOf } from '../support/enterprises.ts';

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
