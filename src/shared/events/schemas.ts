/**
 * Event registration (论坛与经验分享会报名), shared by the browser and the API: the request schemas, with the
 * same Chinese messages on both sides. Words and codes without zod are in event-labels.ts.
 */
import { z } from 'zod';
import { mobileField, personName, text } from '../fields.ts';
import { cityCodes, eventKindCodes } from '../labels.ts';
import { checkMobile } from '../phone.ts';
import { attendeeStatusCodes } from './labels.ts';

/** Most attendees one submission may name; the event's own cap per enterprise is usually lower. */
export const MAX_ATTENDEES_PER_SUBMISSION = 20;

export const attendeeInput = z
  .object({
    name: personName('姓名', 30),
    position: text('职务', 50),
    mobile: mobileField,
  })
  .strict();
export type AttendeeInput = z.input<typeof attendeeInput>;

/** POST /api/events/{slug}/registrations. */
export const registrationInput = z
  .object({
    /**
     * Made once per form (crypto.randomUUID()): sending the same key again returns the registration it made
     * the first time, so a double click or a retry never registers twice.
     */
    idempotencyKey: z
      .string({ error: '缺少表单标识，请刷新页面后重新填写' })
      .regex(/^[A-Za-z0-9_-]{16,64}$/, '表单标识格式不正确，请刷新页面后重新填写'),
    attendees: z
      .array(attendeeInput, { error: '请填写参会人员' })
      .min(1, '请至少填写一名参会人员')
      .max(MAX_ATTENDEES_PER_SUBMISSION, `一次最多报名 ${MAX_ATTENDEES_PER_SUBMISSION} 人`),
  })
  .strict()
  .superRefine(
    (value, ctx) => {
      // Runs even when other fields have problems, so the form shows every problem at once: the input may
      // then be unparsed, hence the checks on its shape.
      const seen = new Map<string, number>();
      const list: unknown[] = Array.isArray(value?.attendees) ? value.attendees : [];
      list.forEach((a, i) => {
        const raw = (a as { mobile?: unknown } | null)?.mobile;
        const mobile = typeof raw === 'string' ? checkMobile(raw) : null;
        if (!mobile?.ok) return;
        const first = seen.get(mobile.value);
        if (first === undefined) seen.set(mobile.value, i);
        else
          ctx.addIssue({
            code: 'custom',
            path: ['attendees', i, 'mobile'],
            message: `与第 ${first + 1} 位参会人员的手机号码相同；每位参会人员请填写本人手机号码`,
          });
      });
    },
    { when: () => true },
  );
export type RegistrationInput = z.input<typeof registrationInput>;

const attendeeIds = z
  .array(z.string().regex(/^[\w-]{1,64}$/, '参会人员标识不正确'), { error: '请选择参会人员' })
  .min(1, '请至少选择一名参会人员')
  .max(MAX_ATTENDEES_PER_SUBMISSION);

/** Attendees of one registration to cancel. */
export const attendeeSelection = z.object({ attendeeIds }).strict();

/** An ISO 8601 time with its offset, as the announcements write them: 2027-01-14T09:00:00+08:00. */
const time = (label: string) =>
  z.iso.datetime({
    offset: true,
    error: `${label}须写成带时区的时间，例如 2027-01-14T09:00:00+08:00`,
  });

export const eventKind = z.enum(eventKindCodes, { error: '请选择活动类型：旅游服务质量论坛或经验分享会' });
export const eventCity = z.enum(cityCodes, { error: '请选择举办地市州' });

const eventFields = z
  .object({
    title: text('活动名称', 100),
    kind: eventKind,
    city: eventCity,
    venue: text('活动地点', 100),
    organizer: text('主办单位', 100),
    startsAt: time('开始时间'),
    endsAt: time('结束时间'),
    capacity: z
      .number({ error: '席位数须为数字' })
      .int('席位数须为整数')
      .min(1, '席位数至少为 1')
      .max(10_000, '席位数不能超过 10000'),
    maxPerEnterprise: z
      .number({ error: '每家企业报名上限须为数字' })
      .int('每家企业报名上限须为整数')
      .min(1, '每家企业报名上限至少为 1')
      .max(MAX_ATTENDEES_PER_SUBMISSION, `每家企业报名上限不能超过 ${MAX_ATTENDEES_PER_SUBMISSION}`),
    registrationOpens: time('报名开始时间'),
    registrationCloses: time('报名截止时间'),
    /** Sample content (示例); left out: false for a new event, unchanged for an existing one. */
    sample: z.boolean({ error: '请说明是否为示例活动' }).optional(),
  })
  .strict();

type EventTimes = { startsAt: string; endsAt: string; registrationOpens: string; registrationCloses: string };

// The same order rules as the announcements' frontmatter (src/content.config.ts).
function checkTimes(e: EventTimes, ctx: z.RefinementCtx) {
  if (Date.parse(e.endsAt) <= Date.parse(e.startsAt))
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间须晚于开始时间' });
  if (Date.parse(e.registrationCloses) <= Date.parse(e.registrationOpens))
    ctx.addIssue({
      code: 'custom',
      path: ['registrationCloses'],
      message: '报名截止时间须晚于报名开始时间',
    });
  if (Date.parse(e.registrationCloses) > Date.parse(e.startsAt))
    ctx.addIssue({
      code: 'custom',
      path: ['registrationCloses'],
      message: '报名截止时间不能晚于活动开始时间',
    });
}

export const eventSlug = z
  .string({ error: '请填写活动标识' })
  .trim()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    '活动标识由小写字母、数字和连字符组成，与公告文件名相同，如 provincial-quality-forum-2027',
  )
  .max(80, '活动标识不能超过 80 个字符');

/** POST /api/events (admin): the slug names the announcement content/forums/<slug>.md. */
export const eventCreate = eventFields.extend({ slug: eventSlug }).superRefine(checkTimes);
/**
 * PUT /api/events/{slug} (admin): every rule may change; the slug may not. `updatedAt` is the event's
 * `updatedAt` as the form loaded it: when someone saved in between, the server refuses (409) instead of
 * silently overwriting their change.
 */
export const eventUpdate = eventFields
  .extend({
    updatedAt: z.iso.datetime({
      offset: true,
      error: '缺少活动的版本信息，请刷新页面后重新修改',
    }),
  })
  .superRefine(checkTimes);

/**
 * POST /api/registrations/{code}/check-in (admin): the event being checked in, so that a code of another
 * event is refused at the door instead of being checked in by mistake; `confirmOffDay` when the organizer has
 * been told that today is not a day of the event and checks in all the same.
 */
export const checkInInput = z
  .object({
    event: z
      .string({ error: '请先选择签到的活动' })
      .regex(/^[a-z0-9-]{1,80}$/, '活动标识不正确，请从活动列表进入签到页面'),
    attendeeIds,
    confirmOffDay: z
      .boolean({ error: 'confirmOffDay 须为 true 或 false' })
      .optional()
      .meta({ description: '不在活动当天签到时须为 true（组织者已确认），否则答 409 not_event_day' }),
  })
  .strict();
export type EventInput = z.input<typeof eventUpdate>;

export const attendeeStatus = z.enum(attendeeStatusCodes);
