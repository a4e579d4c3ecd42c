import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * States in which a filing is still on its way (not yet recognized, not ended). An enterprise has at most one
 * filing in these states at a time — a new one or a change one; a change filing coexists with the recognized
 * filing it will supersede, which is not open.
 */
export const openFilingStatuses = [
  'draft',
  'submitted',
  'returned',
  'city_approved',
  'awaiting_training',
  'trained',
] as const;

/**
 * A 备案登记表: one CQO for one enterprise. The form's answers live in `form` (JSON, possibly incomplete while
 * a draft); the columns beside it are what lists, scoping and the public registry query. The 身份证号 is never
 * in `form`: only its AES-GCM ciphertext and a keyed hash are stored.
 */
export const filings = sqliteTable(
  'filings',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id').notNull(),
    kind: text('kind', { enum: ['new', 'change'] }).notNull(),
    /** The recognized filing a change filing will supersede. */
    supersedesId: text('supersedes_id'),
    status: text('status').notNull(),
    /** The 市州 that reviews it: the enterprise's city at creation, never from a payload. */
    city: text('city').notNull(),
    filingNo: text('filing_no'),
    enterpriseName: text('enterprise_name').notNull(),
    uscc: text('uscc').notNull(),
    enterpriseType: text('enterprise_type').notNull(),
    grade: text('grade'),
    cqoName: text('cqo_name'),
    publishConsent: integer('publish_consent', { mode: 'boolean' }).notNull().default(false),
    form: text('form', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    idCipher: text('id_cipher'),
    idHash: text('id_hash'),
    idMasked: text('id_masked'),
    birthDate: text('birth_date'),
    sex: text('sex'),
    returnReasons: text('return_reasons', { mode: 'json' }).$type<Record<string, string>>(),
    returnNote: text('return_note'),
    training: text('training', { mode: 'json' }).notNull().$type<{
      onlineHours: number;
      /** `onlineHours` of an attempt: the total when it was recorded (not kept in early records). */
      attempts: { date: string; passed: boolean; certificateNo: string | null; onlineHours?: number }[];
    }>(),
    deregistrationRequested: integer('deregistration_requested', { mode: 'boolean' })
      .notNull()
      .default(false),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    recognizedAt: integer('recognized_at', { mode: 'timestamp_ms' }),
    deregisteredAt: integer('deregistered_at', { mode: 'timestamp_ms' }),
    /** Bumped on every change; a write names the version it read, so concurrent edits cannot overwrite. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('filings_filing_no_idx').on(t.filingNo),
    // "One open filing per enterprise" as a constraint, so two simultaneous requests cannot both pass the check.
    uniqueIndex('filings_one_open_per_enterprise_idx')
      .on(t.enterpriseId)
      .where(sql.raw(`status in (${openFilingStatuses.map((s) => `'${s}'`).join(', ')})`)),
    // DOMAIN: an enterprise has at most one active (recognized) CQO; a change filing supersedes the old one
    // before it is recognized itself, in the same transaction.
    uniqueIndex('filings_one_recognized_per_enterprise_idx')
      .on(t.enterpriseId)
      .where(sql.raw(`status = 'recognized'`)),
    index('filings_enterprise_idx').on(t.enterpriseId),
    index('filings_status_city_idx').on(t.status, t.city),
    index('filings_id_hash_idx').on(t.idHash),
    index('filings_uscc_idx').on(t.uscc),
    // Newest first within a status (the review queues).
    index('filings_status_updated_idx').on(t.status, t.updatedAt),
  ],
);

/**
 * Append-only history of a filing: every transition, every reveal of the ID number, every attachment uploaded or
 * deleted. Triggers (migration 0005_filing_events_append_only) refuse UPDATE and DELETE on it.
 */
export const filingEvents = sqliteTable(
  'filing_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    filingId: text('filing_id').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text('reason'),
  },
  (t) => [index('filing_events_filing_idx').on(t.filingId, t.id)],
);

export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    filingId: text('filing_id').notNull(),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedAt: integer('uploaded_at', { mode: 'timestamp_ms' }).notNull(),
    /**
     * Set when deleted after the filing was first submitted: a reviewer may already have relied on the file, so
     * it is kept (hidden from the enterprise, shown to reviewers as deleted). Before that, deletion is real.
     */
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('attachments_filing_idx').on(t.filingId)],
);

/** The last 备案编号 sequence number issued per year. */
export const filingCounters = sqliteTable('filing_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});
