/**
 * 腾讯云短信 (SendSms, API 2021-01-11): the second adapter of the same interface, signed with TC3-HMAC-SHA256
 * over WebCrypto. CanonicalRequest = POST \n / \n (empty query) \n content-type and host headers \n their names
 * \n hex(SHA-256(body)); StringToSign = TC3-HMAC-SHA256 \n timestamp \n date/sms/tc3_request \n
 * hex(SHA-256(CanonicalRequest)); the key is derived HMAC by HMAC from "TC3" + SecretKey over the UTC date,
 * "sms" and "tc3_request". Template variables are positional: our params in the order the template names them.
 */
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { NotificationKind } from '../../src/shared/notifications/kinds.ts';
import { hmac, providerPost } from './aliyun-sms.ts';
import type { SendOutcome, SmsMessage, SmsTransport } from './channels.ts';

export type TencentConfig = {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  templates: Partial<Record<NotificationKind, string>>;
  region?: string;
  endpoint?: string;
  fetch?: typeof fetch;
  now?: () => Date;
};

const encoder = new TextEncoder();
const sha256Hex = async (text: string) =>
  encodeHexLowerCase(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))));

/** The Authorization header of a TC3-HMAC-SHA256 request to `host` with `body` at `timestamp` (seconds). */
export async function tc3Authorization(
  c: { secretId: string; secretKey: string },
  host: string,
  body: string,
  timestamp: number,
) {
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const contentType = 'application/json; charset=utf-8';
  const canonical = `POST\n/\n\ncontent-type:${contentType}\nhost:${host}\n\ncontent-type;host\n${await sha256Hex(body)}`;
  const scope = `${date}/sms/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${await sha256Hex(canonical)}`;
  const secretDate = await hmac('SHA-256', encoder.encode(`TC3${c.secretKey}`), date);
  const secretService = await hmac('SHA-256', secretDate, 'sms');
  const secretSigning = await hmac('SHA-256', secretService, 'tc3_request');
  const signature = encodeHexLowerCase(new Uint8Array(await hmac('SHA-256', secretSigning, stringToSign)));
  return `TC3-HMAC-SHA256 Credential=${c.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

/** Our params in template order: a code alone, or the title then the link. */
const positional = (params: Record<string, string>) =>
  params.code !== undefined ? [params.code] : [params.title ?? '', params.link ?? ''];

const temporary = (code: string) =>
  /^(InternalError|RequestLimitExceeded|LimitExceeded|ResourceUnavailable|FailedOperation\.InsufficientBalance)/.test(
    code,
  );

export function tencentSms(config: TencentConfig): SmsTransport {
  const endpoint = config.endpoint ?? 'https://sms.tencentcloudapi.com/';
  const send = config.fetch ?? fetch;
  return {
    provider: 'tencent',
    describe: `腾讯云短信（签名“${config.signName}”，${Object.keys(config.templates).length} 个模板）`,
    hasTemplate: (kind) => Boolean(config.templates[kind]),
    async send(message: SmsMessage): Promise<SendOutcome> {
      const template = config.templates[message.kind];
      if (!template) return { ok: false, permanent: true, error: 'NO_TEMPLATE' };
      const body = JSON.stringify({
        PhoneNumberSet: [`+86${message.to}`],
        SmsSdkAppId: config.sdkAppId,
        SignName: config.signName,
        TemplateId: template,
        TemplateParamSet: positional(message.params),
        SessionContext: message.id,
      });
      const timestamp = Math.floor((config.now?.() ?? new Date()).getTime() / 1000);
      const host = new URL(endpoint).host;
      const res = await providerPost(send, endpoint, {
        headers: {
          Authorization: await tc3Authorization(config, host, body, timestamp),
          'Content-Type': 'application/json; charset=utf-8',
          'X-TC-Action': 'SendSms',
          'X-TC-Version': '2021-01-11',
          'X-TC-Timestamp': String(timestamp),
          'X-TC-Region': config.region ?? 'ap-guangzhou',
        },
        body,
      });
      if (!res) return { ok: false, permanent: false, error: 'NETWORK' };
      type Answer = {
        Response?: { Error?: { Code?: string }; SendStatusSet?: { Code?: string; SerialNo?: string }[] };
      };
      const answer = ((await res.json().catch(() => ({}))) as Answer).Response;
      const status = answer?.SendStatusSet?.[0];
      if (res.ok && status?.Code === 'Ok') return { ok: true, providerId: status.SerialNo ?? null };
      const raw = answer?.Error?.Code ?? status?.Code ?? `HTTP ${res.status}`;
      const code = /^[\w. ]{1,80}$/.test(raw) ? raw : 'UNKNOWN';
      return { ok: false, permanent: res.status < 500 && !temporary(code), error: code };
    },
  };
}
