/**
 * The outside channels as the app sees them: a mail transport and an SMS transport, built by the host (SMTP with
 * nodemailer on Node, the `send_email` binding on the Worker; 阿里云 or 腾讯云 SMS on both) and handed in through
 * deps. An absent transport is a channel that is off: nothing is queued for it and the admin view says so.
 */
import type { NotificationKind } from '../../src/shared/notifications/kinds.ts';

/** How one send ended. `permanent` failures are not retried (a rejected address, a refused template). */
export type SendOutcome =
  | { ok: true; providerId: string | null }
  | { ok: false; permanent: boolean; error: string };

export type MailMessage = {
  /** The delivery's id: the Message-ID (or its idempotency header), the same on every retry. */
  id: string;
  to: string;
  subject: string;
  text: string;
  attachments?: { filename: string; contentType: string; content: string }[];
};

export type MailTransport = {
  /** Shown to admins, e.g. "SMTP mail.example.gov.cn:465". Never a password. */
  describe: string;
  send(message: MailMessage): Promise<SendOutcome>;
  close?(): void;
};

export type SmsMessage = {
  id: string;
  /** An 11-digit mainland mobile. */
  to: string;
  kind: NotificationKind;
  /** Template variables: short texts without personal data. */
  params: Record<string, string>;
};

export type SmsTransport = {
  /** `aliyun` or `tencent`. */
  provider: string;
  describe: string;
  /** Kinds with an approved template; a kind without one sends no SMS. */
  hasTemplate(kind: NotificationKind): boolean;
  send(message: SmsMessage): Promise<SendOutcome>;
};

/** What a host hands the app for notifications. */
export type NotificationSetup = {
  mail?: MailTransport;
  sms?: SmsTransport;
  /** Why SMS is off though asked for (e.g. SMS_PROVIDER=tencent without its keys), for the admin view. */
  smsProblem?: string;
  /** Links in e-mail and SMS are made absolute with this origin (in the inbox they stay relative). */
  publicOrigin?: string;
  /** Called after a write that queued deliveries, to send them soon (the Node loop; a Worker's waitUntil). */
  wake?: () => void;
};

/** The channels a notification of `kind` may use here: the inbox, and each outside channel configured for it. */
export function channelsFor(setup: NotificationSetup | undefined, kind: NotificationKind): string[] {
  const channels = ['inbox'];
  if (setup?.mail) channels.push('email');
  if (setup?.sms?.hasTemplate(kind)) channels.push('sms');
  return channels;
}

/** Outside channels the dispatcher can send through. */
export function sendableChannels(setup: NotificationSetup | undefined): string[] {
  return [...(setup?.mail ? ['email'] : []), ...(setup?.sms ? ['sms'] : [])];
}
