/**
 * Events, registrations and attendees. Every write that can change who holds a seat runs as ONE
 * `client.batch([...], 'write')`: a single transaction (BEGIN IMMEDIATE … COMMIT) in a single round trip, so
 * nothing else writes between deciding and writing, and over Turso's HTTP no write lock is held across round
 * trips. Each attendee's status is decided by a conditional INSERT … SELECT that counts the confirmed seats
 * inside that transaction; freed seats go to the waitlist (lowest `seq` first) in the same transaction.
 */
import type { Client, InStatement, InValue, ResultSet, Row } from '@libsql/client';
import { and, asc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../database.ts';
import { attendees, enterprises, events, registrations } from '../../schema/index.ts';

export type EventRow = typeof events.$inferSelect;
export type RegistrationRow = typeof registrations.$inferSelect;
export type AttendeeRow = typeof attendees.$inferSelect;
export type EventWithCounts = EventRow & { confirmed: number; waitlisted: number };

const dialect = new SQLiteAsyncDialect();

function statement(query: SQL): InStatement {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { sql: text, args: params as InValue[] };
}

/** Runs the statements as one write transaction in one round trip (see the file comment). */
async function writeBatch(db: Database, queries: SQL[]): Promise<ResultSet[]> {
  const client = (db as Database & { $client: Client }).$client;
  return client.batch(queries.map(statement), 'write');
}

const num = (row: Row | undefined, column: string) => Number(row?.[column] ?? 0);

// ---------------------------------------------------------------------------------------------- events

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

/**
 * The first waitlisted attendees of the event, in arrival order, get the free seats. A negative LIMIT would
 * mean "no limit" in SQLite, hence max(0, …). RETURNING gives the promoted rows back: not every libSQL server
 * reports rowsAffected (some answer 0 to every write), so nothing here counts on it.
 */
function promote(eventId: string, now: number): SQL {
  return sql`update ${attendees} set status = 'confirmed', promoted_at = ${now}
    where id in (
      select id from ${attendees}
      where event_id = ${eventId} and status = 'waitlisted'
      order by seq
      limit max(0,
        (select capacity from ${events} where id = ${eventId})
        - (select count(*) from ${attendees} where event_id = ${eventId} and status = 'confirmed'))
    )
    returning id`;
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

// --------------------------------------------------------------------------------------- registering

export type NewRegistration = {
  registrationId: string;
  eventId: string;
  enterpriseId: string;
  accountId: string;
  idempotencyKey: string;
  code: string;
  now: Date;
  attendees: { id: string; name: string; position: string; mobile: string }[];
  /** Outbox statements (db/queries/notifications) written in the same transaction, after the attendees. */
  notices?: SQL[];
};

/** What the registration transaction saw before it wrote: the reason when it wrote nothing. */
export type RegistrationState = {
  /** A registration this enterprise already made with the same idempotency key. */
  existingId: string | null;
  eventFound: boolean;
  windowOpen: boolean;
  maxPerEnterprise: number;
  /** Attendees (confirmed + waitlisted) the enterprise already has at this event. */
  enterpriseActive: number;
  /** Mobiles of this submission the same enterprise has already registered (not cancelled) for the event. */
  ownTakenMobiles: string[];
  /**
   * How many mobiles of this submission another enterprise has registered. Only the number: which person, and
   * whose registration holds them, is not this enterprise's business.
   */
  takenByOthers: number;
};

export type RegisterOutcome =
  | { kind: 'created'; registrationId: string }
  | { kind: 'replayed'; registrationId: string }
  | { kind: 'refused'; state: RegistrationState };

/**
 * Registers the attendees all or none, in one write transaction:
 * 1. reads the state (for the reason, should it refuse);
 * 1b. gives any free seat to the waitlist first (self-repair: a capacity raised directly in the database, or
 *    by any path that forgot to promote, must not leave seats free while people wait and newcomers queue);
 * 2. inserts the registration only if the event exists, the window is open, the enterprise stays within its
 *    cap and no attendee is registered already; a second submission with the same key hits the unique
 *    (enterprise, key) index and inserts nothing;
 * 3. inserts each attendee only if step 2 inserted: confirmed while a seat is free and nobody waits,
 *    waitlisted otherwise, with the next `seq` of the event.
 */
export async function registerAttendees(db: Database, r: NewRegistration): Promise<RegisterOutcome> {
  const now = r.now.getTime();
  const n = r.attendees.length;
  const mobiles = sql.join(
    r.attendees.map((a) => sql`${a.mobile}`),
    sql`, `,
  );
  const active = sql`(select count(*) from ${attendees}
      where event_id = ${r.eventId} and enterprise_id = ${r.enterpriseId} and status != 'cancelled')`;
  const taken = sql`(select group_concat(mobile) from ${attendees}
      where event_id = ${r.eventId} and status != 'cancelled' and mobile in (${mobiles}))`;
  const takenOwn = sql`(select group_concat(mobile) from ${attendees}
      where event_id = ${r.eventId} and status != 'cancelled' and mobile in (${mobiles})
        and enterprise_id = ${r.enterpriseId})`;
  const takenOther = sql`(select count(*) from ${attendees}
      where event_id = ${r.eventId} and status != 'cancelled' and mobile in (${mobiles})
        and enterprise_id != ${r.enterpriseId})`;
  const queries: SQL[] = [
    sql`select
        (select id from ${registrations}
          where enterprise_id = ${r.enterpriseId} and idempotency_key = ${r.idempotencyKey}) as existing_id,
        (select count(*) from ${events} where id = ${r.eventId}) as event_found,
        (select registration_opens <= ${now} and ${now} < registration_closes from ${events}
          where id = ${r.eventId}) as window_open,
        (select max_per_enterprise from ${events} where id = ${r.eventId}) as max_per_enterprise,
        ${active} as enterprise_active,
        ${takenOwn} as taken_own,
        ${takenOther} as taken_other`,
    promote(r.eventId, now),
    sql`insert into ${registrations}
        (id, event_id, enterprise_id, account_id, idempotency_key, code, created_at)
      select ${r.registrationId}, e.id, ${r.enterpriseId}, ${r.accountId}, ${r.idempotencyKey}, ${r.code}, ${now}
      from ${events} e
      where e.id = ${r.eventId}
        and e.registration_opens <= ${now} and ${now} < e.registration_closes
        and ${active} + ${n} <= e.max_per_enterprise
        and ${taken} is null
      on conflict (enterprise_id, idempotency_key) do nothing`,
    ...r.attendees.map(
      (a) => sql`insert into ${attendees}
          (id, registration_id, event_id, enterprise_id, seq, name, position, mobile, status, created_at)
        select ${a.id}, ${r.registrationId}, ${r.eventId}, ${r.enterpriseId},
          (select coalesce(max(seq), 0) + 1 from ${attendees} where event_id = ${r.eventId}),
          ${a.name}, ${a.position}, ${a.mobile},
          case when not exists (select 1 from ${attendees} where event_id = ${r.eventId} and status = 'waitlisted')
                and (select count(*) from ${attendees} where event_id = ${r.eventId} and status = 'confirmed')
                    < (select capacity from ${events} where id = ${r.eventId})
            then 'confirmed' else 'waitlisted' end,
          ${now}
        where exists (select 1 from ${registrations} where id = ${r.registrationId})`,
    ),
    ...(r.notices ?? []),
    // Whether step 2 inserted, read back rather than taken from rowsAffected, which not every libSQL server reports.
    sql`select count(*) as created from ${registrations} where id = ${r.registrationId}`,
  ];
  const results = await writeBatch(db, queries);
  const row = results[0]?.rows[0];
  const existingId = row?.existing_id ? String(row.existing_id) : null;
  if (existingId) return { kind: 'replayed', registrationId: existingId };
  if (num(results.at(-1)?.rows[0], 'created') > 0)
    return { kind: 'created', registrationId: r.registrationId };
  return {
    kind: 'refused',
    state: {
      existingId,
      eventFound: num(row, 'event_found') > 0,
      windowOpen: num(row, 'window_open') === 1,
      maxPerEnterprise: num(row, 'max_per_enterprise'),
      enterpriseActive: num(row, 'enterprise_active'),
      ownTakenMobiles: row?.taken_own ? String(row.taken_own).split(',') : [],
      takenByOthers: num(row, 'taken_other'),
    },
  };
}

// ------------------------------------------------------------------------------------ cancel, check in

/**
 * Cancels attendees of one registration (not those already checked in, and only before the event starts) and
 * gives the freed seats to the waitlist, in one write transaction. The counts come from RETURNING rows of
 * that transaction, not from rowsAffected (which some libSQL servers report as 0).
 */
export async function cancelAttendees(
  db: Database,
  registration: { id: string; eventId: string },
  attendeeIds: string[],
  at: Date,
  notices: SQL[] = [],
): Promise<{ cancelled: number; promoted: number }> {
  const now = at.getTime();
  const ids = sql.join(
    attendeeIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const [cancelled, promoted] = await writeBatch(db, [
    sql`update ${attendees} set status = 'cancelled', cancelled_at = ${now}
      where registration_id = ${registration.id} and id in (${ids})
        and status != 'cancelled' and checked_in_at is null
        and (select starts_at from ${events} where id = ${registration.eventId}) > ${now}
      returning id`,
    promote(registration.eventId, now),
    ...notices,
  ]);
  return { cancelled: cancelled?.rows.length ?? 0, promoted: promoted?.rows.length ?? 0 };
}

/** Marks confirmed attendees of one registration as checked in; returns how many were newly checked in. */
export async function checkInAttendees(
  db: Database,
  registrationId: string,
  attendeeIds: string[],
  at: Date,
): Promise<number> {
  const rows = await db
    .update(attendees)
    .set({ checkedInAt: at })
    .where(
      and(
        eq(attendees.registrationId, registrationId),
        inArray(attendees.id, attendeeIds),
        eq(attendees.status, 'confirmed'),
        sql`${attendees.checkedInAt} is null`,
      ),
    )
    .returning({ id: attendees.id });
  return rows.length;
}

// -------------------------------------------------------------------------------------------- reading

/**
 * 1-based place in the event's waitlist, null unless waitlisted. Written out in full: the outer row must be
 * named `attendees` (Drizzle leaves columns unqualified when a query has one table).
 */
const waitlistPosition = sql<number | null>`case when attendees.status = 'waitlisted' then
    (select count(*) from attendees ahead where ahead.event_id = attendees.event_id
      and ahead.status = 'waitlisted' and ahead.seq <= attendees.seq)
  end`;

export type AttendeeWithPlace = AttendeeRow & { waitlistPosition: number | null };

export type RegistrationWithAttendees = RegistrationRow & {
  enterpriseName: string;
  attendees: AttendeeWithPlace[];
};

async function withAttendees(
  db: Database,
  rows: { registration: RegistrationRow; enterpriseName: string }[],
): Promise<RegistrationWithAttendees[]> {
  if (rows.length === 0) return [];
  const list = await db
    .select({ attendee: attendees, waitlistPosition })
    .from(attendees)
    .where(
      inArray(
        attendees.registrationId,
        rows.map((r) => r.registration.id),
      ),
    )
    .orderBy(asc(attendees.seq));
  return rows.map((r) => ({
    ...r.registration,
    enterpriseName: r.enterpriseName,
    attendees: list
      .filter((a) => a.attendee.registrationId === r.registration.id)
      .map((a) => ({
        ...a.attendee,
        waitlistPosition: a.waitlistPosition === null ? null : Number(a.waitlistPosition),
      })),
  }));
}

export async function findRegistrationByCode(
  db: Database,
  code: string,
): Promise<RegistrationWithAttendees | undefined> {
  const rows = await db
    .select({ registration: registrations, enterpriseName: enterprises.name })
    .from(registrations)
    .innerJoin(enterprises, eq(enterprises.id, registrations.enterpriseId))
    .where(eq(registrations.code, code))
    .limit(1);
  return (await withAttendees(db, rows))[0];
}

export async function findRegistration(
  db: Database,
  id: string,
): Promise<RegistrationWithAttendees | undefined> {
  const rows = await db
    .select({ registration: registrations, enterpriseName: enterprises.name })
    .from(registrations)
    .innerJoin(enterprises, eq(enterprises.id, registrations.enterpriseId))
    .where(eq(registrations.id, id))
    .limit(1);
  return (await withAttendees(db, rows))[0];
}

/** An enterprise's registrations, newest first. */
export async function registrationsOfEnterprise(
  db: Database,
  enterpriseId: string,
): Promise<RegistrationWithAttendees[]> {
  const rows = await db
    .select({ registration: registrations, enterpriseName: enterprises.name })
    .from(registrations)
    .innerJoin(enterprises, eq(enterprises.id, registrations.enterpriseId))
    .where(eq(registrations.enterpriseId, enterpriseId))
    .orderBy(sql`${registrations.createdAt} desc`);
  return withAttendees(db, rows);
}

export type RosterRow = AttendeeWithPlace & {
  enterpriseName: string;
  uscc: string;
  code: string;
  registeredAt: Date;
};

/** Every attendee of the event in arrival order, with the enterprise and the registration's code. */
export async function rosterOf(db: Database, eventId: string): Promise<RosterRow[]> {
  const rows = await db
    .select({
      attendee: attendees,
      waitlistPosition,
      enterpriseName: enterprises.name,
      uscc: enterprises.uscc,
      code: registrations.code,
      registeredAt: registrations.createdAt,
    })
    .from(attendees)
    .innerJoin(registrations, eq(registrations.id, attendees.registrationId))
    .innerJoin(enterprises, eq(enterprises.id, attendees.enterpriseId))
    .where(eq(attendees.eventId, eventId))
    .orderBy(asc(attendees.seq));
  return rows.map((r) => ({
    ...r.attendee,
    waitlistPosition: r.waitlistPosition === null ? null : Number(r.waitlistPosition),
    enterpriseName: r.enterpriseName,
    uscc: r.uscc,
    code: r.code,
    registeredAt: r.registeredAt,
  }));
}

/** Active (not cancelled) attendees of an event: for tests and invariants. */
export async function activeAttendees(db: Database, eventId: string) {
  return db
    .select()
    .from(attendees)
    .where(and(eq(attendees.eventId, eventId), ne(attendees.status, 'cancelled')))
    .orderBy(asc(attendees.seq));
}
