/** Who is registered: registrations with their attendees, an event's roster, its active attendees. */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '../../database.ts';
import { attendees, enterprises, registrations } from '../../schema/index.ts';

export type RegistrationRow = typeof registrations.$inferSelect;
export type AttendeeRow = typeof attendees.$inferSelect;

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

/** Registrations with their enterprise's name (narrowed by the caller). */
function registrationRows(db: Database) {
  return db
    .select({ registration: registrations, enterpriseName: enterprises.name })
    .from(registrations)
    .innerJoin(enterprises, eq(enterprises.id, registrations.enterpriseId));
}

export async function findRegistrationByCode(
  db: Database,
  code: string,
): Promise<RegistrationWithAttendees | undefined> {
  const rows = await registrationRows(db).where(eq(registrations.code, code)).limit(1);
  return (await withAttendees(db, rows))[0];
}

export async function findRegistration(
  db: Database,
  id: string,
): Promise<RegistrationWithAttendees | undefined> {
  const rows = await registrationRows(db).where(eq(registrations.id, id)).limit(1);
  return (await withAttendees(db, rows))[0];
}

/** An enterprise's registrations, newest first. */
export async function registrationsOfEnterprise(
  db: Database,
  enterpriseId: string,
): Promise<RegistrationWithAttendees[]> {
  const rows = await registrationRows(db)
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
