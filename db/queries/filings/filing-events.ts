/** A filing's audit trail: who did what to it, when, from which state to which (table `filing_events`). */
import { eq } from 'drizzle-orm';
import type { Database, Transaction } from '../../database.ts';
import { filingEvents } from '../../schema/index.ts';

export type FilingEventRow = typeof filingEvents.$inferSelect;

export async function insertEvents(tx: Transaction | Database, events: (typeof filingEvents.$inferInsert)[]) {
  if (events.length > 0) await tx.insert(filingEvents).values(events);
}

export async function listEvents(db: Database, filingId: string) {
  return db.select().from(filingEvents).where(eq(filingEvents.filingId, filingId)).orderBy(filingEvents.id);
}

export async function appendEvent(db: Database, event: typeof filingEvents.$inferInsert) {
  await db.insert(filingEvents).values(event);
}
