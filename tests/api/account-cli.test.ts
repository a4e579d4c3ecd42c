import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app.ts';
import { openDatabase } from '../../functions/hosts/node.ts';
import { Client } from '../support/api.ts';
import { projectRoot, testDeps } from '../support/server.ts';

describe('npm run account:create', () => {
  it('creates a city reviewer who can then sign in, and refuses one without a city', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cqo-cli-'));
    const env = {
      ...process.env,
      DATABASE_URL: `file:${join(dir, 'cli.db')}`,
      ACCOUNT_PASSWORD: 'a-strong-password-1',
      KEY_FILE: join(dir, 'keys.json'),
    };
    const run = (args: string[]) =>
      spawnSync('npm', ['run', '-s', 'account:create', '--', ...args], {
        cwd: projectRoot,
        env,
        encoding: 'utf8',
      });
    const ok = run([
      '--role',
      'city_tourism',
      '--city',
      '220300',
      '--login',
      'sp-reviewer',
      '--name',
      '四平审核员',
    ]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('已创建账号 sp-reviewer');
    const bad = run(['--role', 'city_tourism', '--login', 'sp-other', '--name', '某人']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('须选择所属市州');
    const { client, db } = await openDatabase({ databaseUrl: env.DATABASE_URL });
    const app = createApp(testDeps({ db, dir }));
    const me = await new Client(app).login('sp-reviewer', 'a-strong-password-1');
    expect((await me.get('/api/auth/me')).body.me).toMatchObject({ role: 'city_tourism', city: '220300' });
    client.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
