/**
 * Who hears about a registration, as outbox sources (see outbox.ts). The seat decisions are made by SQL inside
 * the registration's own write batch, so these read the outcome in that same batch: the attendees confirmed or
 * waitlisted by this registration, promoted or cancelled at this instant. One row per account of the registering
 * enterprise, with a dedupe key, so a replayed request notifies nobody twice.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { OutboxWrite } from './outbox.ts';

const eventFacts = sql`'event', e.title, 'slug', e.slug, 'startsAt', e.starts_at, 'venue', e.venue,
  'city', e.city, 'registration', r.id, 'code', r.code`;

const enterpriseAccounts = sql`join accounts a on a.enterprise_id = r.enterprise_id and a.disabled = 0`;

/** The registration's attendees now in `status` (confirmed or waitlisted), if any. */
export function registeredSource(registrationId: string, status: 'confirmed' | 'waitlisted', kind: string) {
  return sql`select a.id as account_id,
      json_object(${eventFacts}, 'count',
        (select count(*) from attendees t where t.registration_id = r.id and t.status = ${status})) as data,
      ${kind} || ':' || r.id as dedupe_key
    from registrations r join events e on e.id = r.event_id ${enterpriseAccounts}
    where r.id = ${registrationId}
      and exists (select 1 from attendees t where t.registration_id = r.id and t.status = ${status})`;
}

/** Attendees changed by this write (`which` holds its instant), one row per registration and account. */
function changedSource(kind: string, which: SQL, write: OutboxWrite) {
  const at = write.now.getTime();
  return sql`select a.id as account_id,
      json_object(${eventFacts}, 'count', count(*), 'at', ${at}) as data,
      ${kind} || ':' || r.id || ':' || ${at} as dedupe_key
    from attendees t join registrations r on r.id = t.registration_id
      join events e on e.id = t.event_id ${enterpriseAccounts}
    where ${which}
    group by r.id, a.id`;
}

/** Attendees of the event promoted from the waitlist by this write (their `promoted_at` is its instant). */
export function promotedSource(eventId: string, write: OutboxWrite) {
  const at = write.now.getTime();
  return changedSource(
    'registration_promoted',
    sql`t.event_id = ${eventId} and t.promoted_at = ${at} and t.status = 'confirmed'`,
    write,
  );
}

/** Attendees of the registration cancelled by this write. */
export function cancelledSource(registrationId: string, write: OutboxWrite) {
  const at = write.now.getTime();
  return changedSource(
    'registration_cancelled',
    sql`t.registration_id = ${registrationId} and t.cancelled_at = ${at}`,
    write,
  );
}

/** Registrations with a confirmed seat at an event that starts within the next 24 hours: once each. */
export function reminderSource(write: OutboxWrite) {
  const now = write.now.getTime();
  return sql`select a.id as account_id,
      json_object(${eventFacts}, 'count',
        (select count(*) from attendees t where t.registration_id = r.id and t.status = 'confirmed')) as data,
      'event_reminder:' || r.id as dedupe_key
    from registrations r join events e on e.id = r.event_id ${enterpriseAccounts}
    where e.starts_at > ${now} and e.starts_at <= ${now + 24 * 3600_000}
      and exists (select 1 from attendees t where t.registration_id = r.id and t.status = 'confirmed')`;
}

const stateCondition: Record<'confirmed' | 'waitlisted' | 'checked_in', SQL> = {
  confirmed: sql`(t.status = 'confirmed')`,
  waitlisted: sql`(t.status = 'waitlisted')`,
  checked_in: sql`(t.status = 'confirmed' and t.checked_in_at is not null)`,
};

/** The accounts of every enterprise with an attendee of the event in one of `states`: an organizer's message. */
export function registrantsSource(
  eventId: string,
  states: ('confirmed' | 'waitlisted' | 'checked_in')[],
  data: Record<string, unknown>,
) {
  const any = sql.join(
    states.map((s) => stateCondition[s]),
    sql` or `,
  );
  return sql`select a.id as account_id, json(${JSON.stringify(data)}) as data, null as dedupe_key
    from accounts a where a.disabled = 0 and a.enterprise_id in
      (select t.enterprise_id from attendees t where t.event_id = ${eventId} and (${any}))`;
}

/** Which attendees of a registration a kind of message is about, for their SMS. */
const attendeesOfKind = sql`case n.kind
    when 'registration_confirmed' then t.status = 'confirmed'
    when 'event_reminder' then t.status = 'confirmed'
    when 'registration_waitlisted' then t.status = 'waitlisted'
    when 'registration_promoted' then t.promoted_at = json_extract(n.data, '$.at')
    when 'registration_cancelled' then t.cancelled_at = json_extract(n.data, '$.at')
    else 0 end`;

/**
 * An SMS to each attendee the write's registration messages are about, when SMS is configured for the kind
 * (`sms` among the notification's channels): the attendee gave the mobile for this event. Never for a demo
 * account's registrations: their mobiles are made up, and may belong to someone.
 */
export function attendeeTexts(write: OutboxWrite): SQL {
  const now = write.now.getTime();
  return sql`insert into notification_deliveries
      (id, notification_id, channel, address, state, attempts, next_attempt_at, created_at, updated_at)
    select lower(hex(randomblob(16))), n.id, 'sms', t.mobile, 'queued', 0, ${now}, ${now}, ${now}
    from notifications n join attendees t on t.registration_id = json_extract(n.data, '$.registration')
      join accounts a on a.id = n.account_id and a.demo = 0
    where n.batch = ${write.batch}
      and exists (select 1 from json_each(n.channels) c where c.value = 'sms')
      and ${attendeesOfKind}`;
}
