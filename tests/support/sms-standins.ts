/**
 * Local HTTP stand-ins of 阿里云短信 (RPC, HMAC-SHA1) and 腾讯云短信 (TC3-HMAC-SHA256) that CHECK each request's
 * signature, computed here independently from the providers' documented algorithms (node:crypto, byte-wise
 * encoding), and answer as the providers document: `{ Code: 'OK', BizId }`, or the error code.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Sms = { phone: string; template: string; params: unknown; outId: string };

async function bodyOf(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The documented encoding: A–Z a–z 0–9 - _ . ~ as they are, every other UTF-8 byte as %XY (upper case). */
function aliyunEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function aliyunExpectedSignature(params: Record<string, string>, secret: string) {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunEncode(k)}=${aliyunEncode(params[k] ?? '')}`)
    .join('&');
  const stringToSign = `POST&${aliyunEncode('/')}&${aliyunEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

async function listen(server: ReturnType<typeof createServer>) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}/`;
}

export async function aliyunStandIn(
  keys: { id: string; secret: string },
  failFor: Record<string, string> = {},
) {
  const sent: Sms[] = [];
  const nonces = new Set<string>();
  const server = createServer(async (req, res) => {
    const params = Object.fromEntries(new URLSearchParams(await bodyOf(req)));
    const answer = (status: number, body: object) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ RequestId: 'standin', ...body }));
    };
    if (req.method !== 'POST') return answer(400, { Code: 'UnsupportedHTTPMethod' });
    if (params.AccessKeyId !== keys.id) return answer(404, { Code: 'InvalidAccessKeyId.NotFound' });
    const fresh = Math.abs(Date.now() - Date.parse(params.Timestamp ?? '')) < 15 * 60_000;
    const wellFormed =
      params.Action === 'SendSms' &&
      params.Version === '2017-05-25' &&
      params.SignatureMethod === 'HMAC-SHA1' &&
      params.SignatureVersion === '1.0' &&
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params.Timestamp ?? '') &&
      fresh;
    if (!wellFormed) return answer(400, { Code: 'MissingParameter' });
    if (!params.SignatureNonce || nonces.has(params.SignatureNonce))
      return answer(400, { Code: 'SignatureNonceUsed' });
    nonces.add(params.SignatureNonce);
    if (params.Signature !== aliyunExpectedSignature(params, keys.secret))
      return answer(400, { Code: 'SignatureDoesNotMatch' });
    if (!/^1[3-9]\d{9}$/.test(params.PhoneNumbers ?? ''))
      return answer(200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    const failure = failFor[params.PhoneNumbers ?? ''];
    if (failure) return answer(200, { Code: failure, Message: '触发流控' });
    sent.push({
      phone: params.PhoneNumbers ?? '',
      template: params.TemplateCode ?? '',
      params: JSON.parse(params.TemplateParam ?? '{}'),
      outId: params.OutId ?? '',
    });
    answer(200, { Code: 'OK', Message: 'OK', BizId: `biz-${sent.length}` });
  });
  return { endpoint: await listen(server), sent, close: () => server.close() };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac256 = (key: Buffer | string, text: string) =>
  createHmac('sha256', key).update(text, 'utf8').digest();

export async function tencentStandIn(keys: { id: string; secret: string }) {
  const sent: Sms[] = [];
  const server = createServer(async (req, res) => {
    const body = await bodyOf(req);
    const answer = (response: object) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ Response: { RequestId: 'standin', ...response } }));
    };
    const timestamp = Number(req.headers['x-tc-timestamp']);
    const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
    const contentType = String(req.headers['content-type']);
    const canonical = [
      'POST',
      '/',
      '',
      `content-type:${contentType}\nhost:${req.headers.host}\n`,
      'content-type;host',
      sha256(body),
    ].join('\n');
    const scope = `${date}/sms/tc3_request`;
    const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), scope, sha256(canonical)].join('\n');
    const signing = hmac256(hmac256(hmac256(`TC3${keys.secret}`, date), 'sms'), 'tc3_request');
    const expected = `TC3-HMAC-SHA256 Credential=${keys.id}/${scope}, SignedHeaders=content-type;host, Signature=${hmac256(signing, stringToSign).toString('hex')}`;
    if (req.headers['x-tc-action'] !== 'SendSms' || req.headers['x-tc-version'] !== '2021-01-11')
      return answer({ Error: { Code: 'InvalidAction' } });
    if (req.headers.authorization !== expected)
      return answer({ Error: { Code: 'AuthFailure.SignatureFailure', Message: '签名错误' } });
    const r = JSON.parse(body) as {
      PhoneNumberSet: string[];
      TemplateId: string;
      TemplateParamSet: string[];
      SessionContext: string;
    };
    sent.push({
      phone: r.PhoneNumberSet[0] ?? '',
      template: r.TemplateId,
      params: r.TemplateParamSet,
      outId: r.SessionContext,
    });
    answer({
      SendStatusSet: [{ Code: 'Ok', SerialNo: `serial-${sent.length}`, PhoneNumber: r.PhoneNumberSet[0] }],
    });
  });
  return { endpoint: await listen(server), sent, close: () => server.close() };
}
