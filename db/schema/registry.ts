import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The public registry's change log: one row per filing whose public record changed (recognized, deregistered,
 * superseded, consent changed), written in the same transaction as the change. `seq` is the registry's version:
 * a read model that has seen up to `seq` N reads only the rows after N and patches itself with those filings.
 * `filingId` null means "anything may have changed" (a bulk load): read models rebuild in full.
 */
export const registryChanges = sqliteTable('registry_changes', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  filingId: text('filing_id'),
  at: integer('at', { mode: 'timestamp_ms' }).notNull(),
});
