/**
 * `npm start` keeps its data for its own user: folders 0700, files 0600 (database, attachments, keys, backups),
 * and says so at start when a path it finds is more open.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup } from '../../functions/hosts/backup.ts';
import { usccCheckChar } from '../../src/shared/uscc.ts';
import { freePort, projectRoot } from '../support/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'cqo-modes-'));
const data = join(dir, 'data');
const paths = {
  databaseFile: join(data, 'cqo.db'),
  filesDir: join(data, 'files'),
  keyFile: join(data, 'keys.json'),
  /** Made before the start, readable by all: the host warns and leaves it be. */
  oldKeys: join(dir, 'etc', 'keys.json'),
};
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

let host: ChildProcess;
let output = '';
let base = '';

async function start(env: Record<string, string>) {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  host = spawn(process.execPath, ['functions/hosts/start.ts'], {
    cwd: projectRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DEMO_DATA: 'off', ...env },
    stdio: 'pipe',
  });
  host.stdout?.on('data', (b) => (output += b));
  host.stderr?.on('data', (b) => (output += b));
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`host did not start:\n${output}`);
}

beforeAll(async () => {
  mkdirSync(join(dir, 'etc'));
  writeFileSync(paths.oldKeys, '{}');
  chmodSync(paths.oldKeys, 0o644);
  await start({
    DATABASE_URL: `file:${paths.databaseFile}`,
    FILES_DIR: paths.filesDir,
    KEY_FILE: paths.keyFile,
  });
}, 60_000);
afterAll(() => {
  host?.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** Registers an enterprise and uploads one attachment, as a browser on the host's own address would. */
async function uploadOne() {
  let cookie = '';
  const call = async (method: string, path: string, body: unknown) => {
    const isForm = body instanceof FormData;
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { Origin: base, Cookie: cookie, ...(isForm ? {} : { 'Content-Type': 'application/json' }) },
      body: isForm ? body : JSON.stringify(body),
    });
    cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie;
    return { status: res.status, json: (await res.json()) as { id: string } };
  };
  const first17 = '91220101MA17P8KM0';
  const registered = await call('POST', '/api/auth/register', {
    uscc: first17 + usccCheckChar(first17),
    name: '长春市权限测试旅行社有限公司',
    type: 'travel_agency',
    grade: null,
    city: '220100',
    contactName: '王芳',
    contactPhone: '0431-88886666',
    password: '豆豆爱吃包子2019',
  });
  expect(registered.status).toBe(201);
  const filing = await call('POST', '/api/filings', { kind: 'new' });
  const form = new FormData();
  form.set('kind', 'degree');
  form.set('file', new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], 'degree.pdf'));
  expect((await call('POST', `/api/filings/${filing.json.id}/attachments`, form)).status).toBe(201);
}

/** Every folder and file under `root`, itself included. */
function walk(root: string): { path: string; folder: boolean }[] {
  const folder = statSync(root).isDirectory();
  return [
    { path: root, folder },
    ...(folder ? readdirSync(root).flatMap((name) => walk(join(root, name))) : []),
  ];
}

describe('the data of npm start', () => {
  it('is readable by its own user only: data folder, database, keys, attachments', async () => {
    await uploadOne();
    expect(mode(data)).toBe('700');
    expect(mode(paths.databaseFile)).toBe('600');
    for (const suffix of ['-wal', '-shm'])
      if (statSync(paths.databaseFile + suffix, { throwIfNoEntry: false }))
        expect(mode(paths.databaseFile + suffix), suffix).toBe('600');
    expect(mode(paths.keyFile)).toBe('600');
    const stored = walk(paths.filesDir);
    expect(stored.filter((e) => !e.folder).length).toBeGreaterThan(0);
    for (const e of stored) expect(mode(e.path), e.path).toBe(e.folder ? '700' : '600');
  });

  it('goes into backups the same way', async () => {
    const to = join(dir, 'backups', 'today');
    await backup({ databaseFile: paths.databaseFile, filesDir: paths.filesDir }, to);
    for (const e of walk(to)) expect(mode(e.path), e.path).toBe(e.folder ? '700' : '600');
  });

  it('says at start which existing paths others can read, and leaves them as they are', async () => {
    host.kill();
    output = '';
    await start({
      DATABASE_URL: `file:${paths.databaseFile}`,
      FILES_DIR: paths.filesDir,
      KEY_FILE: paths.oldKeys,
    });
    const warnings = output.split('\n').filter((line) => line.includes('其他用户也能读取'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${paths.oldKeys}（0644）`);
    expect(warnings[0]).not.toContain(paths.databaseFile);
    expect(mode(paths.oldKeys)).toBe('644');
  }, 60_000);
});
