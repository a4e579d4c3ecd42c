/**
 * Channels from configuration, for both hosts (nothing here needs Node): the SMS adapter from SMS_* variables and
 * the Worker's `send_email` binding as a mail transport. The Node host's SMTP transport is in smtp.ts.
 */
import { type NotificationKind, notificationKinds } from '../../src/shared/notifications/kinds.ts';
import { aliyunSms } from './aliyun-sms.ts';
import type { MailTransport, SmsTransport } from './channels.ts';
import { tencentSms } from './tencent-sms.ts';

type Env = Record<string, unknown>;
const read = (env: Env, name: string) => {
  const v = env[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

/** SMS_TEMPLATE_<KIND> for every kind, e.g. SMS_TEMPLATE_FILING_RETURNED, SMS_TEMPLATE_ADDRESS_VERIFICATION. */
export function smsTemplates(env: Env): Partial<Record<NotificationKind, string>> {
  const kinds: NotificationKind[] = [...notificationKinds.map((k) => k.code), 'address_verification'];
  const out: Partial<Record<NotificationKind, string>> = {};
  for (const kind of kinds) {
    const code = read(env, `SMS_TEMPLATE_${kind.toUpperCase()}`);
    if (code) out[kind] = code;
  }
  return out;
}

/** The variables each provider needs, and its name for the admin. */
const providers = {
  aliyun: { name: '阿里云短信', needs: ['SMS_ACCESS_KEY_ID', 'SMS_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME'] },
  tencent: {
    name: '腾讯云短信',
    needs: ['SMS_ACCESS_KEY_ID', 'SMS_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME', 'SMS_SDK_APP_ID'],
  },
} as const;

/** The SMS transport SMS_PROVIDER asks for, or why there is none (SMS is then off). */
export function smsFromEnv(env: Env, fetchImpl?: typeof fetch): { sms?: SmsTransport; problem?: string } {
  const provider = read(env, 'SMS_PROVIDER');
  if (!provider) return {};
  if (provider !== 'aliyun' && provider !== 'tencent')
    return { problem: `SMS_PROVIDER=${provider.slice(0, 20)} 不受支持，请设为 aliyun 或 tencent` };
  const lacking = providers[provider].needs.filter((name) => !read(env, name));
  if (lacking.length) return { problem: `${providers[provider].name}缺少配置：${lacking.join('、')}` };
  const v = (name: string) => read(env, name) ?? '';
  const common = {
    signName: v('SMS_SIGN_NAME'),
    templates: smsTemplates(env),
    endpoint: read(env, 'SMS_ENDPOINT'),
    fetch: fetchImpl,
  };
  return provider === 'aliyun'
    ? {
        sms: aliyunSms({
          ...common,
          accessKeyId: v('SMS_ACCESS_KEY_ID'),
          accessKeySecret: v('SMS_ACCESS_KEY_SECRET'),
        }),
      }
    : {
        sms: tencentSms({
          ...common,
          secretId: v('SMS_ACCESS_KEY_ID'),
          secretKey: v('SMS_ACCESS_KEY_SECRET'),
          sdkAppId: v('SMS_SDK_APP_ID'),
          region: read(env, 'SMS_REGION'),
        }),
      };
}

/** What the Worker's `send_email` binding (Cloudflare Email Service) accepts, as far as we use it. */
export type SendEmailBinding = {
  send(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    headers?: Record<string, string>;
    attachments?: { disposition: 'attachment'; filename: string; type: string; content: string }[];
  }): Promise<{ messageId: string }>;
};

/**
 * The Worker's mail transport. The platform sets the Message-ID itself, so the delivery's id travels as
 * X-Notification-Id: a message sent again after a crash can still be recognised as the same one.
 */
export function bindingMail(binding: SendEmailBinding, from: string): MailTransport {
  return {
    describe: 'Cloudflare Email Service（send_email 绑定）',
    async send(message) {
      try {
        const result = await binding.send({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          headers: { 'X-Notification-Id': message.id },
          attachments: message.attachments?.map((a) => ({
            disposition: 'attachment',
            filename: a.filename,
            type: a.contentType,
            content: a.content,
          })),
        });
        return { ok: true, providerId: result.messageId ?? null };
      } catch (err) {
        // The binding's error codes (E_…) say what was wrong; its messages may quote the address.
        const code = (err as { code?: unknown })?.code;
        const safe = typeof code === 'string' && /^E_[A-Z_]{1,60}$/.test(code) ? code : 'EMAIL_ERROR';
        const permanent = /RECIPIENT|ADDRESS|SENDER|HEADER|INVALID/.test(safe);
        return { ok: false, permanent, error: safe };
      }
    },
  };
}
