/** What the browser sends to the notifications API: one schema per request, the same messages on both sides. */
import { z } from 'zod';
import { emailField, mobileField, text } from '../fields.ts';
import { deliveryStateCodes, notificationKindCodes } from './kinds.ts';

/** POST /api/notifications/read: some of one's notifications, or all of them. */
export const readInput = z.union(
  [
    z
      .object({
        ids: z
          .array(z.string().max(64), { error: '请选择要标记为已读的消息' })
          .min(1, '请至少选择一条消息')
          .max(200, '一次最多标记 200 条消息'),
      })
      .strict(),
    z.object({ all: z.literal(true, { error: '请选择要标记为已读的消息' }) }).strict(),
  ],
  { error: '请选择要标记为已读的消息（ids），或标记全部已读（all: true）' },
);

export const inboxQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** PUT /api/notifications/preferences: a channel on or off for a kind of message (the inbox is always on). */
export const preferencesInput = z
  .object({
    items: z
      .array(
        z
          .object({
            kind: z.enum(notificationKindCodes, { error: '消息类型不正确' }),
            channel: z.enum(['email', 'sms'], { error: '请选择电子邮件或短信（站内消息不能关闭）' }),
            enabled: z.boolean({ error: '请选择开启或关闭' }),
          })
          .strict(),
      )
      .max(100),
  })
  .strict();

/** POST /api/notifications/addresses: an e-mail address or a mobile to receive messages at (sends a code). */
export const addressInput = z.discriminatedUnion(
  'channel',
  [
    z.object({ channel: z.literal('email'), address: emailField }).strict(),
    z.object({ channel: z.literal('sms'), address: mobileField }).strict(),
  ],
  { error: '请选择电子邮箱（email）或手机（sms）' },
);

/** POST /api/notifications/addresses/verify. */
export const verifyInput = z
  .object({
    channel: z.enum(['email', 'sms'], { error: '请选择电子邮箱（email）或手机（sms）' }),
    code: z
      .string({ error: '请填写验证码' })
      .trim()
      .regex(/^\d{6}$/, '验证码为 6 位数字，请核对'),
  })
  .strict();

export const deliveriesQuery = z.object({
  state: z.enum(deliveryStateCodes, { error: '状态不正确' }).optional(),
  channel: z.enum(['email', 'sms']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** POST /api/events/{slug}/messages: an organizer's message to the registrants in some states. */
export const eventMessageInput = z
  .object({
    states: z
      .array(z.enum(['confirmed', 'waitlisted', 'checked_in'], { error: '报名状态不正确' }), {
        error: '请选择收信人（已确认、候补或已签到）',
      })
      .min(1, '请至少选择一类收信人')
      .max(3),
    title: text('标题', 40),
    body: text('内容', 500),
  })
  .strict();
