/**
 * Notifications, two figures (`npm run bench` puts them in its table; alone: `npx node tests/bench/notifications.ts`):
 * 1. e-mail notifications dispatched per second to a local SMTP server (smtp-server in this process, parsing
 *    every message), 10,000 queued through the outbox for one verified address, sent by the real dispatcher;
 * 2. the extra cost per filing state change of writing the outbox rows in the transition's transaction: the
 *    p50 of the same transitions (submitted ⇄ returned) with and without them, interleaved in blocks.
 */
import { loadavg } from 'node:os';
import { findAccountByLogin } from '../../db/queries/accounts/accounts.ts';
import { type FilingRow, findFiling } from '../../db/queries/filings/filings.ts';
import { applyTransition } from '../../db/queries/filings/transitions.ts';
import { markVerified, setAddressStatement } from '../../db/queries/notifications/addresses.ts';
import {
  accountIs,
  commitOutbox,
  newOutboxWrite,
  outboxStatements,
  toAccounts,
} from '../../db/queries/notifications/outbox.ts';
import { createStaffAccount } from '../../functions/accounts/reviewers.ts';
import { registerEnterprise } from '../../functions/accounts/service.ts';
import type { Deps, SignedIn } from '../../functions/deps.ts';
import { createFiling } from '../../functions/filings/service.ts';
import { dispatchDue } from '../../functions/notifications/dispatcher.ts';
import { smtpTransport } from '../../functions/notifications/smtp.ts';
import { withFilingNotices } from '../../functions/notifications/triggers.ts';
import { usccCheckChar } from '../../src/shared/uscc.ts';
import { tempDatabase, testDeps } from '../support/server.ts';
import { startSmtp } from '../support/smtp.ts';

export type NotificationFigures = {
  total: number;
  seconds: number;
  perSecond: number;
  received: number;
  transitions: number;
  withoutP50: number;
  /** The outbox with the inbox only (no e-mail or SMS configured: the demo). */
  inboxP50: number;
  /** The outbox with e-mail configured and every recipient's address verified (a delivery row too). */
  withP50: number;
  addedInboxP50: number;
  addedP50: number;
  /** Time spent writing the outbox inside the transaction (p50), inbox only and with e-mail. */
  writeInboxP50: number;
  writeP50: number;
  load: string;
};

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function verified(deps: Deps, accountId: string, address: string) {
  const now = deps.now();
  await commitOutbox(deps.db, [setAddressStatement(accountId, 'email', address, 'bench', now)]);
  await markVerified(deps.db, accountId, 'email', 'bench', now);
}

async function dispatchRate(deps: Deps, total: number, received: () => number) {
  const account = await findAccountByLogin(deps.db, 'bench-city');
  if (!account) throw new Error('bench account missing');
  for (let done = 0; done < total; done += 1000) {
    const drafts = Array.from({ length: Math.min(1000, total - done) }, (_, i) => ({
      kind: 'event_message',
      channels: ['inbox', 'email'],
      source: toAccounts(accountIs(account.id), {
        event: '基准测试',
        organizer: '测试',
        title: `第 ${done + i + 1} 条`,
        body: '基准测试通知',
      }),
    }));
    await commitOutbox(deps.db, outboxStatements(drafts, newOutboxWrite(deps.now())));
  }
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const n = await dispatchDue(deps, { owner: 'bench' });
    if (n === 0) break;
    sent += n;
  }
  const seconds = (performance.now() - started) / 1000;
  if (received() < total) throw new Error(`SMTP 服务器只收到 ${received()} 封，应为 ${total}`);
  return { seconds, perSecond: Math.round(total / seconds) };
}

/** The hook, timing each run of it into `into`. */
function timed<T>(into: number[], hook: (tx: T) => Promise<void>) {
  return async (tx: T) => {
    const started = performance.now();
    await hook(tx);
    into.push(performance.now() - started);
  };
}

/**
 * The p50 of `runs` transitions submitted ⇄ returned without the outbox, with it (inbox only) and with it (e-mail
 * too), interleaved two at a time (one of each direction), so the disk's moods touch all three alike.
 */
async function transitionCost(deps: Deps, me: SignedIn, reviewer: SignedIn, filingId: string, runs: number) {
  const times = { with: [] as number[], inbox: [] as number[], without: [] as number[] };
  const writes = { with: [] as number[], inbox: [] as number[] };
  const inboxOnly: Deps = { ...deps, notifications: undefined };
  let filing = (await findFiling(deps.db, filingId)) as FilingRow;
  for (let i = 0; i < runs; i++) {
    const variant = (['without', 'inbox', 'with'] as const)[Math.floor(i / 2) % 3] ?? 'without';
    const back = filing.status === 'returned';
    const to = back ? 'submitted' : 'returned';
    const input = back
      ? ({ action: 'submit' } as const)
      : ({ action: 'city_return', reasons: { address: '请写明门牌号' } } as const);
    const by = back ? me : reviewer;
    const started = performance.now();
    const ok = await applyTransition(deps.db, {
      id: filing.id,
      fromStatus: filing.status,
      version: filing.version,
      set: { status: to, updatedAt: deps.now() },
      event: {
        filingId: filing.id,
        at: deps.now(),
        actorId: by.id,
        actorName: by.displayName,
        actorRole: by.role,
        action: input.action,
        fromStatus: filing.status,
        toStatus: to,
        reason: null,
      },
      also:
        variant === 'without'
          ? undefined
          : timed(
              writes[variant],
              withFilingNotices(variant === 'inbox' ? inboxOnly : deps, { by, filing, input, to }),
            ),
    });
    times[variant].push(performance.now() - started);
    if (!ok) throw new Error('transition refused');
    filing = { ...filing, status: to, version: filing.version + 1 };
  }
  return {
    withP50: p50(times.with),
    inboxP50: p50(times.inbox),
    withoutP50: p50(times.without),
    writeInboxP50: p50(writes.inbox),
    writeP50: p50(writes.with),
  };
}

export async function notificationBench(total = 10_000, transitions = 3000): Promise<NotificationFigures> {
  const smtp = await startSmtp();
  const database = await tempDatabase();
  const mail = smtpTransport({
    url: smtp.url,
    from: 'noreply@cqo.example.test',
    messageIdHost: 'cqo.example.test',
  });
  try {
    const deps: Deps = {
      ...testDeps(database),
      notifications: { mail, publicOrigin: 'https://cqo.example.test' },
    };
    const staff = await createStaffAccount(deps, {
      role: 'city_tourism',
      login: 'bench-city',
      displayName: '基准测试审核员',
      city: '220100',
      password: 'bench-password-2026',
      demo: true,
    });
    if (!staff.ok) throw new Error(staff.message);
    const first17 = '91220100MA0BENCH0'.slice(0, 17);
    const registered = await registerEnterprise(deps, {
      uscc: first17 + usccCheckChar(first17),
      name: '基准测试旅行社',
      type: 'travel_agency',
      grade: null,
      city: '220100',
      contactName: '王芳',
      contactPhone: '0431-88886666',
      password: 'bench-password-2026',
    });
    if (!registered.ok) throw new Error(registered.message);
    const me = { ...registered.value.account, sessionId: 'bench' };
    const reviewer = {
      ...((await findAccountByLogin(deps.db, 'bench-city')) as SignedIn),
      sessionId: 'bench',
    };
    // Both have a verified address, so each transition also writes a delivery: the costlier case.
    await verified(deps, me.id, 'enterprise@example.test');
    await verified(deps, reviewer.id, 'reviewer@example.test');
    const rate = await dispatchRate(deps, total, () => smtp.received.length);
    const created = await createFiling(deps, me, 'new');
    if (!created.ok) throw new Error(created.message);
    await database.client.execute({
      sql: "update filings set status = 'submitted' where id = ?",
      args: [created.value.id],
    });
    const cost = await transitionCost(deps, me, reviewer, created.value.id, transitions);
    return {
      total,
      ...rate,
      received: smtp.received.length,
      transitions,
      ...cost,
      addedInboxP50: cost.inboxP50 - cost.withoutP50,
      addedP50: cost.withP50 - cost.withoutP50,
      load: loadavg()
        .map((l) => l.toFixed(1))
        .join(' / '),
    };
  } finally {
    mail.close?.();
    database.cleanup();
    await smtp.close();
  }
}

if (import.meta.main) {
  const f = await notificationBench();
  console.log(
    `dispatched: ${f.total} e-mails in ${f.seconds.toFixed(2)} s = ${f.perSecond}/s (received ${f.received})`,
  );
  console.log(
    `transition p50: ${f.withoutP50.toFixed(3)} ms without outbox, ${f.inboxP50.toFixed(3)} ms inbox only (+${f.addedInboxP50.toFixed(3)}), ${f.withP50.toFixed(3)} ms with e-mail (+${f.addedP50.toFixed(3)} ms; ${f.transitions} transitions)`,
  );
  console.log(
    `outbox writes inside the transaction, p50: ${f.writeInboxP50.toFixed(3)} ms inbox only, ${f.writeP50.toFixed(3)} ms with e-mail; load average ${f.load}`,
  );
}
