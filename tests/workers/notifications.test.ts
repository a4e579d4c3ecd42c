import {
  createExecutionContext,
  createScheduledController,
  env,
  SELF,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

const origin = 'https://cqo.example.gov.cn';

async function signIn(login: string) {
  const res = await SELF.fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: 'Demo-2026-cqo' }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return (path: string) => SELF.fetch(`${origin}${path}`, { headers: { Cookie: cookie } });
}

describe('notifications on the Worker', () => {
  it('shows a reviewer the inbox the demo workflow filled (written through Turso’s HTTP protocol)', async () => {
    const get = await signIn('cc-city');
    const inbox = (await (await get('/api/notifications')).json()) as {
      items: { kind: string; link: string }[];
      unread: number;
    };
    expect(inbox.unread).toBeGreaterThan(0);
    expect(
      inbox.items.some((n) => n.kind === 'filing_submitted' && n.link.startsWith('/review/filing/')),
    ).toBe(true);
  });

  it('runs the Cron Trigger, and shows e-mail and SMS as off without their binding and keys', async () => {
    // The built Worker's own module (wrangler.json's main), called as the runtime calls it on a cron tick.
    const entry = '../../dist/server/entry.mjs';
    const worker = (await import(/* @vite-ignore */ entry)).default as {
      scheduled: (c: ScheduledController, e: unknown, x: ExecutionContext) => Promise<void>;
    };
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '* * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const get = await signIn('admin');
    const log = (await (await get('/api/admin/deliveries')).json()) as {
      counts: Record<string, number>;
      channels: Record<string, { configured: boolean }>;
    };
    expect(log.channels.email?.configured).toBe(false);
    expect(log.channels.sms?.configured).toBe(false);
    expect(log.counts.queued).toBe(0);
  });
});
