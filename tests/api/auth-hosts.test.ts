/**
 * What the Node host takes from its environment for sign-in: HTTPS behind a reverse proxy (the `__Host-` cookie),
 * and demo data (DEMO_DATA) — when `npm start` writes it and whether demo accounts may sign in.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createStaffAccount } from '../../functions/accounts/reviewers.ts';
import { decideDemoData, planDemoData } from '../../functions/demo/policy.ts';
import { DEMO_PASSWORD } from '../../functions/demo/seed.ts';
import type { Deps } from '../../functions/deps.ts';
import { createNodeSite, nodeDeps } from '../../functions/hosts/node.ts';
import { demoWorld } from '../support/api.ts';
import { ENTERPRISE_PASSWORD, registerEnterprise, usccOf } from '../support/enterprises.ts';
import { siteRoot, tempDatabase } from '../support/server.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** The real Node host over a fresh database, its deps built from `env` as `npm start` builds them. */
async function nodeHost(env: Record<string, string>) {
  const database = await tempDatabase();
  const deps: Deps = {
    ...nodeDeps(database.db, database.dir, { ID_ENCRYPTION_KEY: '', ID_HASH_KEY: '', ...env }),
    passwordCost: { N: 1024, r: 8, p: 1 },
  };
  const made = await createStaffAccount(deps, {
    role: 'province_tourism',
    login: 'prov-https',
    displayName: '复审员',
    password: 'a-long-password-1',
  });
  if (!made.ok) throw new Error(made.message);
  const server = serve({ fetch: createNodeSite(deps, siteRoot).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((done) => server.once('listening', () => done()));
  cleanups.push(async () => {
    await new Promise<void>((done) => {
      server.close(() => done());
      (server as Server).closeAllConnections();
    });
    database.cleanup();
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    deps,
    async login(headers: Record<string, string>) {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ login: 'prov-https', password: 'a-long-password-1' }),
      });
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      return res.headers.get('set-cookie') ?? '';
    },
    async me(cookie: string, headers: Record<string, string> = {}) {
      const res = await fetch(`${base}/api/auth/me`, {
        headers: { Cookie: cookie.split(';')[0] ?? '', ...headers },
      });
      await res.arrayBuffer();
      return res.status;
    },
  };
}

function expectHostCookie(cookie: string) {
  expect(cookie).toMatch(/^__Host-cqo_session=[a-z2-7]+\.[a-z2-7]+;/);
  expect(cookie).toMatch(/;\s*Secure/i);
  expect(cookie).toMatch(/;\s*HttpOnly/i);
  expect(cookie).toMatch(/;\s*Path=\//);
  expect(cookie).not.toMatch(/Domain=/i);
}

function expectPlainCookie(cookie: string) {
  expect(cookie).toMatch(/^cqo_session=/);
  expect(cookie).not.toMatch(/Secure/i);
}

describe('the session cookie behind a reverse proxy that ends TLS', () => {
  it('is __Host- and Secure when PUBLIC_ORIGIN is https, though the host itself sees plain http', async () => {
    const host = await nodeHost({ PUBLIC_ORIGIN: 'https://cqo.example.gov.cn' });
    const cookie = await host.login({ Origin: 'https://cqo.example.gov.cn' });
    expectHostCookie(cookie);
    expect(await host.me(cookie)).toBe(200);
  });

  it('is __Host- and Secure with TRUST_PROXY=1 when the proxy says X-Forwarded-Proto: https', async () => {
    const host = await nodeHost({ TRUST_PROXY: '1' });
    const cookie = await host.login({ 'X-Forwarded-Proto': 'https' });
    expectHostCookie(cookie);
    expect(await host.me(cookie, { 'X-Forwarded-Proto': 'https' })).toBe(200);
    expectPlainCookie(await host.login({ 'X-Forwarded-Proto': 'http' }));
    expectPlainCookie(await host.login({}));
  });

  it('ignores X-Forwarded-Proto unless the proxy is trusted', async () => {
    const host = await nodeHost({});
    expect(host.deps.trustProxy).toBe(false);
    expectPlainCookie(await host.login({ 'X-Forwarded-Proto': 'https' }));
  });
});

describe('DEMO_DATA=off', () => {
  it('is read by the Node host', () => {
    const dir = '/nonexistent-cqo-test';
    const keys = {
      ID_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      ID_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
    };
    expect(nodeDeps({} as Database, dir, { ...keys, DEMO_DATA: 'off' }).refuseDemoAccounts).toBe(true);
    expect(nodeDeps({} as Database, dir, keys).refuseDemoAccounts).toBe(false);
    expect(nodeDeps({} as Database, dir, { ...keys, DEMO_DATA: 'on' }).refuseDemoAccounts).toBe(false);
  });

  it('refuses demo accounts with a Chinese explanation, ends their sessions, and lets real accounts in', async () => {
    const world = await demoWorld();
    cleanups.push(() => world.close());
    const earlier = await world.as('province');
    world.deps.refuseDemoAccounts = true;
    expect((await earlier.get('/api/auth/me')).status).toBe(401);

    const refused = await world.client().post('/api/auth/login', { login: 'admin', password: DEMO_PASSWORD });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('demo_disabled');
    expect(refused.body.error.message).toMatch(/演示账号不能登录.*请使用/);
    expect(refused.headers.get('set-cookie') ?? '').not.toMatch(/cqo_session=[a-z2-7]/);
    // A wrong password still gets the answer anyone gets: nothing is told about the account.
    const wrong = await world
      .client()
      .post('/api/auth/login', { login: 'admin', password: 'not-the-password' });
    const unknown = await world
      .client()
      .post('/api/auth/login', { login: 'no-one', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);

    const uscc = usccOf('91220101MA17R8KQ0');
    await registerEnterprise(world.client(), { uscc, name: '长春市正式旅行社有限公司' });
    const real = await world.client().login(uscc, ENTERPRISE_PASSWORD);
    expect((await real.get('/api/auth/me')).status).toBe(200);
  });
});

describe('when npm start writes demo data', () => {
  const base = { databaseUrl: 'file:data/cqo.db', setting: undefined, accounts: 0, demoAccounts: 0 };

  it('writes it into a new local database by default, as on a fresh clone', () => {
    expect(decideDemoData(base).seed).toBe(true);
    // …and keeps a demo database from an earlier start going (its logins are printed again).
    expect(decideDemoData({ ...base, accounts: 23, demoAccounts: 20 }).seed).toBe(true);
  });

  it('never writes it by default into a database with real accounts, or a remote one', () => {
    const real = decideDemoData({ ...base, accounts: 3 });
    expect(real.seed).toBe(false);
    expect(real.note).toContain('DEMO_DATA=on');
    for (const databaseUrl of [
      'libsql://cqo-jilin.turso.io',
      'https://cqo-jilin.turso.io',
      'http://127.0.0.1:8080',
    ])
      expect(decideDemoData({ ...base, databaseUrl }).seed).toBe(false);
    expect(decideDemoData({ ...base, setting: 'yes' }).note).toContain('无法识别');
  });

  it('does what DEMO_DATA says when set', () => {
    expect(decideDemoData({ ...base, setting: 'off' }).seed).toBe(false);
    expect(decideDemoData({ ...base, setting: 'on', accounts: 3 }).seed).toBe(true);
    expect(decideDemoData({ ...base, setting: 'on', databaseUrl: 'libsql://cqo-jilin.turso.io' }).seed).toBe(
      true,
    );
  });

  it('reads the accounts of a real database to decide, and never opens a remote one to do so', async () => {
    const database = await tempDatabase();
    cleanups.push(() => database.cleanup());
    const url = `file:${database.dir}/test.db`;
    expect((await planDemoData(database.db, url, undefined)).seed).toBe(true);
    const deps = nodeDeps(database.db, database.dir, { ID_ENCRYPTION_KEY: '', ID_HASH_KEY: '' });
    await createStaffAccount(
      { ...deps, passwordCost: { N: 1024, r: 8, p: 1 } },
      { role: 'admin', login: 'real-admin', displayName: '管理员', password: 'a-long-password-2' },
    );
    expect((await planDemoData(database.db, url, undefined)).seed).toBe(false);
    expect((await planDemoData(database.db, url, 'on')).seed).toBe(true);
    const untouchable = new Proxy({} as Database, {
      get: () => {
        throw new Error('the remote database was read');
      },
    });
    expect((await planDemoData(untouchable, 'libsql://cqo-jilin.turso.io', undefined)).seed).toBe(false);
  });
});
