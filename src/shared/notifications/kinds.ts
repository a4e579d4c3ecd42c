/**
 * The kinds of notification, the channels and the delivery states, with the words the UI uses for them. Shared
 * by the browser (preferences, inbox, delivery log) and the server (triggers, rendering, fan-out).
 */

export const notificationKinds = [
  { code: 'filing_submitted', name: '备案待初审', audience: 'staff' },
  { code: 'filing_city_approved', name: '备案待复审', audience: 'staff' },
  { code: 'filing_province_approved', name: '备案待培训与认定', audience: 'staff' },
  { code: 'filing_returned', name: '备案被退回修改', audience: 'enterprise' },
  { code: 'filing_rejected', name: '备案不予通过', audience: 'enterprise' },
  { code: 'filing_awaiting_training', name: '备案通过复审，待培训', audience: 'enterprise' },
  { code: 'filing_training_recorded', name: '培训情况已记录', audience: 'enterprise' },
  { code: 'filing_recognized', name: '首席质量官已认定', audience: 'enterprise' },
  { code: 'filing_deregistered', name: '首席质量官已注销', audience: 'enterprise' },
  { code: 'filing_consent_withdrawn', name: '已撤回公开姓名的同意', audience: 'enterprise' },
  { code: 'password_reset', name: '密码被管理员重置', audience: 'all' },
  { code: 'registration_confirmed', name: '活动报名成功', audience: 'enterprise' },
  { code: 'registration_waitlisted', name: '活动报名进入候补', audience: 'enterprise' },
  { code: 'registration_promoted', name: '候补人员获得席位', audience: 'enterprise' },
  { code: 'registration_cancelled', name: '活动报名已取消', audience: 'enterprise' },
  { code: 'event_reminder', name: '活动开始前一天提醒', audience: 'enterprise' },
  { code: 'event_message', name: '主办单位的活动通知', audience: 'enterprise' },
] as const;

export type NotificationKind = (typeof notificationKinds)[number]['code'] | 'address_verification';
export const notificationKindCodes = notificationKinds.map((k) => k.code) as [
  Exclude<NotificationKind, 'address_verification'>,
  ...Exclude<NotificationKind, 'address_verification'>[],
];

export function notificationKindName(code: string): string {
  if (code === 'address_verification') return '验证码';
  return notificationKinds.find((k) => k.code === code)?.name ?? code;
}

/** Channels outside the site; the inbox (站内消息) is always on and is not one of them. */
export const outsideChannels = [
  { code: 'email', name: '电子邮件' },
  { code: 'sms', name: '短信' },
] as const;
export type OutsideChannel = (typeof outsideChannels)[number]['code'];
export const outsideChannelCodes = ['email', 'sms'] as const;

export function channelName(code: string): string {
  return code === 'inbox' ? '站内消息' : (outsideChannels.find((c) => c.code === code)?.name ?? code);
}

/** Delivery states after GOV.UK Notify. */
export const deliveryStateList = [
  { code: 'queued', name: '排队中' },
  { code: 'sending', name: '发送中' },
  { code: 'delivered', name: '已送达' },
  { code: 'temporary-failure', name: '暂时失败，将重试' },
  { code: 'permanent-failure', name: '发送失败（已停止重试）' },
] as const;
export type DeliveryState = (typeof deliveryStateList)[number]['code'];
export const deliveryStateCodes = deliveryStateList.map((s) => s.code) as [DeliveryState, ...DeliveryState[]];

/** Which kinds an account of `role` may receive, for its preferences page. */
export function kindsForRole(role: string) {
  return notificationKinds.filter(
    (k) =>
      k.audience === 'all' || (role === 'enterprise' ? k.audience === 'enterprise' : k.audience === 'staff'),
  );
}

/** `z***@example.com`: enough for the owner to recognise, nothing for anyone else. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}
