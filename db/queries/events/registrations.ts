/**
 * Registering attendees, cancelling them and checking them in. Registering and cancelling change who holds a
 * seat: each runs as one write transaction (seats.ts).
 */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { clientOf, type Database } from '../../database.ts';
import { attendees, events, registrations } from '../../schema/index.ts';
import { groupedWrite } from './group-commit.ts';
import { num, promote, statement, writeBatch } from './seats.ts';

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
 * Registers the attendees all or none, in one write transaction (shared with the registrations for the same
 * event waiting at the same moment, each after those before it: group-commit.ts):
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
  // Committed together with the other registrations for this event waiting at this moment (group-commit.ts).
  const results = await groupedWrite(clientOf(db), r.eventId, queries.map(statement));
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
