import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * A quality forum or experience-sharing session (三(六)) open for registration. This row is the one source of
 * truth for the rules the server enforces and the pages show: capacity, registration window and the cap per
 * enterprise. The announcement (content/forums/<slug>.md) is the text; `slug` links the two.
 */
export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    kind: text('kind', { enum: ['forum', 'sharing_session'] }).notNull(),
    city: text('city').notNull(),
    venue: text('venue').notNull(),
    organizer: text('organizer').notNull(),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
    /** Seats in total; each confirmed attendee takes one. */
    capacity: integer('capacity').notNull(),
    /** Most attendees (confirmed + waitlisted) one enterprise may have at a time. */
    maxPerEnterprise: integer('max_per_enterprise').notNull(),
    registrationOpens: integer('registration_opens', { mode: 'timestamp_ms' }).notNull(),
    registrationCloses: integer('registration_closes', { mode: 'timestamp_ms' }).notNull(),
    /** Sample content (示例) written by the team. */
    sample: integer('sample', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    check('events_capacity_positive', sql`${t.capacity} > 0`),
    check('events_max_per_enterprise_positive', sql`${t.maxPerEnterprise} > 0`),
  ],
);

/**
 * One submission by an enterprise: a set of attendees under one confirmation code. The idempotency key comes
 * from the form, so a double click or a retry finds the registration it already made instead of making another.
 */
export const registrations = sqliteTable(
  'registrations',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id),
    enterpriseId: text('enterprise_id').notNull(),
    /** The account that submitted it. */
    accountId: text('account_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** 16 characters of base32 (80 random bits), stored without the dashes it is shown with. */
    code: text('code').notNull().unique(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('registrations_idempotency_idx').on(t.enterpriseId, t.idempotencyKey),
    index('registrations_event_enterprise_idx').on(t.eventId, t.enterpriseId),
  ],
);

/**
 * A named attendee, one seat. `seq` orders the attendees of an event by arrival (FIFO for the waitlist); it is
 * assigned inside the same write transaction that decides the status, and unique per event.
 */
export const attendees = sqliteTable(
  'attendees',
  {
    id: text('id').primaryKey(),
    registrationId: text('registration_id')
      .notNull()
      .references(() => registrations.id),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id),
    enterpriseId: text('enterprise_id').notNull(),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    position: text('position').notNull(),
    mobile: text('mobile').notNull(),
    status: text('status', { enum: ['confirmed', 'waitlisted', 'cancelled'] }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** When a waitlisted attendee got a seat. */
    promotedAt: integer('promoted_at', { mode: 'timestamp_ms' }),
    cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
    checkedInAt: integer('checked_in_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('attendees_event_seq_idx').on(t.eventId, t.seq),
    index('attendees_event_status_idx').on(t.eventId, t.status, t.seq),
    index('attendees_event_enterprise_idx').on(t.eventId, t.enterpriseId),
    // One person, one place at an event (the registration statement checks it first, for a clear message).
    uniqueIndex('attendees_event_mobile_idx').on(t.eventId, t.mobile).where(sql`${t.status} != 'cancelled'`),
    index('attendees_registration_idx').on(t.registrationId),
    check('attendees_status_valid', sql`${t.status} in ('confirmed', 'waitlisted', 'cancelled')`),
  ],
);
