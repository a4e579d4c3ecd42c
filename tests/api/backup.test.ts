import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStorageKeys } from '../../db/queries/system/backup.ts';
import { createApp } from '../../functions/app.ts';
import { seedDemo } from '../../functions/demo/seed.ts';
import type { Deps } from '../../functions/deps.ts';
import { backup, restore } from '../../functions/hosts/backup.ts';
import { migrateDatabase, openDatabase } from '../../functions/hosts/node.ts';
import { Client } from '../support/api.ts';
import { makeEnterprises } from '../support/events.ts';
import { projectRoot, testDeps } from '../support/server.ts';

const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

function upload(kind = 'degree') {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', new File([pdf], `${kind}.pdf`, { type: 'application/pdf' }));
  return form;
}

/** An enterprise with a draft filing, signed in, writing through the app. */
type Writer = { client: Client; filingId: string; attachments: { id: string; url: string }[] };

async function writers(deps: Deps, app: ReturnType<typeof createApp>, count: number): Promise<Writer[]> {
  const out: Writer[] = [];
  for (const e of await makeEnterprises(deps, count, 31)) {
    const client = new Client(app);
    client.cookie = e.cookie;
    const draft = await client.post('/api/filings', { kind: 'new' });
    expect(draft.status, draft.text).toBe(201);
    out.push({ client, filingId: draft.body.id, attachments: [] });
  }
  return out;
}

/** One round of what enterprises do: save the draft, upload a file, delete an older one. */
async function churn(w: Writer, round: number) {
  const saved = await w.client.put(`/api/filings/${w.filingId}`, {
    form: { address: `长春市某路 ${round} 号`, cqoName: '王芳' },
  });
  expect(saved.status, saved.text).toBe(200);
  const added = await w.client.send('POST', `/api/filings/${w.filingId}/attachments`, upload());
  expect(added.status, added.text).toBe(201);
  w.attachments.push(added.body);
  if (w.attachments.length > 3) {
    const old = w.attachments.shift();
    expect((await w.client.del(`/api/filings/${w.filingId}/attachments/${old?.id}`)).status).toBe(204);
  }
}

/** A live database with the demo data and a few enterprises busy with drafts. */
async function liveSite() {
  const dir = mkdtempSync(join(tmpdir(), 'cqo-backup-'));
  const databaseUrl = `file:${join(dir, 'live.db')}`;
  const { client, db } = await openDatabase({ databaseUrl });
  await migrateDatabase(db, join(projectRoot, 'db/migrations'));
  const deps = testDeps({ db, dir });
  await seedDemo(deps);
  const app = createApp(deps);
  const live = {
    dir,
    databaseUrl,
    paths: { databaseFile: join(dir, 'live.db'), filesDir: join(dir, 'files') },
    env: { ...process.env, DATABASE_URL: databaseUrl, FILES_DIR: join(dir, 'files') },
    client,
    deps,
    app,
    /** Closes the current client (tests reopen it after a restore) and removes the folder. */
    close: () => {
      live.client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return live;
}

/** Every attachment row of a restored database has its file, and each downloads. */
async function expectConsistent(databaseUrl: string, dir: string) {
  const { client, db } = await openDatabase({ databaseUrl });
  try {
    const keys = await listStorageKeys(db);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(existsSync(join(dir, 'files', key)), key).toBe(true);
    return { db, keys, client };
  } catch (err) {
    client.close();
    throw err;
  }
}

let site: Awaited<ReturnType<typeof liveSite>>;
beforeAll(async () => {
  site = await liveSite();
});
afterAll(() => site.close());

describe('npm run backup / restore', () => {
  it('restores a consistent copy taken while enterprises saved, uploaded and deleted files', async () => {
    const busy = await writers(site.deps, site.app, 3);
    for (const [i, w] of busy.entries()) await churn(w, i);
    const province = await new Client(site.app).login('province');
    const before = (await province.get('/api/filings?pageSize=100')).body.total;

    // The backup runs in its own process; this one keeps writing until it has finished.
    const child = spawn('npm', ['run', '-s', 'backup', '--', '--to', join(site.dir, 'snapshot')], {
      cwd: projectRoot,
      env: site.env,
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const exited = new Promise<number | null>((done) => child.on('close', done));
    let running = true;
    void exited.then(() => {
      running = false;
    });
    let rounds = 0;
    while (running) {
      for (const w of busy) await churn(w, 100 + rounds);
      rounds += 1;
    }
    expect(await exited, output).toBe(0);
    expect(output).toContain('已备份到');
    expect(rounds).toBeGreaterThan(0);

    // Damage after the backup: every filing row and all uploads gone.
    await site.client.execute('delete from filings');
    rmSync(site.paths.filesDir, { recursive: true, force: true });
    expect((await province.get('/api/filings')).body.total).toBe(0);
    site.client.close();

    const restored = spawnSync('npm', ['run', '-s', 'restore', '--', '--from', join(site.dir, 'snapshot')], {
      cwd: projectRoot,
      env: site.env,
      encoding: 'utf8',
    });
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stderr).not.toContain('缺少');
    const check = await expectConsistent(site.databaseUrl, site.dir);
    const app = createApp(testDeps({ db: check.db, dir: site.dir }));
    const reopened = await new Client(app).login('province');
    const after = await reopened.get('/api/filings?pageSize=100');
    // Everything acknowledged before the backup started is back; drafts are not listed to the province.
    expect(after.body.total).toBe(before);
    const submitted = after.body.items.find((f: { status: string }) => f.status !== 'draft');
    const detail = (await reopened.get(`/api/filings/${submitted.id}`)).body;
    expect((await reopened.get(detail.attachments[0].url)).status).toBe(200);
    // The busy enterprises' drafts are there with every file they list.
    for (const w of busy) {
      const owner = new Client(app);
      owner.cookie = w.client.cookie;
      const draft = await owner.get(`/api/filings/${w.filingId}`);
      expect(draft.status).toBe(200);
      expect(draft.body.attachments.length).toBeGreaterThan(0);
      for (const a of draft.body.attachments) expect((await owner.get(a.url)).status).toBe(200);
    }
    check.client.close();
    // Reopened for the last test and for close().
    site.client = (await openDatabase({ databaseUrl: site.databaseUrl })).client;
  });
});

describe('backup consistency under writes between the database snapshot and the file copy', () => {
  it('leaves out an attachment deleted meanwhile (row and file), and skips files uploaded after the snapshot', async () => {
    const fresh = await liveSite();
    try {
      const [w] = await writers(fresh.deps, fresh.app, 1);
      if (!w) throw new Error('no writer');
      for (let i = 0; i < 3; i++) await churn(w, i);
      const doomed = w.attachments[0];
      let late: { id: string } | undefined;
      const report = await backup(fresh.paths, join(fresh.dir, 'snapshot'), {
        afterSnapshot: async () => {
          expect((await w.client.del(`/api/filings/${w.filingId}/attachments/${doomed?.id}`)).status).toBe(
            204,
          );
          late = (
            await w.client.send('POST', `/api/filings/${w.filingId}/attachments`, upload('appointment'))
          ).body;
        },
      });
      expect(report.deletedDuringBackup).toHaveLength(1);
      expect(report.deletedDuringBackup[0]).toContain(doomed?.id);
      expect(report.missingBeforeBackup).toEqual([]);

      const target = {
        databaseFile: join(fresh.dir, 'restored', 'cqo.db'),
        filesDir: join(fresh.dir, 'restored', 'files'),
      };
      expect((await restore(target, join(fresh.dir, 'snapshot'))).missingFiles).toEqual([]);
      const check = await expectConsistent(`file:${target.databaseFile}`, join(fresh.dir, 'restored'));
      const app = createApp(testDeps({ db: check.db, dir: join(fresh.dir, 'restored') }));
      const owner = new Client(app);
      owner.cookie = w.client.cookie;
      const ids = (await owner.get(`/api/filings/${w.filingId}`)).body.attachments.map(
        (a: { id: string }) => a.id,
      );
      expect(ids).toEqual(w.attachments.slice(1, 3).map((a) => a.id));
      expect(ids).not.toContain(late?.id);
      check.client.close();
    } finally {
      fresh.close();
    }
  });

  it('restores a backup that lacks a file, says so, and the download answers 404 in Chinese', async () => {
    const fresh = await liveSite();
    try {
      const [w] = await writers(fresh.deps, fresh.app, 1);
      if (!w) throw new Error('no writer');
      await churn(w, 1);
      await backup(fresh.paths, join(fresh.dir, 'snapshot'));
      const [key] = (await listStorageKeys(fresh.deps.db)).filter((k) => k.includes(w.filingId));
      rmSync(join(fresh.dir, 'snapshot', 'files', key ?? 'missing'));
      fresh.client.close();

      const restored = spawnSync(
        'npm',
        ['run', '-s', 'restore', '--', '--from', join(fresh.dir, 'snapshot')],
        {
          cwd: projectRoot,
          env: fresh.env,
          encoding: 'utf8',
        },
      );
      expect(restored.status, restored.stderr).toBe(0);
      expect(restored.stderr).toContain('缺少 1 个附件的文件');
      const { client, db } = await openDatabase({ databaseUrl: fresh.databaseUrl });
      fresh.client = client;
      const owner = new Client(createApp(testDeps({ db, dir: fresh.dir })));
      owner.cookie = w.client.cookie;
      const [attachment] = (await owner.get(`/api/filings/${w.filingId}`)).body.attachments;
      const download = await owner.get(attachment.url);
      expect(download.status).toBe(404);
      expect(download.body.error.message).toBe('未找到该附件');
    } finally {
      fresh.close();
    }
  });

  it('never restores from `npm run backup`, whatever the arguments', async () => {
    const before = readFileSync(site.paths.databaseFile);
    const wrong = spawnSync('npm', ['run', '-s', 'backup', '--', '--from', join(site.dir, 'snapshot')], {
      cwd: projectRoot,
      env: site.env,
      encoding: 'utf8',
    });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('npm run restore');
    expect(readFileSync(site.paths.databaseFile).equals(before)).toBe(true);
  });
});
