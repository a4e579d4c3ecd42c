/**
 * Deliveries: claimed by a dispatcher with a lease, finished by the same dispatcher, listed for admins. A claim is
 * ONE conditional UPDATE … RETURNING: SQLite runs it under the write lock, so two dispatchers (two Node
 * processes, a Worker's cron beside a nudge) never claim the same row while its lease runs.
 */
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../database.ts';
import { deliveries, notifications } from '../../schema/index.ts';

export type DeliveryRow = typeof deliveries.$inferSelect;

/** Not finished: new, waiting for a retry, or `sending` under a lease (due again once the lease ran out). */
const unfinished = sql`${deliveries.state} in ('queued', 'temporary-failure', 'sending')`;

function channelList(channels: string[]) {
  return sql.join(
    channels.map((c) => sql`${c}`),
    sql`, `,
  );
}

/**
 * Claims up to `limit` due deliveries of `channels` for `owner` until `now + leaseMs`. A delivery whose sender
 * died mid-send is claimed again when its lease has run out, and is sent again with the same id.
 */
export async function claimDue(
  db: Database,
  claim: { owner: string; now: Date; leaseMs: number; limit: number; channels: string[] },
): Promise<DeliveryRow[]> {
  if (claim.channels.length === 0) return [];
  const now = claim.now.getTime();
  return db
    .update(deliveries)
    .set({
      state: 'sending',
      leaseOwner: claim.owner,
      nextAttemptAt: new Date(now + claim.leaseMs),
      attempts: sql`${deliveries.attempts} + 1`,
      updatedAt: claim.now,
    })
    .where(
      sql`${deliveries.id} in (select id from ${deliveries}
        where ${unfinished} and ${deliveries.nextAttemptAt} <= ${now}
          and ${deliveries.channel} in (${channelList(claim.channels)})
        order by ${deliveries.nextAttemptAt} limit ${claim.limit})
      and ${unfinished} and ${deliveries.nextAttemptAt} <= ${now}`,
    )
    .returning();
}

/** Whether anything of `channels` is due: a read that spares an idle dispatcher the write lock. */
export async function hasDue(db: Database, now: Date, channels: string[]): Promise<boolean> {
  if (channels.length === 0) return false;
  const rows = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      sql`${unfinished} and ${deliveries.nextAttemptAt} <= ${now.getTime()}
        and ${deliveries.channel} in (${channelList(channels)})`,
    )
    .limit(1);
  return rows.length > 0;
}

export type Finish =
  | { id: string; state: 'delivered'; providerMessageId: string | null }
  | { id: string; state: 'temporary-failure'; error: string; retryAt: Date }
  | { id: string; state: 'permanent-failure'; error: string };

/**
 * Records how each send ended, only where `owner` still holds the lease: a dispatcher that lost it (it stalled
 * past the lease and another one took over) changes nothing.
 */
export async function finishDeliveries(db: Database, owner: string, at: Date, results: Finish[]) {
  if (results.length === 0) return;
  const mine = (id: string) =>
    and(eq(deliveries.id, id), eq(deliveries.leaseOwner, owner), eq(deliveries.state, 'sending'));
  const updates = results.map((r) =>
    db
      .update(deliveries)
      .set(
        r.state === 'delivered'
          ? {
              state: r.state,
              providerMessageId: r.providerMessageId,
              deliveredAt: at,
              updatedAt: at,
              lastError: null,
              leaseOwner: null,
            }
          : {
              state: r.state,
              lastError: r.error.slice(0, 200),
              updatedAt: at,
              leaseOwner: null,
              nextAttemptAt: r.state === 'temporary-failure' ? r.retryAt : at,
            },
      )
      .where(mine(r.id)),
  );
  const [first, ...rest] = updates;
  if (first) await db.batch([first, ...rest]);
}

export async function listDeliveries(
  db: Database,
  query: { state?: string; channel?: string; page: number; pageSize: number },
) {
  const where = and(
    query.state ? eq(deliveries.state, query.state as DeliveryRow['state']) : undefined,
    query.channel ? eq(deliveries.channel, query.channel as DeliveryRow['channel']) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({ delivery: deliveries, kind: notifications.kind })
      .from(deliveries)
      .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
      .where(where)
      .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(deliveries).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function countByState(db: Database): Promise<Record<string, number>> {
  const rows = await db
    .select({ state: deliveries.state, n: count() })
    .from(deliveries)
    .groupBy(deliveries.state);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** Puts a dead delivery back in the queue with a fresh round of attempts; false unless it was dead. */
export async function requeueDead(db: Database, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(deliveries)
    .set({ state: 'queued', attempts: 0, nextAttemptAt: now, updatedAt: now, leaseOwner: null })
    .where(and(eq(deliveries.id, id), eq(deliveries.state, 'permanent-failure')))
    .returning({ id: deliveries.id });
  return rows.length === 1;
}

export async function findDelivery(db: Database, id: string) {
  return db.query.deliveries.findFirst({ where: eq(deliveries.id, id) });
}
