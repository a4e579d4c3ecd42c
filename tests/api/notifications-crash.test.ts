/**
 * SIGKILL the Node host while it dispatches 1,000 e-mail notifications to a real SMTP server, then start two hosts
 * on the same database: every notification is delivered, each under exactly one Message-ID, and only a message
 * that was being sent at the moment of the kill may arrive twice (with the same Message-ID). The two hosts'
 * dispatchers never send the same delivery both.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';
import { insertAccount } from '../../db/queries/accounts/accounts.ts';
import { markVerified, setAddressStatement } from '../../db/queries/notifications/addresses.ts';
import {
  accountIs,
  commitOutbox,
  newOutboxWrite,
  outboxStatements,
  toAccounts,
} from '../../db/queries/notifications/outbox.ts';
import { migrateDatabase, openDatabase } from '../../functions/hosts/node.ts';
import { freePort, projectRoot } from '../support/server.ts';
import { startSmtp } from '../support/smtp.ts';

const TOTAL = 1000;
const dir = mkdtempSync(join(tmpdir(), 'cqo-notify-crash-'));
const databaseUrl = `file:${join(dir, 'crash.db')}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startHost(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['functions/hosts/start.ts'], {
    cwd: projectRoot,
    env: { ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('host did not start');
}

/** One enterprise account with a verified address and TOTAL queued e-mail notifications, written by the outbox. */
async function queueNotifications() {
  const { client, db } = await openDatabase({ databaseUrl });
  await migrateDatabase(db, join(projectRoot, 'db/migrations'));
  const now = new Date();
  await insertAccount(db, {
    id: 'crash-account',
    role: 'enterprise',
    login: 'crash-account',
    displayName: '崩溃测试企业',
    passwordHash: 'scrypt$unused',
    enterpriseId: 'crash-enterprise',
  });
  await commitOutbox(db, [setAddressStatement('crash-account', 'email', 'crash@example.test', 'h', now)]);
  await markVerified(db, 'crash-account', 'email', 'h', now);
  const drafts = Array.from({ length: TOTAL }, (_, i) => ({
    kind: 'event_message',
    channels: ['inbox', 'email'],
    source: toAccounts(accountIs('crash-account'), {
      event: '崩溃测试论坛',
      organizer: '测试单位',
      title: `第 ${i + 1} 条通知`,
      body: '请按时参加。',
    }),
  }));
  await commitOutbox(db, outboxStatements(drafts, newOutboxWrite(now)));
  client.close();
}

async function deliveryStates() {
  const db = createClient({ url: databaseUrl });
  const rows = (await db.execute('select id, state from notification_deliveries')).rows;
  db.close();
  return rows.map((r) => ({ id: String(r.id), state: String(r.state) }));
}

describe('a crash of the Node host while it dispatches', () => {
  it('loses no notification and sends none under a second Message-ID', { timeout: 180_000 }, async () => {
    // A little slow per message, so the kill lands in the middle of the run.
    const smtp = await startSmtp({ delayMs: 15 });
    const env = {
      ...process.env,
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      FILES_DIR: join(dir, 'files'),
      KEY_FILE: join(dir, 'keys.json'),
      DEMO_DATA: 'off',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'noreply@cqo.example.test',
      PUBLIC_ORIGIN: 'https://cqo.example.test',
      // Short leases, so the restarted hosts take over the interrupted sends within seconds.
      DISPATCH_LEASE_SECONDS: '3',
    };
    try {
      await queueNotifications();
      const first = await startHost(env);
      for (let i = 0; i < 600 && smtp.received.length < 150; i++) await new Promise((r) => setTimeout(r, 50));
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const atKill = await deliveryStates();
      const inFlight = new Set(atKill.filter((d) => d.state === 'sending').map((d) => d.id));
      const deliveredAtKill = atKill.filter((d) => d.state === 'delivered').length;
      expect(smtp.received.length).toBeGreaterThanOrEqual(150);
      expect(deliveredAtKill).toBeLessThan(TOTAL);

      // Two hosts on the same database take over.
      const hosts = [await startHost(env), await startHost(env)];
      try {
        for (let i = 0; i < 1200; i++) {
          const states = await deliveryStates();
          if (states.every((d) => d.state === 'delivered')) break;
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        for (const h of hosts) h.kill('SIGTERM');
        await Promise.all(hosts.map((h) => new Promise((r) => h.once('exit', r))));
      }

      const states = await deliveryStates();
      expect(states).toHaveLength(TOTAL);
      expect(states.filter((d) => d.state !== 'delivered')).toEqual([]);
      const byMessageId = new Map<string, number>();
      for (const m of smtp.received) byMessageId.set(m.messageId, (byMessageId.get(m.messageId) ?? 0) + 1);
      // Every delivery arrived, under its own Message-ID, and nothing else did.
      expect(new Set(byMessageId.keys())).toEqual(new Set(states.map((d) => `<${d.id}@cqo.example.test>`)));
      // Every notification's text arrived under exactly one Message-ID.
      const subjects = new Map<string, Set<string>>();
      for (const m of smtp.received)
        subjects.set(m.subject, (subjects.get(m.subject) ?? new Set()).add(m.messageId));
      expect(subjects.size).toBe(TOTAL);
      expect([...subjects.values()].every((ids) => ids.size === 1)).toBe(true);
      // A message arrived twice only if it was being sent when the host was killed (never by two dispatchers).
      const twice = [...byMessageId].filter(([, n]) => n > 1).map(([id]) => /^<(.+)@/.exec(id)?.[1] ?? id);
      for (const id of twice) expect(inFlight.has(id), `${id} arrived twice`).toBe(true);
      expect(inFlight.size).toBeLessThanOrEqual(50);
      console.log(
        `crash: ${deliveredAtKill} delivered and ${inFlight.size} in flight at the kill; ${twice.length} resent with the same Message-ID; ${smtp.received.length} messages received for ${TOTAL} notifications`,
      );
    } finally {
      await smtp.close();
    }
  });
});
