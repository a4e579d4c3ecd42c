/** A filing's attachments (scanned certificates): each change recorded with its audit event. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../database.ts';
import { attachments, filingEvents } from '../../schema/index.ts';

export type AttachmentRow = typeof attachments.$inferSelect;

/** Attachments of a filing, soft-deleted ones included (each caller decides who sees those). */
export async function listAttachments(db: Database, filingId: string) {
  return db
    .select()
    .from(attachments)
    .where(eq(attachments.filingId, filingId))
    .orderBy(attachments.uploadedAt);
}

export async function findAttachment(db: Database, filingId: string, id: string) {
  return db.query.attachments.findFirst({
    where: and(eq(attachments.id, id), eq(attachments.filingId, filingId)),
  });
}

/** Records an uploaded attachment and its audit event together. */
export async function insertAttachment(
  db: Database,
  row: AttachmentRow,
  event: typeof filingEvents.$inferInsert,
) {
  await db.batch([db.insert(attachments).values(row), db.insert(filingEvents).values(event)]);
}

/** Removes an attachment row for good (a never-submitted draft's file), with its audit event. */
export async function deleteAttachment(
  db: Database,
  filingId: string,
  id: string,
  event: typeof filingEvents.$inferInsert,
) {
  await db.batch([
    db.delete(attachments).where(and(eq(attachments.id, id), eq(attachments.filingId, filingId))),
    db.insert(filingEvents).values(event),
  ]);
}

/** Marks an attachment deleted but keeps it (and its file) for the reviewers; false when already deleted. */
export async function softDeleteAttachment(
  db: Database,
  filingId: string,
  id: string,
  event: typeof filingEvents.$inferInsert & { at: Date },
): Promise<boolean> {
  return db.transaction(
    async (tx) => {
      const rows = await tx
        .update(attachments)
        .set({ deletedAt: event.at })
        .where(and(eq(attachments.id, id), eq(attachments.filingId, filingId), isNull(attachments.deletedAt)))
        .returning({ id: attachments.id });
      if (rows.length !== 1) return false;
      await tx.insert(filingEvents).values(event);
      return true;
    },
    { behavior: 'immediate' },
  );
}
