/**
 * 阿里云短信 (Dysmsapi 2017-05-25, Action=SendSms) over its signed HTTP RPC API, with WebCrypto so it runs on
 * both hosts. The signature is the documented RPC one: the request's parameters sorted by name, each name and
 * value percent-encoded (RFC 3986: only A–Z a–z 0–9 - _ . ~ left as they are, a space as %20), joined with & into
 * the canonicalized query; StringToSign = METHOD & percentEncode("/") & percentEncode(canonicalized query);
 * Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
 */
import { encodeBase64 } from '@oslojs/encoding';
import type { NotificationKind } from '../../src/shared/notifications/kinds.ts';
import type { SendOutcome, SmsMessage, SmsTransport } from './channels.ts';

export type AliyunConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Approved template code per kind (SMS_TEMPLATE_<KIND>). */
  templates: Partial<Record<NotificationKind, string>>;
  endpoint?: string;
  fetch?: typeof fetch;
  now?: () => Date;
};

/** Percent-encoding of the RPC signature: encodeURIComponent also leaves ! ' ( ) * alone, which it must not. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? '')}`)
    .join('&');
}

const encoder = new TextEncoder();

async function hmac(hash: 'SHA-1' | 'SHA-256', key: BufferSource, data: string): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign']);
  return crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(data));
}

export { hmac };

/** POSTs to an SMS provider with a 30-second limit; undefined when it could not be reached (a temporary failure). */
export async function providerPost(
  send: typeof fetch,
  url: string,
  init: { headers: Record<string, string>; body: string },
): Promise<Response | undefined> {
  try {
    return await send(url, { method: 'POST', ...init, signal: AbortSignal.timeout(30_000) });
  } catch {
    return undefined;
  }
}

/** The RPC signature of `params` sent with `method`. */
export async function rpcSignature(method: string, params: Record<string, string>, secret: string) {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
  return encodeBase64(new Uint8Array(await hmac('SHA-1', encoder.encode(`${secret}&`), stringToSign)));
}

/** Throttling, the provider's own trouble and an empty balance pass; a refused number or template does not. */
function aliyunTemporary(code: string): boolean {
  return (
    code.startsWith('isp.') ||
    /Throttling|LIMIT_CONTROL|ServiceUnavailable|InternalError|AMOUNT_NOT_ENOUGH/.test(code)
  );
}

const safeCode = (code: unknown) =>
  typeof code === 'string' && /^[\w.:-]{1,80}$/.test(code) ? code : 'UNKNOWN';

export function aliyunSms(config: AliyunConfig): SmsTransport {
  const endpoint = config.endpoint ?? 'https://dysmsapi.aliyuncs.com/';
  const send = config.fetch ?? fetch;
  return {
    provider: 'aliyun',
    describe: `阿里云短信（签名“${config.signName}”，${Object.keys(config.templates).length} 个模板）`,
    hasTemplate: (kind) => Boolean(config.templates[kind]),
    async send(message: SmsMessage): Promise<SendOutcome> {
      const template = config.templates[message.kind];
      if (!template) return { ok: false, permanent: true, error: 'NO_TEMPLATE' };
      const params: Record<string, string> = {
        AccessKeyId: config.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        OutId: message.id,
        PhoneNumbers: message.to,
        RegionId: 'cn-hangzhou',
        SignName: config.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: crypto.randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: template,
        TemplateParam: JSON.stringify(message.params),
        Timestamp: (config.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        Version: '2017-05-25',
      };
      const signature = await rpcSignature('POST', params, config.accessKeySecret);
      // Parameters in the body, not the URL: the mobile stays out of access logs on the way.
      const res = await providerPost(send, endpoint, {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `Signature=${percentEncode(signature)}&${canonicalQuery(params)}`,
      });
      if (!res) return { ok: false, permanent: false, error: 'NETWORK' };
      const answer = (await res.json().catch(() => ({}))) as { Code?: unknown; BizId?: unknown };
      if (res.ok && answer.Code === 'OK')
        return { ok: true, providerId: typeof answer.BizId === 'string' ? answer.BizId : null };
      const code = answer.Code === undefined ? `HTTP ${res.status}` : safeCode(answer.Code);
      return { ok: false, permanent: res.status < 500 && !aliyunTemporary(code), error: code };
    },
  };
}
