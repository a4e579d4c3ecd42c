/** Shapes of the notifications API's answers (zod): islands use the inferred types, OpenAPI documents them. */
import { z } from 'zod';
import { isoTime } from '../api-error.ts';
import { deliveryStateCodes } from './kinds.ts';

export const inboxItem = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().meta({ description: '站内相对路径，如 /filing/view/?id=…' }),
    createdAt: isoTime,
    readAt: isoTime.nullable(),
  })
  .meta({ id: 'Notification' });
export type InboxItem = z.infer<typeof inboxItem>;

export const inbox = z
  .object({
    items: z.array(inboxItem),
    unread: z.number().meta({ description: '未读消息数' }),
    total: z.number(),
  })
  .meta({ id: 'Inbox' });
export type Inbox = z.infer<typeof inbox>;

export const readResult = z.object({ updated: z.number(), unread: z.number() });

const channelState = z.object({
  configured: z.boolean().meta({ description: '平台是否配置了该渠道；未配置时不发送，也不能添加地址' }),
  address: z.string().nullable().meta({ description: '本人的地址（完整）' }),
  verified: z.boolean(),
});

export const preferencesAnswer = z
  .object({
    channels: z.object({ email: channelState, sms: channelState }),
    items: z.array(
      z.object({
        kind: z.string(),
        name: z.string(),
        inbox: z.literal(true).meta({ description: '站内消息总是开启' }),
        email: z.boolean(),
        sms: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'NotificationPreferences' });
export type PreferencesAnswer = z.infer<typeof preferencesAnswer>;

export const addressAnswer = z.object({
  channel: z.enum(['email', 'sms']),
  address: z.string(),
  verified: z.boolean(),
  codeSent: z.boolean(),
});

export const deliveryItem = z
  .object({
    id: z.string(),
    kind: z.string(),
    channel: z.enum(['email', 'sms']),
    address: z.string().meta({ description: '脱敏地址，如 z***@example.com、138****5678' }),
    state: z.enum(deliveryStateCodes),
    attempts: z.number(),
    nextAttemptAt: isoTime.nullable(),
    providerMessageId: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
    deliveredAt: isoTime.nullable(),
  })
  .meta({ id: 'Delivery' });
export type DeliveryItem = z.infer<typeof deliveryItem>;

const channelStatus = z.object({
  configured: z.boolean(),
  provider: z.string().nullable(),
  note: z.string().meta({ description: '给管理员看的中文说明，未配置时说明如何配置' }),
});

export const deliveryList = z
  .object({
    items: z.array(deliveryItem),
    total: z.number(),
    counts: z.object(
      Object.fromEntries(deliveryStateCodes.map((s) => [s, z.number()])) as Record<
        (typeof deliveryStateCodes)[number],
        z.ZodNumber
      >,
    ),
    channels: z.object({ inbox: channelStatus, email: channelStatus, sms: channelStatus }),
  })
  .meta({ id: 'DeliveryList' });
export type DeliveryList = z.infer<typeof deliveryList>;

export const eventMessageResult = z.object({
  recipients: z.number().meta({ description: '收到通知的企业账号数' }),
});
