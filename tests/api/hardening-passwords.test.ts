/** Guessable passwords are refused wherever a person chooses one: registration, change, an admin, the CLI. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../functions/demo/seed.ts';
import { usccCheckChar } from '../../src/shared/uscc.ts';
import { type Client, demoWorld } from '../support/api.ts';
import { projectRoot } from '../support/server.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
let admin: Client;
beforeAll(async () => {
  world = await demoWorld();
  admin = await world.as('admin');
});
afterAll(() => world.close());

const uscc = `91220101MA17P8KQ1${usccCheckChar('91220101MA17P8KQ1')}`;
const enterprise = (password: string) => ({
  uscc,
  name: '长春市密码测试旅行社有限公司',
  type: 'travel_agency',
  grade: null,
  city: '220100',
  contactName: '王芳',
  contactPhone: '0431-88886666',
  password,
});

describe('self-registration', () => {
  const refused: Record<string, [string, RegExp]> = {
    'one repeated character': ['aaaaaaaaaa', /同一个字符/],
    'a digit run': ['1234567890', /连续排列/],
    'a keyboard row': ['qwertyuiop', /连续排列/],
    'the alphabet': ['abcdefghij', /连续排列/],
    'a common password': ['Password123', /常用名单/],
    'its own 统一社会信用代码': [`cqo-${uscc.toLowerCase()}`, /统一社会信用代码/],
  };
  for (const [what, [password, message]] of Object.entries(refused)) {
    it(`refuses ${what}, saying what would be accepted`, async () => {
      const r = await world.client().post('/api/auth/register', enterprise(password));
      expect(r.status, r.text).toBe(400);
      expect(r.body.error.fields.password).toMatch(message);
      expect(r.body.error.fields.password).toContain('可以用一句容易记住');
    });
  }

  it('accepts a phrase', async () => {
    const r = await world.client().post('/api/auth/register', enterprise('豆豆爱吃包子2019'));
    expect(r.status, r.text).toBe(201);
  });
});

describe('a password change', () => {
  it('refuses a common password and one containing the login', async () => {
    const c = await world.as('cc-city');
    for (const [newPassword, message] of [
      ['basketball', /常用名单/],
      ['my-CC-City-2026', /登录名/],
      ['0987654321', /连续排列/],
    ] as const) {
      const r = await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword });
      expect(r.status, newPassword).toBe(400);
      expect(r.body.error.fields.newPassword).toMatch(message);
    }
    expect((await c.get('/api/auth/me')).status).toBe(200);
  });
});

describe('an admin choosing a password', () => {
  it('cannot give a new account a common password or one containing its login', async () => {
    const account = (password: string) => ({
      role: 'province_tourism',
      login: 'prov-weak',
      displayName: '复审员',
      password,
    });
    const common = await admin.post('/api/accounts', account('christopher'));
    expect(common.status).toBe(400);
    expect(common.body.error.fields.password).toMatch(/常用名单/);
    const own = await admin.post('/api/accounts', account('Prov-Weak-2026'));
    expect(own.status).toBe(400);
    expect(own.body.error.fields.password).toMatch(/登录名/);
  });

  it('cannot reset a password to a common one', async () => {
    const target = (await admin.get('/api/accounts')).body.items.find(
      (a: { login: string }) => a.login === 'jl-city',
    );
    const r = await admin.post(`/api/accounts/${target.id}/password`, { password: '1q2w3e4r5t' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.password).toMatch(/常用名单/);
    expect(
      (await admin.post('/api/accounts/no-such-id/password', { password: 'a-fine-phrase-77' })).status,
    ).toBe(404);
  });
});

describe('npm run account:create', () => {
  it('refuses a keyboard run and a common password from ACCOUNT_PASSWORD', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cqo-cli-pw-'));
    try {
      const run = (password: string) =>
        spawnSync(
          'npm',
          [
            'run',
            '-s',
            'account:create',
            '--',
            '--role',
            'admin',
            '--login',
            'ops-admin',
            '--name',
            '管理员',
          ],
          {
            cwd: projectRoot,
            encoding: 'utf8',
            env: {
              ...process.env,
              DATABASE_URL: `file:${join(dir, 'cli.db')}`,
              KEY_FILE: join(dir, 'keys.json'),
              ACCOUNT_PASSWORD: password,
            },
          },
        );
      const run1 = run('qwertyuiop');
      expect(run1.status).toBe(2);
      expect(run1.stderr).toContain('连续排列');
      const run2 = run('terminator');
      expect(run2.status).toBe(1);
      expect(run2.stderr).toContain('常用名单');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
