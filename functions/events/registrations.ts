/**
 * Registering for an event, and what happens to a registration afterwards: looked up by its confirmation code,
 * cancelled, checked in. The seat decisions themselves are made inside single write transactions
 * (db/queries/events/events.ts); this file checks who may do what and turns a refusal into a message that says
 * what to do.
 */
import type { z } from 'zod';
import {
  findRegistration,
  findRegistrationByCode,
  type RegistrationWithAttendees,
  registrationsOfEnterprise,
} from '../../db/queries/events/attendees.ts';
import {
  type EventRow,
  type EventWithCounts,
  findEventBySlug,
  findEventWithCounts,
  listEventsWithCounts,
} from '../../db/queries/events/events.ts';
import {
  cancelAttendees,
  checkInAttendees,
  type RegistrationState,
  registerAttendees,
} from '../../db/queries/events/registrations.ts';
import type { RegistrationChange, RegistrationDetail } from '../../src/shared/events/answers.ts';
import { daysOffEvent, offDayNote } from '../../src/shared/events/event-day.ts';
import { normalizeCode, registrationWindow } from '../../src/shared/events/labels.ts';
import type { registrationInput } from '../../src/shared/events/schemas.ts';
import { formatDateTime } from '../../src/shared/formats.ts';
import { maskPhone } from '../../src/shared/phone.ts';
import type { Deps, SignedIn } from '../deps.ts';
import { cancellationNotices, registrationNotices } from '../notifications/triggers.ts';
import { ok, type Refusal, type Result, refuse } from '../result.ts';
import { calendarFile } from './calendar.ts';
import { newConfirmationCode } from './code.ts';
import { type PhoneView, registrationDetail } from './present.ts';
import { noEvent } from './service.ts';

type RegistrationInput = z.output<typeof registrationInput>;

const noRegistration = refuse(404, 'not_found', '未找到该确认码对应的报名，请核对确认码（16 位字母和数字）');

/** The registering enterprise and the organizers: they see phones in full and may cancel. */
function manages(me: SignedIn | undefined, r: RegistrationWithAttendees): boolean {
  if (!me) return false;
  return me.role === 'admin' || (me.role === 'enterprise' && me.enterpriseId === r.enterpriseId);
}

/** Who is looking at a registration, for masking phones and offering cancellation. */
function phonesFor(me: SignedIn | undefined, r: RegistrationWithAttendees): PhoneView {
  return manages(me, r) ? 'full' : 'masked';
}

const UNIQUE_CODE = /UNIQUE constraint failed: registrations\.code/;

type Writing = { me: SignedIn; enterpriseId: string; eventId: string; input: RegistrationInput; now: Date };

/** Writes the registration (or finds the one made with the same idempotency key), with a fresh code. */
async function write(deps: Deps, { me, enterpriseId, eventId, input, now }: Writing) {
  // An 80-bit code collides practically never; if it does, the whole transaction rolled back: try a new one.
  for (let attempt = 0; ; attempt++) {
    const registrationId = crypto.randomUUID();
    try {
      return await registerAttendees(deps.db, {
        registrationId,
        notices: registrationNotices(deps, { registrationId, eventId, now }),
        eventId,
        enterpriseId,
        accountId: me.id,
        idempotencyKey: input.idempotencyKey,
        code: newConfirmationCode(),
        now,
        attendees: input.attendees.map((a) => ({ id: crypto.randomUUID(), ...a })),
      });
    } catch (e) {
      if (attempt >= 2 || !(e instanceof Error) || !UNIQUE_CODE.test(e.message)) throw e;
    }
  }
}

/**
 * Registers the attendees of a signed-in enterprise: all of them or none. Sending the same idempotency key
 * again returns the registration it made (`created: false`).
 */
export async function register(
  deps: Deps,
  me: SignedIn,
  slug: string,
  input: RegistrationInput,
): Promise<Result<{ registration: RegistrationDetail; created: boolean }>> {
  if (me.role !== 'enterprise' || !me.enterpriseId)
    return refuse(403, 'forbidden', '活动报名须使用企业账号登录后办理');
  const event = await findEventBySlug(deps.db, slug);
  if (!event) return noEvent;
  const now = deps.now();
  const outcome = await write(deps, { me, enterpriseId: me.enterpriseId, eventId: event.id, input, now });
  if (outcome.kind === 'refused') return whyRefused(outcome.state, event, input, now);
  const saved = await findRegistration(deps.db, outcome.registrationId);
  if (!saved) throw new Error('registration vanished after it was written');
  if (saved.eventId !== event.id)
    return refuse(409, 'key_reused', '这份报名表已经提交过其他活动的报名，请刷新页面后重新填写');
  const fresh = await withEvent(deps, saved);
  return ok({
    registration: registrationDetail(saved, fresh, 'full', now),
    created: outcome.kind === 'created',
  });
}

/** Why the registration transaction wrote nothing, as what the enterprise can do about it. */
function whyRefused(s: RegistrationState, event: EventRow, input: RegistrationInput, now: Date): Refusal {
  if (!s.eventFound) return noEvent;
  if (!s.windowOpen) {
    return registrationWindow(event, now) === 'upcoming'
      ? refuse(
          409,
          'not_open',
          `报名尚未开始，将于 ${formatDateTime(event.registrationOpens)} 开始，届时再来报名`,
        )
      : refuse(
          409,
          'closed',
          `报名已于 ${formatDateTime(event.registrationCloses)} 截止，如有疑问请联系主办单位`,
        );
  }
  // One person, one place. Another enterprise's registration is not ours to reveal: the answer then names
  // neither the person nor the enterprise, only the rule (the enterprise's own duplicates are pointed out).
  if (s.takenByOthers > 0)
    return refuse(
      409,
      'already_registered',
      '本次报名未提交：有参会人员已经报名本活动（每人只能报名一次）。请与参会人员核实，删去已报名的人员后再提交；如有疑问请联系主办单位',
    );
  if (s.ownTakenMobiles.length > 0) {
    const fields: Record<string, string> = {};
    input.attendees.forEach((a, i) => {
      if (s.ownTakenMobiles.includes(a.mobile))
        fields[`attendees.${i}.mobile`] =
          `手机号码为 ${maskPhone(a.mobile)} 的人员已由贵单位报名本活动，不能重复报名，请删去`;
    });
    return refuse(
      409,
      'already_registered',
      '有参会人员已由贵单位报名本活动，请删去后再提交（可在“我的报名”中查看）',
      fields,
    );
  }
  const left = Math.max(0, s.maxPerEnterprise - s.enterpriseActive);
  const message =
    left === 0
      ? `每家企业最多报名 ${s.maxPerEnterprise} 人（含候补），贵单位已报满。如需换人，请先取消原报名人员`
      : `每家企业最多报名 ${s.maxPerEnterprise} 人（含候补），贵单位已报名 ${s.enterpriseActive} 人，本次最多还可报名 ${left} 人，请减少参会人员`;
  return refuse(422, 'enterprise_cap', message, { attendees: message });
}

async function withEvent(deps: Deps, r: RegistrationWithAttendees) {
  const event = await findEventWithCounts(deps.db, { id: r.eventId });
  if (!event) throw new Error('registration without its event');
  return event;
}

/** The signed-in enterprise's registrations, newest first. */
export async function myRegistrations(deps: Deps, me: SignedIn): Promise<RegistrationDetail[]> {
  if (!me.enterpriseId) return [];
  const now = deps.now();
  const [rows, events] = await Promise.all([
    registrationsOfEnterprise(deps.db, me.enterpriseId),
    listEventsWithCounts(deps.db),
  ]);
  const byId = new Map<string, EventWithCounts>(events.map((e) => [e.id, e]));
  return rows.flatMap((r) => {
    const event = byId.get(r.eventId);
    return event ? [registrationDetail(r, event, 'full', now)] : [];
  });
}

async function byCode(deps: Deps, code: string) {
  const bare = normalizeCode(code);
  return bare ? findRegistrationByCode(deps.db, bare) : undefined;
}

/** Anyone holding the code may see the registration; phones are masked unless it is their own or an admin. */
export async function registrationByCode(
  deps: Deps,
  me: SignedIn | undefined,
  code: string,
): Promise<Result<RegistrationDetail>> {
  const r = await byCode(deps, code);
  if (!r) return noRegistration;
  return ok(registrationDetail(r, await withEvent(deps, r), phonesFor(me, r), deps.now()));
}

/**
 * Cancels attendees of the registration; freed seats go to the waitlist at once. Only the registering
 * enterprise (its own session) or an organizer may: the code travels (printed, forwarded, in URL paths of
 * the API), so holding it is not enough to take someone's seat away.
 */
export async function cancel(
  deps: Deps,
  me: SignedIn,
  code: string,
  attendeeIds: string[],
): Promise<Result<RegistrationChange>> {
  const r = await byCode(deps, code);
  if (!r) return noRegistration;
  if (!manages(me, r))
    return refuse(
      403,
      'forbidden',
      '只有报名企业的账号或主办单位可以取消报名。请使用报名企业的账号登录，在“我的报名”中打开确认单后取消',
    );
  const unknown = attendeeIds.filter((id) => !r.attendees.some((a) => a.id === id));
  if (unknown.length > 0) return refuse(404, 'not_found', '所选人员不在这份报名中，请刷新页面后重试');
  const now = deps.now();
  const event = await withEvent(deps, r);
  if (now >= event.startsAt) return refuse(409, 'started', '活动已经开始，不能再取消报名');
  const checkedIn = r.attendees.filter((a) => attendeeIds.includes(a.id) && a.checkedInAt);
  if (checkedIn.length > 0)
    return refuse(409, 'checked_in', `${checkedIn.map((a) => a.name).join('、')} 已签到，不能取消报名`);
  const { cancelled, promoted } = await cancelAttendees(
    deps.db,
    r,
    attendeeIds,
    now,
    cancellationNotices(deps, { registrationId: r.id, eventId: r.eventId, now }),
  );
  const after = (await findRegistration(deps.db, r.id)) ?? r;
  const registration = registrationDetail(after, await withEvent(deps, after), phonesFor(me, r), now);
  return ok({ registration, changed: cancelled, promoted });
}

/**
 * Check-in by an organizer at one event (`slug`): only attendees of that event holding a confirmed seat, so a
 * code of another event is refused at the door. Checking in twice changes nothing.
 */
export async function checkIn(
  deps: Deps,
  code: string,
  {
    event: slug,
    attendeeIds,
    confirmOffDay,
  }: { event: string; attendeeIds: string[]; confirmOffDay?: boolean },
): Promise<Result<RegistrationChange>> {
  const r = await byCode(deps, code);
  if (!r) return noRegistration;
  const event = await withEvent(deps, r);
  if (event.slug !== slug) {
    const here = await findEventBySlug(deps.db, slug);
    if (!here) return noEvent;
    return refuse(
      409,
      'other_event',
      `该确认码属于另一场活动“${event.title}”（${formatDateTime(event.startsAt)}），不能在“${here.title}”签到。请核对参会人员出示的确认码`,
    );
  }
  const chosen = r.attendees.filter((a) => attendeeIds.includes(a.id));
  if (chosen.length !== new Set(attendeeIds).size)
    return refuse(404, 'not_found', '所选人员不在这份报名中，请重新查询确认码');
  const seatless = chosen.filter((a) => a.status !== 'confirmed');
  if (seatless.length > 0)
    return refuse(
      409,
      'not_confirmed',
      `${seatless.map((a) => `${a.name}（${a.status === 'waitlisted' ? '候补，未获得席位' : '已取消'}）`).join('、')} 不能签到。请引导其联系会务人员`,
    );
  const now = deps.now();
  // Weeks before (or after) the event a check-in is most likely a slip: said so, and done only once confirmed.
  const offDay = offDayNote(event, now);
  if (offDay && !confirmOffDay)
    return refuse(
      409,
      'not_event_day',
      `${offDay}现场签到一般在活动当天办理；确需${daysOffEvent(event, now) > 0 ? '提前' : '补记'}签到的，请确认后再签到`,
    );
  const changed = await checkInAttendees(deps.db, r.id, attendeeIds, now);
  const after = (await findRegistration(deps.db, r.id)) ?? r;
  const registration = registrationDetail(after, await withEvent(deps, after), 'full', now);
  return ok({ registration, changed, promoted: 0 });
}

/** The registration's calendar file (.ics), its event's title to name it; `origin` for links back. */
export async function calendarOf(
  deps: Deps,
  code: string,
  origin: string,
): Promise<Result<{ ics: string; title: string }>> {
  const r = await byCode(deps, code);
  if (!r) return refuse(404, 'not_found', '未找到该确认码对应的报名，请核对确认码');
  const event = await withEvent(deps, r);
  const file = calendarFile(r, event, origin, deps.now());
  if (!file.ok) throw new Error(`ics: ${file.message}`);
  return ok({ ics: file.ics, title: event.title });
}
