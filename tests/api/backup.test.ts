import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app.ts';
import { seedDemo } from '../../functions/demo/seed.ts';
import { migrateDatabase, openDatabase } from '../../functions/hosts/node.ts';
import { Client } from '../support/api.ts';
import { projectRoot, testDeps } from '../support/server.ts';

describe('npm run backup / restore', () => {
  it('restores the database and uploads as they were at the backup, while the server was running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cqo-backup-'));
    const env = {
      ...process.env,
      DATABASE_URL: `file:${join(dir, 'live.db')}`,
      FILES_DIR: join(dir, 'files'),
    };
    let { client, db } = await openDatabase({ databaseUrl: env.DATABASE_URL });
    await migrateDatabase(db, join(projectRoot, 'db/migrations'));
    const deps = testDeps({ db, dir });
    await seedDemo(deps);
    const province = await new Client(createApp(deps)).login('province');
    const before = (await province.get('/api/filings?pageSize=100')).body.total;

    const backup = spawnSync('npm', ['run', '-s', 'backup', '--', '--to', join(dir, 'snapshot')], {
      cwd: projectRoot,
      env,
      encoding: 'utf8',
    });
    expect(backup.status, backup.stderr).toBe(0);
    expect(existsSync(join(dir, 'snapshot', 'cqo.db'))).toBe(true);
    expect(existsSync(join(dir, 'snapshot', 'files', 'filings'))).toBe(true);

    // Damage after the backup: a filing's rows and all uploads gone.
    await client.execute('delete from filings');
    rmSync(join(dir, 'files'), { recursive: true, force: true });
    expect((await province.get('/api/filings')).body.total).toBe(0);
    client.close();

    const restore = spawnSync('npm', ['run', '-s', 'restore', '--', '--from', join(dir, 'snapshot')], {
      cwd: projectRoot,
      env,
      encoding: 'utf8',
    });
    expect(restore.status, restore.stderr).toBe(0);
    ({ client, db } = await openDatabase({ databaseUrl: env.DATABASE_URL }));
    const reopened = await new Client(createApp(testDeps({ db, dir }))).login('province');
    const after = await reopened.get('/api/filings?pageSize=100');
    expect(after.body.total).toBe(before);
    const withFiles = after.body.items.find((f: { status: string }) => f.status !== 'draft');
    const detail = (await reopened.get(`/api/filings/${withFiles.id}`)).body;
    expect((await reopened.get(detail.attachments[0].url)).status).toBe(200);
    client.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
