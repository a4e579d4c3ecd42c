/** Moving a filing from one state to another, atomically with its audit event, and what recognition writes. */
import { and, eq, ne, sql, TransactionRollbackError } from 'drizzle-orm';
import type { Database, Transaction } from '../../database.ts';
import { filingCounters, filingEvents, filings } from '../../schema/index.ts';

export type Transition = {
  id: string;
  fromStatus: string;
  version: number;
  set: Partial<typeof filings.$inferInsert>;
  event: typeof filingEvents.$inferInsert;
  /**
   * Runs inside the same transaction before the filing row changes (e.g. supersede the old CQO, whose row must
   * leave `recognized` before this one enters it); if the filing then turns out to have changed meanwhile, all
   * of it is rolled back.
   */
  before?: (tx: Transaction) => Promise<void>;
  /** Runs inside the same transaction after the filing row changed. */
  also?: (tx: Transaction) => Promise<void>;
};

/**
 * Moves a filing from one state to another and appends the audit event, atomically; false when the filing
 * was changed by someone else meanwhile (its status or version no longer match).
 */
export async function applyTransition(db: Database, t: Transition): Promise<boolean> {
  return db
    .transaction(
      async (tx) => {
        await t.before?.(tx);
        const rows = await tx
          .update(filings)
          .set({ ...t.set, version: t.version + 1 })
          .where(and(eq(filings.id, t.id), eq(filings.status, t.fromStatus), eq(filings.version, t.version)))
          .returning({ id: filings.id });
        if (rows.length !== 1) {
          tx.rollback();
          return false;
        }
        await tx.insert(filingEvents).values(t.event);
        await t.also?.(tx);
        return true;
      },
      { behavior: 'immediate' },
    )
    .catch((err: unknown) => {
      // Its `name` is "DrizzleError": only the class tells a rollback apart.
      if (err instanceof TransactionRollbackError) return false;
      throw err;
    });
}

/** The next 备案编号 sequence number of `year`, inside the recognizing transaction. */
export async function nextFilingSequence(tx: Transaction, year: number): Promise<number> {
  const [row] = await tx
    .insert(filingCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: filingCounters.year, set: { last: sql`${filingCounters.last} + 1` } })
    .returning({ last: filingCounters.last });
  if (!row) throw new Error('filing counter not updated');
  return row.last;
}

export async function setFilingNo(tx: Transaction, id: string, filingNo: string) {
  await tx.update(filings).set({ filingNo }).where(eq(filings.id, id));
}

/** Supersedes the enterprise's other recognized filings; `at` becomes their updatedAt (the day they were replaced). */
export async function supersedeOthers(tx: Transaction, enterpriseId: string, keepId: string, at: Date) {
  return tx
    .update(filings)
    .set({ status: 'superseded', updatedAt: at, version: sql`${filings.version} + 1` })
    .where(
      and(
        eq(filings.enterpriseId, enterpriseId),
        // Unary +: use the enterprise index, not the status index (a walk over every recognized filing).
        sql`+${filings.status} = 'recognized'`,
        ne(filings.id, keepId),
      ),
    )
    .returning({ id: filings.id });
}
