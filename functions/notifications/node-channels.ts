/**
 * The Node host's channels from its environment: SMTP (SMTP_URL, MAIL_FROM) and SMS (SMS_*). Node only: it
 * brings in nodemailer, which the Worker never imports.
 */
import type { NotificationSetup } from './channels.ts';
import { smsFromEnv } from './config.ts';
import type { DispatchPolicy } from './dispatcher.ts';
import { defaultPolicy } from './dispatcher.ts';
import { smtpTransport } from './smtp.ts';

type Env = Record<string, string | undefined>;

/** The public origin links in e-mail and SMS point to: PUBLIC_ORIGIN, else SITE_URL, else this machine. */
export function publicOriginOf(env: Env): string {
  return (env.PUBLIC_ORIGIN ?? env.SITE_URL ?? `http://localhost:${env.PORT ?? 4321}`).replace(/\/+$/, '');
}

export function nodeNotifications(env: Env): NotificationSetup {
  const publicOrigin = publicOriginOf(env);
  const { sms, problem } = smsFromEnv(env);
  const smtpUrl = env.SMTP_URL?.trim();
  const from = env.MAIL_FROM?.trim();
  if (smtpUrl && !from)
    console.error('[notifications] 已设置 SMTP_URL 但缺少 MAIL_FROM（发件人），邮件通知未开启。');
  if (problem) console.error(`[notifications] 短信未开启：${problem}`);
  return {
    mail:
      smtpUrl && from
        ? smtpTransport({ url: smtpUrl, from, messageIdHost: new URL(publicOrigin).hostname })
        : undefined,
    sms,
    smsProblem: problem,
    publicOrigin,
  };
}

/** The dispatcher's lease from DISPATCH_LEASE_SECONDS (how long a send may take before another process retries). */
export function dispatchPolicyOf(env: Env): DispatchPolicy {
  const lease = Number(env.DISPATCH_LEASE_SECONDS);
  return Number.isFinite(lease) && lease >= 1 ? { ...defaultPolicy, leaseMs: lease * 1000 } : defaultPolicy;
}
