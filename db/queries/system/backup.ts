/** SQL of `npm run backup` / `npm run restore`: which uploaded files a database refers to. */
import { inArray } from 'drizzle-orm';
import type { Database } from '../../database.ts';
import { attachments } from '../../schema/index.ts';

/** Every attachment's storage key (the file's path in the file store). */
export async function listStorageKeys(db: Database): Promise<string[]> {
  return (await db.select({ storageKey: attachments.storageKey }).from(attachments)).map((r) => r.storageKey);
}

/** The storage keys among `keys` that still have an attachment row. */
export async function existingStorageKeys(db: Database, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .select({ storageKey: attachments.storageKey })
      .from(attachments)
      .where(inArray(attachments.storageKey, keys.slice(i, i + 500)));
    for (const r of rows) found.add(r.storageKey);
  }
  return found;
}

/** Drops the attachment rows of `keys`. */
export async function deleteAttachmentsByKey(db: Database, keys: string[]) {
  for (let i = 0; i < keys.length; i += 500)
    await db.delete(attachments).where(inArray(attachments.storageKey, keys.slice(i, i + 500)));
}
