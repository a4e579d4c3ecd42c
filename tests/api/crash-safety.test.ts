/**
 * SIGKILL the Node host in the middle of a burst of writes, start it again on the same files, and check that
 * every write it acknowledged is there and nothing is half-written.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';
import { ENTERPRISE_PASSWORD, registration, usccOf } from '../support/enterprises.ts';
import { freePort, projectRoot } from '../support/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'cqo-crash-'));
const env = {
  ...process.env,
  HOST: '127.0.0.1',
  DATABASE_URL: `file:${join(dir, 'crash.db')}`,
  FILES_DIR: join(dir, 'files'),
  KEY_FILE: join(dir, 'keys.json'),
  DEMO_DATA: 'off',
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startHost(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['functions/hosts/start.ts'], {
    cwd: projectRoot,
    env: { ...env, PORT: String(port) },
    stdio: 'pipe',
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('host did not start');
}

function session(base: string) {
  let cookie = '';
  return async (method: string, path: string, body?: unknown) => {
    const isForm = body instanceof FormData;
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        Origin: base,
        ...(cookie ? { Cookie: cookie } : {}),
        ...(body && !isForm ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0] ?? '';
    return { status: res.status, json: async () => res.json() };
  };
}

const usccFor = (i: number) => usccOf(`9122010${String(100000000 + i).slice(1)}XY`.slice(0, 17));

describe('a crash of the Node host', () => {
  it('loses no acknowledged write and leaves nothing half-written', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const admin = spawnSync(
      'npm',
      ['run', '-s', 'account:create', '--', '--role', 'admin', '--login', 'crash-admin', '--name', '管理员'],
      {
        cwd: projectRoot,
        env: { ...env, ACCOUNT_PASSWORD: 'north-lake-lantern-7' },
        encoding: 'utf8',
      },
    );
    expect(admin.status, admin.stderr).toBe(0);
    let host = await startHost(port);
    const organizer = session(base);
    expect(
      (await organizer('POST', '/api/auth/login', { login: 'crash-admin', password: 'north-lake-lantern-7' }))
        .status,
    ).toBe(200);
    // The CLI's password was chosen by someone else: the admin replaces it first.
    const changed = await organizer('POST', '/api/auth/password', {
      currentPassword: 'north-lake-lantern-7',
      newPassword: 'north-lake-lantern-8',
    });
    expect(changed.status).toBe(200);
    const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    const event = await organizer('POST', '/api/events', {
      slug: 'crash-test-forum',
      title: '崩溃测试论坛',
      kind: 'forum',
      city: '220100',
      venue: '某会场',
      organizer: '测试单位',
      startsAt: inHours(48),
      endsAt: inHours(50),
      capacity: 5,
      maxPerEnterprise: 20,
      registrationOpens: inHours(-1),
      registrationCloses: inHours(24),
    });
    expect(event.status).toBe(201);
    const enterprises: { uscc: string; call: ReturnType<typeof session>; filingId: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const call = session(base);
      const uscc = usccFor(i);
      const r = await call('POST', '/api/auth/register', registration({ uscc, name: `崩溃测试企业${i}` }));
      expect(r.status).toBe(201);
      const filing = await (await call('POST', '/api/filings', { kind: 'new' })).json();
      enterprises.push({ uscc, call, filingId: filing.id });
    }

    // The burst: draft saves with increasing counters, uploads and new registrations, all at once.
    const acked = {
      saves: new Map<string, number>(),
      uploads: [] as string[],
      registrations: [] as string[],
      attendees: [] as { code: string; call: ReturnType<typeof session> }[],
    };
    let stop = false;
    const saver = async (e: (typeof enterprises)[number]) => {
      for (let n = 1; !stop; n++) {
        try {
          const r = await e.call('PUT', `/api/filings/${e.filingId}`, {
            form: { address: `第 ${n} 次保存`, cqoName: `测试${n}` },
          });
          if (r.status === 200) acked.saves.set(e.filingId, n);
        } catch {
          return;
        }
      }
    };
    const uploader = async (e: (typeof enterprises)[number]) => {
      for (let n = 1; !stop; n++) {
        const form = new FormData();
        form.set('kind', 'degree');
        form.set('file', new File([new TextEncoder().encode(`%PDF-1.4\n% upload ${n}\n`)], `u${n}.pdf`));
        try {
          const r = await e.call('POST', `/api/filings/${e.filingId}/attachments`, form);
          if (r.status === 201) acked.uploads.push((await r.json()).id);
          if (r.status === 422) return; // the per-filing limit
        } catch {
          return;
        }
      }
    };
    const registrar = async () => {
      for (let i = 100; !stop; i++) {
        try {
          const r = await session(base)(
            'POST',
            '/api/auth/register',
            registration({
              uscc: usccFor(i),
              name: `突发注册企业${i}`,
              type: 'star_hotel',
              grade: '四星',
              city: '220200',
              contactName: '李强',
              contactPhone: '0432-66668888',
            }),
          );
          if (r.status === 201) acked.registrations.push(usccFor(i));
        } catch {
          return;
        }
      }
    };
    const attender = async (e: (typeof enterprises)[number], lane: number) => {
      for (let n = 1; !stop; n++) {
        try {
          const r = await e.call('POST', '/api/events/crash-test-forum/registrations', {
            idempotencyKey: `crash-${lane}-${n}-${'x'.repeat(12)}`,
            attendees: [
              {
                name: '参会人',
                position: '质量经理',
                mobile: `139${String(lane).padStart(2, '0')}${String(n).padStart(6, '0')}`,
              },
            ],
          });
          if (r.status === 201) acked.attendees.push({ code: (await r.json()).code, call: e.call });
          if (r.status === 422) return; // the enterprise's cap
        } catch {
          return;
        }
      }
    };
    const burst = [
      ...enterprises.map(saver),
      ...enterprises.slice(0, 2).map(uploader),
      ...enterprises.slice(2).map((e, i) => attender(e, i + 1)),
      registrar(),
    ];
    // Killed mid-burst, once each kind of write has been acknowledged several times: waiting for that rather
    // than a fixed time keeps a slow (or busy) machine from killing it before a registration's scrypt is done.
    const acknowledgedEnough = () =>
      acked.saves.size === enterprises.length &&
      Math.min(...acked.saves.values()) > 1 &&
      acked.uploads.length > 0 &&
      acked.registrations.length > 0 &&
      acked.attendees.length > 5;
    const deadline = Date.now() + 30_000;
    while (!acknowledgedEnough() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    host.kill('SIGKILL');
    stop = true;
    await Promise.allSettled(burst);
    // The kill landed mid-burst: each kind of write had been acknowledged several times.
    expect(acked.saves.size).toBe(enterprises.length);
    expect(Math.min(...acked.saves.values())).toBeGreaterThan(1);
    expect(acked.uploads.length).toBeGreaterThan(0);
    expect(acked.registrations.length).toBeGreaterThan(0);
    expect(acked.attendees.length).toBeGreaterThan(5);

    host = await startHost(port);
    try {
      // Every acknowledged draft save is there (a later unacknowledged one may have landed too).
      for (const e of enterprises) {
        const filing = await (await e.call('GET', `/api/filings/${e.filingId}`)).json();
        const saved = Number(/第 (\d+) 次保存/.exec(filing.form.address)?.[1]);
        expect(saved).toBeGreaterThanOrEqual(acked.saves.get(e.filingId) ?? 0);
        expect(filing.form.cqoName).toBe(`测试${saved}`);
        for (const a of filing.attachments) {
          const file = await e.call('GET', a.url);
          expect(file.status).toBe(200);
        }
      }
      const allUploads = (
        await Promise.all(
          enterprises.map(async (e) =>
            (
              await (await e.call('GET', `/api/filings/${e.filingId}`)).json()
            ).attachments.map((a: { id: string }) => a.id),
          ),
        )
      ).flat();
      for (const id of acked.uploads) expect(allUploads).toContain(id);
      // Every acknowledged event registration is there, seats were never overbooked, the waitlist is whole.
      for (const a of acked.attendees) {
        const r = await a.call('GET', `/api/registrations/${encodeURIComponent(a.code)}`);
        expect(r.status, a.code).toBe(200);
      }
      const counts = (await (await organizer('GET', '/api/events')).json()).items.find(
        (e: { slug: string }) => e.slug === 'crash-test-forum',
      );
      expect(counts.confirmed).toBe(5);
      expect(counts.confirmed + counts.waitlisted).toBeGreaterThanOrEqual(acked.attendees.length);
      // Every acknowledged registration can sign in.
      for (const uscc of acked.registrations) {
        const r = await session(base)('POST', '/api/auth/login', {
          login: uscc,
          password: ENTERPRISE_PASSWORD,
        });
        expect(r.status, uscc).toBe(200);
      }
    } finally {
      host.kill('SIGTERM');
    }
    // Nothing half-written: the database is intact and every enterprise has its account.
    const db = createClient({ url: env.DATABASE_URL });
    expect((await db.execute('pragma integrity_check')).rows[0]?.[0]).toBe('ok');
    const orphans = await db.execute(
      'select count(*) from enterprises e left join accounts a on a.enterprise_id = e.id where a.id is null',
    );
    expect(orphans.rows[0]?.[0]).toBe(0);
    db.close();
  });
});
