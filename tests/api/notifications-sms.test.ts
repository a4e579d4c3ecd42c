/**
 * SMS notifications against local stand-ins of 阿里云短信 and 腾讯云短信 that check every request's signature,
 * computed independently in tests/support/sms-standins.ts from the documented algorithms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliyunSms } from '../../functions/notifications/aliyun-sms.ts';
import { smsFromEnv } from '../../functions/notifications/config.ts';
import { defaultPolicy, dispatchOnce, queueReminders } from '../../functions/notifications/dispatcher.ts';
import { tencentSms } from '../../functions/notifications/tencent-sms.ts';
import { usccCheckChar } from '../../src/shared/uscc.ts';
import { type Client, demoWorld } from '../support/api.ts';
import { aliyunStandIn, tencentStandIn } from '../support/sms-standins.ts';

const keys = { id: 'LTAI-test-key-id', secret: 'test-secret/with+odd=chars' };
let aliyun: Awaited<ReturnType<typeof aliyunStandIn>>;
let world: Awaited<ReturnType<typeof demoWorld>>;
const dispatch = () => dispatchOnce(world.deps, 'sms-test', defaultPolicy);

beforeAll(async () => {
  aliyun = await aliyunStandIn(keys, { '13600000000': 'isv.BUSINESS_LIMIT_CONTROL' });
  const { sms, problem } = smsFromEnv({
    SMS_PROVIDER: 'aliyun',
    SMS_ACCESS_KEY_ID: keys.id,
    SMS_ACCESS_KEY_SECRET: keys.secret,
    SMS_SIGN_NAME: '吉林文旅',
    SMS_ENDPOINT: aliyun.endpoint,
    SMS_TEMPLATE_ADDRESS_VERIFICATION: 'SMS_100001',
    SMS_TEMPLATE_FILING_RETURNED: 'SMS_100002',
    SMS_TEMPLATE_REGISTRATION_CONFIRMED: 'SMS_100003',
    SMS_TEMPLATE_EVENT_REMINDER: 'SMS_100004',
  });
  expect(problem).toBeUndefined();
  world = await demoWorld({ notifications: { sms, publicOrigin: 'https://cqo.example.test' } });
  // The demo seed registered attendees for events, but made-up mobiles of demo accounts are never texted.
  expect(await dispatch()).toBe(0);
});
afterAll(() => {
  world.close();
  aliyun.close();
});

describe('阿里云短信 adapter', () => {
  it('signs SendSms as documented: the stand-in accepts it and answers a BizId', async () => {
    const sms = aliyunSms({
      accessKeyId: keys.id,
      accessKeySecret: keys.secret,
      signName: '吉林文旅',
      templates: { filing_returned: 'SMS_1' },
      endpoint: aliyun.endpoint,
    });
    const out = await sms.send({
      id: 'd-1',
      to: '13800001111',
      kind: 'filing_returned',
      params: { title: '备案被退回 (请修改)*!', link: 'https://x.test/a?b=c d' },
    });
    expect(out).toMatchObject({ ok: true });
    expect(aliyun.sent.at(-1)).toMatchObject({ phone: '13800001111', template: 'SMS_1', outId: 'd-1' });
  });

  it('is refused with a wrong secret (permanent) and throttled numbers are temporary', async () => {
    const wrong = aliyunSms({
      accessKeyId: keys.id,
      accessKeySecret: 'other',
      signName: '吉林文旅',
      templates: { filing_returned: 'SMS_1' },
      endpoint: aliyun.endpoint,
    });
    expect(await wrong.send({ id: 'd-2', to: '13800001111', kind: 'filing_returned', params: {} })).toEqual({
      ok: false,
      permanent: true,
      error: 'SignatureDoesNotMatch',
    });
    const right = aliyunSms({
      accessKeyId: keys.id,
      accessKeySecret: keys.secret,
      signName: '吉林文旅',
      templates: { filing_returned: 'SMS_1' },
      endpoint: aliyun.endpoint,
    });
    expect(await right.send({ id: 'd-3', to: '13600000000', kind: 'filing_returned', params: {} })).toEqual({
      ok: false,
      permanent: false,
      error: 'isv.BUSINESS_LIMIT_CONTROL',
    });
    expect(
      await right.send({ id: 'd-4', to: '13800001111', kind: 'filing_rejected', params: {} }),
    ).toMatchObject({ ok: false, error: 'NO_TEMPLATE' });
  });
});

/** Adds a mobile for the signed-in client and verifies it with the code that arrives by SMS. */
async function verifyMobile(client: Client, mobile: string) {
  expect(
    (await client.post('/api/notifications/addresses', { channel: 'sms', address: mobile })).status,
  ).toBe(201);
  expect(await dispatch()).toBe(1);
  const code = (aliyun.sent.at(-1)?.params as { code?: string } | undefined)?.code;
  expect((await client.post('/api/notifications/addresses/verify', { channel: 'sms', code })).status).toBe(
    200,
  );
}

describe('SMS notifications through the outbox', () => {
  it('verifies a mobile by SMS code, then texts the enterprise when its filing is returned', async () => {
    const hotel = await world.as(world.logins.changchunHotel);
    expect(
      (await hotel.post('/api/notifications/addresses', { channel: 'sms', address: '139 0000 1111' })).status,
    ).toBe(201);
    expect(await dispatch()).toBe(1);
    const codeSms = aliyun.sent.at(-1);
    expect(codeSms).toMatchObject({ phone: '13900001111', template: 'SMS_100001' });
    const code = (codeSms?.params as { code?: string } | undefined)?.code;
    expect((await hotel.post('/api/notifications/addresses/verify', { channel: 'sms', code })).status).toBe(
      200,
    );

    const filingId = (await hotel.get('/api/filings')).body.items[0].id;
    const city = await world.as('cc-city');
    await city.post(`/api/filings/${filingId}/actions`, {
      action: 'city_return',
      reasons: { mobile: '请核对手机号' },
    });
    expect(await dispatch()).toBe(1);
    const returned = aliyun.sent.at(-1);
    expect(returned).toMatchObject({ phone: '13900001111', template: 'SMS_100002' });
    expect(returned?.params).toEqual({
      title: '首席质量官备案被退回修改',
      link: `https://cqo.example.test/filing/view/?id=${filingId}`,
    });
    const log = (await (await world.as('admin')).get('/api/admin/deliveries?channel=sms')).body;
    expect(log.items.map((d: { address: string }) => d.address)).toContain('139****1111');
    expect(JSON.stringify(log)).not.toContain('13900001111');
    expect(log.channels.sms).toMatchObject({ configured: true });
  });

  it('texts the registering enterprise and the attendee when a seat is confirmed; reminds them once a day before', async () => {
    const admin = await world.as('admin');
    const created = await admin.post('/api/events', {
      slug: 'sms-test-forum',
      title: '短信测试论坛',
      kind: 'forum',
      city: '220100',
      venue: '某会场',
      organizer: '测试单位',
      startsAt: '2026-12-27T02:00:00Z',
      endsAt: '2026-12-27T04:00:00Z',
      capacity: 10,
      maxPerEnterprise: 5,
      registrationOpens: '2026-11-25T00:00:00Z',
      registrationCloses: '2026-12-20T00:00:00Z',
    });
    expect(created.status, created.text).toBe(201);
    // A real (not demo) enterprise: its attendees' mobiles are texted.
    const hotel = world.client();
    const first17 = '91220100MA0XY1234'.slice(0, 17);
    const signedUp = await hotel.post('/api/auth/register', {
      uscc: first17 + usccCheckChar(first17),
      name: '短信测试饭店',
      type: 'star_hotel',
      grade: '四星',
      city: '220100',
      contactName: '王芳',
      contactPhone: '0431-88886666',
      password: 'sms-test-password-2026',
    });
    expect(signedUp.status, signedUp.text).toBe(201);
    await verifyMobile(hotel, '13900002222');
    const before = aliyun.sent.length;
    const registered = await hotel.post('/api/events/sms-test-forum/registrations', {
      idempotencyKey: 'sms-test-registration-1',
      attendees: [{ name: '李娜', position: '质量经理', mobile: '13700002222' }],
    });
    expect(registered.status, registered.text).toBe(201);
    expect(await dispatch()).toBe(2);
    const phones = aliyun.sent
      .slice(before)
      .map((s) => `${s.phone}:${s.template}`)
      .sort();
    expect(phones).toEqual(['13700002222:SMS_100003', '13900002222:SMS_100003']);
    const confirmed = (await hotel.get('/api/notifications')).body.items.find(
      (n: { title: string }) => n.title === '报名成功：短信测试论坛',
    );
    expect(confirmed).toMatchObject({ kind: 'registration_confirmed', link: '/account/registrations/' });
    expect(confirmed.body).toContain('1 人已确认参加');
    expect(confirmed.body).not.toMatch(/1[3-9]\d{9}/);

    world.advanceClock(31 * 24 * 3600_000 - 3600_000); // 2026-12-27 01:00Z: the forum starts in an hour
    await queueReminders(world.deps);
    await queueReminders(world.deps);
    const later = world.client(); // a month on: a new session
    await later.login(signedUp.body.me.login, 'sms-test-password-2026');
    const reminders = (await later.get('/api/notifications')).body.items.filter(
      (n: { kind: string }) => n.kind === 'event_reminder',
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0].title).toBe('活动提醒：短信测试论坛');
    const sentBefore = aliyun.sent.length;
    await dispatch();
    expect(aliyun.sent.slice(sentBefore).map((s) => s.template)).toEqual(['SMS_100004', 'SMS_100004']);
  });
});

describe('腾讯云短信 adapter (TC3-HMAC-SHA256)', () => {
  it('signs SendSms as documented; a wrong key is refused for good', async () => {
    const tencent = await tencentStandIn(keys);
    try {
      const config = {
        secretId: keys.id,
        secretKey: keys.secret,
        sdkAppId: '1400000000',
        signName: '吉林文旅',
        templates: { filing_returned: '100002' },
        endpoint: tencent.endpoint,
      };
      const out = await tencentSms(config).send({
        id: 'd-9',
        to: '13800001111',
        kind: 'filing_returned',
        params: { title: '备案被退回', link: 'https://x.test/' },
      });
      expect(out).toEqual({ ok: true, providerId: 'serial-1' });
      expect(tencent.sent[0]).toEqual({
        phone: '+8613800001111',
        template: '100002',
        params: ['备案被退回', 'https://x.test/'],
        outId: 'd-9',
      });
      const wrong = await tencentSms({ ...config, secretKey: 'other' }).send({
        id: 'd-10',
        to: '13800001111',
        kind: 'filing_returned',
        params: {},
      });
      expect(wrong).toEqual({ ok: false, permanent: true, error: 'AuthFailure.SignatureFailure' });
    } finally {
      tencent.close();
    }
  });

  it('says what is missing instead of pretending to send', () => {
    expect(smsFromEnv({ SMS_PROVIDER: 'tencent', SMS_ACCESS_KEY_ID: 'x' })).toEqual({
      problem: '腾讯云短信缺少配置：SMS_ACCESS_KEY_SECRET、SMS_SIGN_NAME、SMS_SDK_APP_ID',
    });
    expect(smsFromEnv({})).toEqual({});
  });
});
