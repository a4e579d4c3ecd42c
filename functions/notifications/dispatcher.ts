/**
 * The dispatcher: claims due deliveries with a lease, renders and sends them, and records how each ended —
 * delivered, a temporary failure retried with exponential backoff up to a cap, or a permanent failure (dead,
 * until an admin retries it). Nothing is sent from inside a request: the Node host runs `startDispatcher`
 * in-process, the Worker runs `dispatchDue` from its Cron Trigger and after a write.
 *
 * A crash between the provider accepting a message and `finishDeliveries` leaves the delivery `sending`; when its
 * lease runs out it is claimed and sent again with the same id (Message-ID / OutId). So a crash costs at most a
 * resend of the same message, never a lost one.
 */
import { findRegistration } from '../../db/queries/events/attendees.ts';
import { findEventWithCounts } from '../../db/queries/events/events.ts';
import {
  claimDue,
  type DeliveryRow,
  type Finish,
  finishDeliveries,
  hasDue,
} from '../../db/queries/notifications/deliveries.ts';
import { type NotificationRow, notificationsByIds } from '../../db/queries/notifications/inbox.ts';
import { commitOutbox } from '../../db/queries/notifications/outbox.ts';
import type { NotificationKind } from '../../src/shared/notifications/kinds.ts';
import type { Deps } from '../deps.ts';
import { calendarFile } from '../events/calendar.ts';
import { safeErrorFacts } from '../http/errors.ts';
import { type MailMessage, type SendOutcome, sendableChannels } from './channels.ts';
import { emailOf, smsParamsOf } from './messages.ts';
import { reminderNotices } from './triggers.ts';

export type DispatchPolicy = {
  /** Delay after the first temporary failure; doubles with each further one. */
  baseMs: number;
  capMs: number;
  /** Attempts before a delivery is given up (dead). */
  maxAttempts: number;
  /** How long a claim holds; longer than any send can take (nodemailer gives up after 60 s). */
  leaseMs: number;
  batch: number;
  /** Sends under way at once. */
  concurrency: number;
};

export const defaultPolicy: DispatchPolicy = {
  baseMs: 30_000,
  capMs: 3_600_000,
  maxAttempts: 8,
  leaseMs: 120_000,
  batch: 50,
  concurrency: 10,
};

export function backoff(policy: DispatchPolicy, attempts: number): number {
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

const fallbackOrigin = 'http://localhost:4321';

/** The .ics of the registration a reminder is about, attached to its e-mail. */
async function reminderCalendar(deps: Deps, n: NotificationRow, origin: string) {
  const registration = await findRegistration(deps.db, String(n.data.registration ?? ''));
  const event = registration && (await findEventWithCounts(deps.db, { id: registration.eventId }));
  if (!registration || !event) return [];
  const file = calendarFile(registration, event, origin, deps.now());
  return file.ok
    ? [{ filename: 'event.ics', contentType: 'text/calendar; charset=utf-8', content: file.ics }]
    : [];
}

async function sendOne(deps: Deps, d: DeliveryRow, n: NotificationRow | undefined): Promise<SendOutcome> {
  const setup = deps.notifications;
  if (!n) return { ok: false, permanent: true, error: 'NO_NOTIFICATION' };
  const origin = setup?.publicOrigin ?? deps.origin ?? fallbackOrigin;
  if (d.channel === 'email') {
    if (!setup?.mail) return { ok: false, permanent: false, error: 'EMAIL_OFF' };
    const message: MailMessage = { id: d.id, to: d.address, ...emailOf(n.kind, n.data, origin) };
    if (n.kind === 'event_reminder') message.attachments = await reminderCalendar(deps, n, origin);
    return setup.mail.send(message);
  }
  if (!setup?.sms) return { ok: false, permanent: false, error: 'SMS_OFF' };
  return setup.sms.send({
    id: d.id,
    to: d.address,
    kind: n.kind as NotificationKind,
    params: smsParamsOf(n.kind, n.data, origin),
  });
}

function finish(policy: DispatchPolicy, d: DeliveryRow, outcome: SendOutcome, now: Date): Finish {
  if (outcome.ok) return { id: d.id, state: 'delivered', providerMessageId: outcome.providerId };
  if (outcome.permanent) return { id: d.id, state: 'permanent-failure', error: outcome.error };
  if (d.attempts >= policy.maxAttempts)
    return { id: d.id, state: 'permanent-failure', error: `${outcome.error}（已尝试 ${d.attempts} 次）` };
  return {
    id: d.id,
    state: 'temporary-failure',
    error: outcome.error,
    retryAt: new Date(now.getTime() + backoff(policy, d.attempts)),
  };
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/**
 * Group commit of finished sends: each result is written as soon as the write before it is done, together with
 * whatever else finished meanwhile; the caller waits until its own result is written. So a crash can resend only
 * what was in flight, without one write transaction (one fsync) per message.
 */
function groupCommit(write: (items: Finish[]) => Promise<void>) {
  let queue: Finish[] = [];
  let running: Promise<void> | null = null;
  const drain = async () => {
    try {
      while (queue.length > 0) {
        const items = queue;
        queue = [];
        await write(items);
      }
    } finally {
      running = null;
    }
  };
  return (item: Finish) => {
    queue.push(item);
    running ??= drain();
    return running;
  };
}

/** One claim and its sends; returns how many deliveries it claimed (0: nothing was due). */
export async function dispatchOnce(deps: Deps, owner: string, policy: DispatchPolicy = defaultPolicy) {
  const channels = sendableChannels(deps.notifications);
  // A read first: an idle dispatcher does not take the write lock every second.
  if (!(await hasDue(deps.db, deps.now(), channels))) return 0;
  const claimed = await claimDue(deps.db, {
    owner,
    now: deps.now(),
    leaseMs: policy.leaseMs,
    limit: policy.batch,
    channels,
  });
  if (claimed.length === 0) return 0;
  const notes = new Map(
    (await notificationsByIds(deps.db, [...new Set(claimed.map((d) => d.notificationId))])).map((n) => [
      n.id,
      n,
    ]),
  );
  const record = groupCommit((items) => finishDeliveries(deps.db, owner, deps.now(), items));
  await eachLimited(claimed, policy.concurrency, async (d) => {
    let outcome: SendOutcome;
    try {
      outcome = await sendOne(deps, d, notes.get(d.notificationId));
    } catch (err) {
      outcome = { ok: false, permanent: false, error: safeErrorFacts(err).split(' ')[0] ?? 'ERROR' };
    }
    // Recorded at once, not with the rest of the batch: a crash can then only resend what was in flight.
    await record(finish(policy, d, outcome, deps.now()));
  });
  return claimed.length;
}

/** Queues the 24-hour event reminders that are due (each registration once). */
export async function queueReminders(deps: Deps) {
  await commitOutbox(deps.db, reminderNotices(deps, deps.now()));
}

/** Sends until nothing is due or `maxRounds` claims were made (a Worker's invocation is bounded). */
export async function dispatchDue(
  deps: Deps,
  options: { owner?: string; maxRounds?: number; policy?: DispatchPolicy } = {},
) {
  const owner = options.owner ?? crypto.randomUUID();
  const policy = options.policy ?? defaultPolicy;
  let sent = 0;
  for (let round = 0; round < (options.maxRounds ?? 20); round++) {
    const n = await dispatchOnce(deps, owner, policy);
    sent += n;
    if (n < policy.batch) break;
  }
  return sent;
}

/**
 * The Node host's in-process loop: sends while work is due, otherwise waits `intervalMs` (or a `wake()`), and
 * queues the event reminders once a minute. `stop()` lets the sends under way finish.
 */
export function startDispatcher(deps: Deps, options: { intervalMs?: number; policy?: DispatchPolicy } = {}) {
  const owner = crypto.randomUUID();
  const policy = options.policy ?? defaultPolicy;
  let running = true;
  let wakeUp: (() => void) | undefined;
  let lastReminders = 0;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = (async () => {
    while (running) {
      let claimed = 0;
      try {
        if (deps.now().getTime() - lastReminders >= 60_000) {
          lastReminders = deps.now().getTime();
          await queueReminders(deps);
        }
        claimed = await dispatchOnce(deps, owner, policy);
      } catch (err) {
        console.error(`[notifications] 发送出错：${safeErrorFacts(err)}`);
      }
      if (running && claimed < policy.batch) await pause(options.intervalMs ?? 1000);
    }
  })();
  return {
    owner,
    wake: () => wakeUp?.(),
    stop: async () => {
      running = false;
      wakeUp?.();
      await loop;
    },
  };
}
