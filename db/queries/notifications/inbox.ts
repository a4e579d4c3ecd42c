/** An account's inbox (站内消息): its own notifications only, every query scoped by the account. */
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../database.ts';
import { notifications } from '../../schema/index.ts';

export type NotificationRow = typeof notifications.$inferSelect;

const mine = (accountId: string) =>
  and(eq(notifications.accountId, accountId), eq(notifications.inbox, true));

export async function listInbox(
  db: Database,
  accountId: string,
  query: { unreadOnly: boolean; page: number; pageSize: number },
) {
  const where = and(mine(accountId), query.unreadOnly ? isNull(notifications.readAt) : undefined);
  const [items, [total], [unread]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(notifications).where(where),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(mine(accountId), isNull(notifications.readAt))),
  ]);
  return { items, total: total?.n ?? 0, unread: unread?.n ?? 0 };
}

export async function unreadCount(db: Database, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(mine(accountId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the account's own unread notifications read (`ids` of anyone else's are simply not found). */
export async function markRead(db: Database, accountId: string, ids: string[] | 'all', at: Date) {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        mine(accountId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

/** Notifications by id, for the dispatcher (any account: it renders what it sends). */
export async function notificationsByIds(db: Database, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(notifications).where(inArray(notifications.id, ids));
}

/** The newest notifications of one account of a kind (tests and the demo use it). */
export async function latestOfKind(db: Database, accountId: string, kind: string) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), eq(notifications.kind, kind)))
    .orderBy(desc(notifications.createdAt), sql`rowid desc`);
}

/** How many notifications one write made (an organizer's message: how many accounts it reached). */
export async function countBatch(db: Database, batch: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(eq(notifications.batch, batch));
  return row?.n ?? 0;
}
