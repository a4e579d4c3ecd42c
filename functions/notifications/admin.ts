/**
 * What admins see and do: the delivery log (masked addresses, states, attempts, provider ids, error codes — no
 * personal data), counts per state, whether each channel is configured, a retry of a dead delivery, and an
 * organizer's message to an event's registrants.
 */
import { findEventBySlug } from '../../db/queries/events/events.ts';
import { countByState, listDeliveries, requeueDead } from '../../db/queries/notifications/deliveries.ts';
import { registrantsSource } from '../../db/queries/notifications/events.ts';
import { countBatch } from '../../db/queries/notifications/inbox.ts';
import { commitOutbox, newOutboxWrite, outboxStatements } from '../../db/queries/notifications/outbox.ts';
import type { DeliveryList } from '../../src/shared/notifications/answers.ts';
import { deliveryStateCodes, maskEmail } from '../../src/shared/notifications/kinds.ts';
import { maskPhone } from '../../src/shared/phone.ts';
import type { Deps } from '../deps.ts';
import { ok, type Result, refuse } from '../result.ts';
import { channelsFor } from './channels.ts';

/** Each channel as configured on this host, in words for the admin. */
export function channelStatus(deps: Deps): DeliveryList['channels'] {
  const setup = deps.notifications;
  return {
    inbox: { configured: true, provider: null, note: '站内消息始终开启，每个账号都能收到' },
    email: setup?.mail
      ? { configured: true, provider: setup.mail.describe, note: '已配置，已验证的邮箱会收到邮件' }
      : {
          configured: false,
          provider: null,
          note: '未配置，不发送邮件。Node 主机设置 SMTP_URL 和 MAIL_FROM；Cloudflare 上绑定 send_email（EMAIL）并设置 MAIL_FROM',
        },
    sms: setup?.sms
      ? { configured: true, provider: setup.sms.describe, note: '已配置，有模板的消息类型会发送短信' }
      : {
          configured: false,
          provider: null,
          note: setup?.smsProblem
            ? `未开通：${setup.smsProblem}`
            : '未配置，不发送短信。设置 SMS_PROVIDER（aliyun 或 tencent）、密钥、签名和各类消息的模板编号',
        },
  };
}

export async function deliveryLog(
  deps: Deps,
  query: { state?: string; channel?: string; page: number; pageSize: number },
): Promise<DeliveryList> {
  const [found, counts] = await Promise.all([listDeliveries(deps.db, query), countByState(deps.db)]);
  return {
    items: found.items.map(({ delivery: d, kind }) => ({
      id: d.id,
      kind,
      channel: d.channel,
      address: d.channel === 'email' ? maskEmail(d.address) : maskPhone(d.address),
      state: d.state,
      attempts: d.attempts,
      nextAttemptAt:
        d.state === 'delivered' || d.state === 'permanent-failure' ? null : d.nextAttemptAt.toISOString(),
      providerMessageId: d.providerMessageId,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
    total: found.total,
    counts: Object.fromEntries(deliveryStateCodes.map((s) => [s, counts[s] ?? 0])) as DeliveryList['counts'],
    channels: channelStatus(deps),
  };
}

export async function retryDelivery(
  deps: Deps,
  id: string,
): Promise<Result<{ id: string; state: 'queued' }>> {
  if (!(await requeueDead(deps.db, id, deps.now())))
    return refuse(
      409,
      'not_dead',
      '只能重试已停止重试的发送（发送失败）。该发送不存在，或正在发送、已送达、仍在自动重试',
    );
  deps.notifications?.wake?.();
  return ok({ id, state: 'queued' as const });
}

/** An organizer's message to the enterprises with attendees of the event in `states`; answers how many heard. */
export async function messageRegistrants(
  deps: Deps,
  slug: string,
  input: { states: ('confirmed' | 'waitlisted' | 'checked_in')[]; title: string; body: string },
): Promise<Result<{ recipients: number }>> {
  const event = await findEventBySlug(deps.db, slug);
  if (!event) return refuse(404, 'not_found', '未找到该活动');
  const write = newOutboxWrite(deps.now());
  const data = { event: event.title, slug, organizer: event.organizer, title: input.title, body: input.body };
  await commitOutbox(
    deps.db,
    outboxStatements(
      [
        {
          kind: 'event_message',
          channels: channelsFor(deps.notifications, 'event_message'),
          source: registrantsSource(event.id, input.states, data),
        },
      ],
      write,
    ),
  );
  deps.notifications?.wake?.();
  return ok({ recipients: await countBatch(deps.db, write.batch) });
}
