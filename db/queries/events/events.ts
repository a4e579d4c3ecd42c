/** Events: listing them with their seat counts, creating one, and changing its rules. */
import { asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../database.ts';
import { attendees, events } from '../../schema/index.ts';
import { num, promote, writeBatch } from './seats.ts';

export type EventRow = typeof events.$inferSelect;
export type EventWithCounts = EventRow & { confirmed: number; waitlisted: number };

// Counted per event through the (event_id, status) index; written out because the outer row must be `events`.
const confirmedCount = sql<number>`(select count(*) from attendees a
  where a.event_id = events.id and a.status = 'confirmed')`;
const waitlistedCount = sql<number>`(select count(*) from attendees a
  where a.event_id = events.id and a.status = 'waitlisted')`;

export async function listEventsWithCounts(db: Database): Promise<EventWithCounts[]> {
  const rows = await db
    .select({ event: events, confirmed: confirmedCount, waitlisted: waitlistedCount })
    .from(events)
    .orderBy(asc(events.startsAt), asc(events.slug));
  return rows.map((r) => ({ ...r.event, confirmed: Number(r.confirmed), waitlisted: Number(r.waitlisted) }));
}

export async function findEventWithCounts(
  db: Database,
  where: { slug: string } | { id: string },
): Promise<EventWithCounts | undefined> {
  const rows = await db
    .select({ event: events, confirmed: confirmedCount, waitlisted: waitlistedCount })
    .from(events)
    .where('slug' in where ? eq(events.slug, where.slug) : eq(events.id, where.id))
    .limit(1);
  const r = rows[0];
  return r && { ...r.event, confirmed: Number(r.confirmed), waitlisted: Number(r.waitlisted) };
}

export async function findEventBySlug(db: Database, slug: string): Promise<EventRow | undefined> {
  return db.query.events.findFirst({ where: eq(events.slug, slug) });
}

/** Creates an event; false when the slug is taken. */
export async function insertEvent(db: Database, row: EventRow): Promise<boolean> {
  const inserted = await db
    .insert(events)
    .values(row)
    .onConflictDoNothing({ target: events.slug })
    .returning({ id: events.id });
  return inserted.length > 0;
}

export type RulesUpdate = Omit<EventRow, 'id' | 'slug' | 'createdAt'>;

export type RulesOutcome = {
  /** `stale`: someone changed the event since `expectedUpdatedAt`; `capacity`: below the confirmed seats. */
  outcome: 'updated' | 'stale' | 'capacity' | 'missing';
  promoted: number;
  confirmed: number;
};

/**
 * Changes an event's rules if nobody changed them since the version the organizer edited (`updated_at` equal
 * to `expectedUpdatedAt`: optimistic concurrency). Capacity may not drop below the seats already confirmed
 * (nobody loses a confirmed seat); a higher capacity gives the new seats to the waitlist at once, in the same
 * transaction. `updated_at` moves forward by at least 1 ms on every change, so two edits at the same clock
 * instant still differ. Whether the row changed is read back (RETURNING, then the row), never rowsAffected.
 */
export async function updateEventRules(
  db: Database,
  eventId: string,
  rules: RulesUpdate,
  expectedUpdatedAt: Date,
  notices: SQL[] = [],
): Promise<RulesOutcome> {
  const now = rules.updatedAt.getTime();
  const [updated, promoted, state] = await writeBatch(db, [
    sql`update ${events} set
        title = ${rules.title}, kind = ${rules.kind}, city = ${rules.city}, venue = ${rules.venue},
        organizer = ${rules.organizer}, starts_at = ${rules.startsAt.getTime()}, ends_at = ${rules.endsAt.getTime()},
        capacity = ${rules.capacity}, max_per_enterprise = ${rules.maxPerEnterprise},
        registration_opens = ${rules.registrationOpens.getTime()},
        registration_closes = ${rules.registrationCloses.getTime()}, sample = ${rules.sample ? 1 : 0},
        updated_at = max(${now}, updated_at + 1)
      where id = ${eventId} and updated_at = ${expectedUpdatedAt.getTime()}
        and ${rules.capacity} >= (select count(*) from ${attendees} where event_id = ${eventId} and status = 'confirmed')
      returning id`,
    promote(eventId, now),
    sql`select
        (select count(*) from ${attendees} where event_id = ${eventId} and status = 'confirmed') as confirmed,
        (select updated_at from ${events} where id = ${eventId}) as updated_at`,
    ...notices,
  ]);
  const row = state?.rows[0];
  const outcome: RulesOutcome['outcome'] =
    (updated?.rows.length ?? 0) > 0
      ? 'updated'
      : row?.updated_at === null || row?.updated_at === undefined
        ? 'missing'
        : num(row, 'updated_at') !== expectedUpdatedAt.getTime()
          ? 'stale'
          : 'capacity';
  return { outcome, promoted: promoted?.rows.length ?? 0, confirmed: num(row, 'confirmed') };
}
