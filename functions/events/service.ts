/**
 * Events and their rules (seats, registration window, cap per enterprise) and the organizers' roster; the
 * registrations themselves are in ./registrations.ts. Decisions only: routes handle HTTP,
 * db/queries/events/events.ts holds the SQL.
 */
import type { z } from 'zod';
import { rosterOf } from '../../db/queries/events/attendees.ts';
import {
  findEventWithCounts,
  insertEvent,
  listEventsWithCounts,
  updateEventRules,
} from '../../db/queries/events/events.ts';
import type { EventSummary, Roster } from '../../src/shared/events/answers.ts';
import type { eventCreate, eventUpdate } from '../../src/shared/events/schemas.ts';
import type { Deps } from '../deps.ts';
import { promotionNotices } from '../notifications/triggers.ts';
import { ok, type Result, refuse } from '../result.ts';
import { eventSummary, rosterItem } from './present.ts';
import { rosterWorkbook } from './roster-export.ts';

export const noEvent = refuse(404, 'not_found', '未找到该活动，请从“论坛与活动”页面进入');

export async function listEvents(deps: Deps): Promise<EventSummary[]> {
  const now = deps.now();
  return (await listEventsWithCounts(deps.db)).map((e) => eventSummary(e, now));
}

export async function getEvent(deps: Deps, slug: string): Promise<Result<EventSummary>> {
  const event = await findEventWithCounts(deps.db, { slug });
  return event ? ok(eventSummary(event, deps.now())) : noEvent;
}

type EventFields = Omit<z.output<typeof eventUpdate>, 'updatedAt'>;

function rulesOf(input: EventFields, now: Date, sample: boolean) {
  return {
    title: input.title,
    kind: input.kind,
    city: input.city,
    venue: input.venue,
    organizer: input.organizer,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    capacity: input.capacity,
    maxPerEnterprise: input.maxPerEnterprise,
    registrationOpens: new Date(input.registrationOpens),
    registrationCloses: new Date(input.registrationCloses),
    sample: input.sample ?? sample,
    updatedAt: now,
  };
}

export async function createEvent(
  deps: Deps,
  input: z.output<typeof eventCreate>,
): Promise<Result<EventSummary>> {
  const now = deps.now();
  const created = await insertEvent(deps.db, {
    id: crypto.randomUUID(),
    slug: input.slug,
    ...rulesOf(input, now, false),
    createdAt: now,
  });
  if (!created)
    return refuse(409, 'slug_taken', `活动标识 ${input.slug} 已被使用，请直接编辑该活动或换一个标识`, {
      slug: '该活动标识已被使用',
    });
  return getEvent(deps, input.slug);
}

/**
 * Changes the rules, unless someone saved the event after the version the organizer loaded (`updatedAt`);
 * a higher capacity promotes the waitlist in the same write.
 */
export async function updateEvent(
  deps: Deps,
  slug: string,
  input: z.output<typeof eventUpdate>,
): Promise<Result<{ event: EventSummary; promoted: number }>> {
  const event = await findEventWithCounts(deps.db, { slug });
  if (!event) return noEvent;
  const rules = rulesOf(input, deps.now(), event.sample);
  const result = await updateEventRules(
    deps.db,
    event.id,
    rules,
    new Date(input.updatedAt),
    promotionNotices(deps, event.id, rules.updatedAt),
  );
  if (result.outcome === 'missing') return noEvent;
  if (result.outcome === 'stale')
    return refuse(
      409,
      'edited_meanwhile',
      '您打开本页后，该活动已被他人修改，您的修改未保存。请刷新页面，核对最新设置后再修改',
    );
  if (result.outcome === 'capacity') {
    const message = `已有 ${result.confirmed} 人确认参加，席位数不能少于 ${result.confirmed}。如需减少席位，请先与相关企业联系并取消部分报名`;
    return refuse(409, 'capacity_below_confirmed', message, { capacity: message });
  }
  const updated = await getEvent(deps, slug);
  return updated.ok ? ok({ event: updated.value, promoted: result.promoted }) : updated;
}

export async function roster(deps: Deps, slug: string): Promise<Result<Roster>> {
  const event = await findEventWithCounts(deps.db, { slug });
  if (!event) return noEvent;
  const rows = await rosterOf(deps.db, event.id);
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  return ok({
    event: eventSummary(event, deps.now()),
    counts: {
      confirmed: count('confirmed'),
      waitlisted: count('waitlisted'),
      cancelled: count('cancelled'),
      checkedIn: rows.filter((r) => r.checkedInAt && r.status === 'confirmed').length,
    },
    items: rows.map(rosterItem),
  });
}

/** The roster as a spreadsheet (full phones: for the organizers only), with the event's title to name it. */
export async function rosterFile(
  deps: Deps,
  slug: string,
): Promise<Result<{ title: string; bytes: ArrayBuffer }>> {
  const event = await findEventWithCounts(deps.db, { slug });
  if (!event) return refuse(404, 'not_found', '未找到该活动');
  return ok({ title: event.title, bytes: await rosterWorkbook(await rosterOf(deps.db, event.id)) });
}
