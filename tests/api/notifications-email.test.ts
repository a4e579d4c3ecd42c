/**
 * E-mail notifications end to end against a real SMTP server in the test process: an address is verified with a
 * code sent through the outbox, a filing returned by the city reaches the enterprise exactly once with its link,
 * an SMTP 4xx is retried with growing pauses and a 5xx is dead-lettered until an admin retries it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy, dispatchOnce, queueReminders } from '../../functions/notifications/dispatcher.ts';
import { smtpTransport } from '../../functions/notifications/smtp.ts';
import { type Client, demoWorld } from '../support/api.ts';
import { startSmtp } from '../support/smtp.ts';

const ORIGIN = 'https://cqo.example.test';
const policy = { ...defaultPolicy, baseMs: 1000, capMs: 4000, maxAttempts: 3 };
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let world: Awaited<ReturnType<typeof demoWorld>>;
let acceptDead = false;

beforeAll(async () => {
  smtp = await startSmtp({
    // The first message to each address is its verification code; later ones are refused as the test needs.
    refuse: (to, attempt) => {
      if (to.startsWith('busy@') && attempt > 1 && attempt < 4) return 451;
      if (to.startsWith('never@') && attempt > 1) return 451;
      if (to.startsWith('dead@') && attempt > 1 && !acceptDead) return 550;
      return undefined;
    },
  });
  world = await demoWorld({
    notifications: {
      mail: smtpTransport({
        url: smtp.url,
        from: '吉林省旅游行业首席质量官平台 <noreply@cqo.example.test>',
        messageIdHost: 'cqo.example.test',
      }),
      publicOrigin: ORIGIN,
    },
  });
});
afterAll(async () => {
  world.deps.notifications?.mail?.close?.();
  world.close();
  await smtp.close();
});

const dispatch = () => dispatchOnce(world.deps, 'test-dispatcher', policy);

/** Adds and verifies an e-mail address for the signed-in client with the code that arrives by e-mail. */
async function verifyEmail(client: Client, address: string) {
  const added = await client.post('/api/notifications/addresses', { channel: 'email', address });
  expect(added.status, added.text).toBe(201);
  expect(await dispatch()).toBe(1);
  const mail = smtp.to(address).at(-1);
  const code = /验证码 (\d{6})/.exec(mail?.text ?? '')?.[1];
  expect(code).toBeDefined();
  const verified = await client.post('/api/notifications/addresses/verify', { channel: 'email', code });
  expect(verified.status, verified.text).toBe(200);
}

async function adminDeliveries(query = '') {
  const admin = await world.as('admin');
  const r = await admin.get(`/api/admin/deliveries${query}`);
  expect(r.status).toBe(200);
  return { admin, body: r.body };
}

describe('e-mail notifications through a real SMTP server', () => {
  it('sends nothing but the code to an address until it is verified', async () => {
    const hotel = await world.as(world.logins.changchunHotel);
    const added = await hotel.post('/api/notifications/addresses', {
      channel: 'email',
      address: 'hotel@example.test',
    });
    expect(added.status).toBe(201);
    const wrong = await hotel.post('/api/notifications/addresses/verify', {
      channel: 'email',
      code: '000000',
    });
    expect([422, 200]).toContain(wrong.status);
    expect(await dispatch()).toBe(1);
    const [codeMail] = smtp.to('hotel@example.test');
    expect(codeMail?.subject).toContain('验证码');
    // The code's notification is not the account's news: its inbox does not show it.
    const inbox = (await hotel.get('/api/notifications')).body;
    expect(inbox.items.some((n: { kind: string }) => n.kind === 'address_verification')).toBe(false);
    const code = /验证码 (\d{6})/.exec(codeMail?.text ?? '')?.[1];
    expect((await hotel.post('/api/notifications/addresses/verify', { channel: 'email', code })).status).toBe(
      200,
    );
    const prefs = (await hotel.get('/api/notifications/preferences')).body;
    expect(prefs.channels.email).toEqual({ configured: true, address: 'hotel@example.test', verified: true });
    expect(prefs.channels.sms.configured).toBe(false);
  });

  it('e-mails the enterprise exactly once, with the link, when the city returns its filing', async () => {
    const hotel = await world.as(world.logins.changchunHotel);
    const filingId = (await hotel.get('/api/filings')).body.items[0].id as string;
    const before = smtp.to('hotel@example.test').length;
    const city = await world.as('cc-city');
    const returned = await city.post(`/api/filings/${filingId}/actions`, {
      action: 'city_return',
      reasons: { address: '请写明门牌号' },
    });
    expect(returned.status, returned.text).toBe(200);
    expect(await dispatch()).toBe(1);
    expect(await dispatch()).toBe(0);
    const mails = smtp.to('hotel@example.test').slice(before);
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail?.subject).toBe('【吉林省旅游行业首席质量官平台】首席质量官备案被退回修改');
    expect(mail?.text).toContain(`${ORIGIN}/filing/view/?id=${filingId}`);
    expect(mail?.text).toContain('请按意见修改后重新提交');
    expect(mail?.text).not.toMatch(/1[3-9]\d{9}|\d{17}[\dXx]/);
    // The same notification in the inbox, with a relative link, unread until marked read.
    const inbox = (await hotel.get('/api/notifications')).body;
    const item = inbox.items.find((n: { kind: string }) => n.kind === 'filing_returned');
    expect(item).toMatchObject({ link: `/filing/view/?id=${filingId}`, readAt: null });
    expect(inbox.unread).toBeGreaterThan(0);
    const read = await hotel.post('/api/notifications/read', { ids: [item.id] });
    expect(read.body.updated).toBe(1);
    // The Message-ID is the delivery's id: the admin log shows it as the provider's message id.
    const { body } = await adminDeliveries('?state=delivered');
    const logged = body.items.find((d: { kind: string }) => d.kind === 'filing_returned');
    expect(logged.providerMessageId).toBe(mail?.messageId);
    expect(mail?.messageId).toBe(`<${logged.id}@cqo.example.test>`);
    expect(logged.address).toBe('h***@example.test');
  });

  it('retries an SMTP 4xx with a growing pause, then delivers', async () => {
    const staff = await world.as('city-220300');
    await verifyEmail(staff, 'busy@example.test');
    const { admin } = await adminDeliveries();
    const staffId = (await admin.get('/api/accounts')).body.items.find(
      (a: { login: string }) => a.login === 'city-220300',
    ).id;
    expect(
      (await admin.post(`/api/accounts/${staffId}/password`, { password: 'Reset-password-2026' })).status,
    ).toBe(200);
    const start = world.deps.now().getTime();
    expect(await dispatch()).toBe(1);
    let log = (await adminDeliveries('?state=temporary-failure')).body;
    expect(log.items[0]).toMatchObject({
      attempts: 1,
      lastError: 'SMTP 451 EENVELOPE',
      kind: 'password_reset',
    });
    expect(Date.parse(log.items[0].nextAttemptAt) - start).toBe(1000);
    expect(await dispatch()).toBe(0); // not due yet
    world.advanceClock(1000);
    expect(await dispatch()).toBe(1);
    log = (await adminDeliveries('?state=temporary-failure')).body;
    expect(log.items[0].attempts).toBe(2);
    expect(Date.parse(log.items[0].nextAttemptAt) - world.deps.now().getTime()).toBe(2000);
    world.advanceClock(2000);
    expect(await dispatch()).toBe(1);
    const reset = smtp.to('busy@example.test').filter((m) => m.subject.includes('密码'));
    expect(reset).toHaveLength(1);
    expect(reset[0]?.text).toContain(`${ORIGIN}/account/password/`);
  });

  it('gives up after the last attempt of a lasting 4xx', async () => {
    const staff = await world.as('city-220400');
    await verifyEmail(staff, 'never@example.test');
    const { admin } = await adminDeliveries();
    const id = (await admin.get('/api/accounts')).body.items.find(
      (a: { login: string }) => a.login === 'city-220400',
    ).id;
    await admin.post(`/api/accounts/${id}/password`, { password: 'Reset-password-2026' });
    for (const wait of [0, 1000, 2000]) {
      world.advanceClock(wait);
      expect(await dispatch()).toBe(1);
    }
    const dead = (await adminDeliveries('?state=permanent-failure')).body.items.find(
      (d: { address: string }) => d.address === 'n***@example.test',
    );
    expect(dead).toMatchObject({
      attempts: 3,
      lastError: 'SMTP 451 EENVELOPE（已尝试 3 次）',
      nextAttemptAt: null,
    });
  });

  it('dead-letters an SMTP 5xx at once; an admin retry sends it again', async () => {
    const staff = await world.as('city-220500');
    await verifyEmail(staff, 'dead@example.test');
    const { admin } = await adminDeliveries();
    const id = (await admin.get('/api/accounts')).body.items.find(
      (a: { login: string }) => a.login === 'city-220500',
    ).id;
    await admin.post(`/api/accounts/${id}/password`, { password: 'Reset-password-2026' });
    expect(await dispatch()).toBe(1);
    const log = (await adminDeliveries('?state=permanent-failure')).body;
    const dead = log.items.find((d: { address: string }) => d.address === 'd***@example.test');
    expect(dead).toMatchObject({ attempts: 1, lastError: 'SMTP 550 EENVELOPE', state: 'permanent-failure' });
    expect(Object.keys(log.counts).sort()).toEqual(
      ['delivered', 'permanent-failure', 'queued', 'sending', 'temporary-failure'].sort(),
    );
    expect(log.counts['permanent-failure']).toBeGreaterThanOrEqual(1);
    expect(log.channels.email.configured).toBe(true);
    expect(log.channels.sms).toMatchObject({ configured: false });
    // Nothing in the log is personal: no full address anywhere in the answer.
    expect(JSON.stringify(log)).not.toContain('dead@example.test');
    acceptDead = true;
    expect((await admin.post(`/api/admin/deliveries/${dead.id}/retry`)).status).toBe(200);
    expect((await admin.post(`/api/admin/deliveries/${dead.id}/retry`)).status).toBe(409);
    expect(await dispatch()).toBe(1);
    expect(smtp.to('dead@example.test').filter((m) => m.subject.includes('密码'))).toHaveLength(1);
    const after = (await adminDeliveries('?state=delivered')).body.items.find(
      (d: { id: string }) => d.id === dead.id,
    );
    expect(after).toMatchObject({ state: 'delivered', attempts: 1, lastError: null });
  });

  it('reminds the enterprise by e-mail within 24 hours of the event, with the calendar file attached', async () => {
    const admin = await world.as('admin');
    const at = (h: number) => new Date(world.deps.now().getTime() + h * 3600_000).toISOString();
    const created = await admin.post('/api/events', {
      slug: 'reminder-test-forum',
      title: '提醒测试论坛',
      kind: 'forum',
      city: '220100',
      venue: '某会场',
      organizer: '测试单位',
      startsAt: at(12),
      endsAt: at(14),
      capacity: 10,
      maxPerEnterprise: 5,
      registrationOpens: at(-1),
      registrationCloses: at(6),
    });
    expect(created.status, created.text).toBe(201);
    const hotel = await world.as(world.logins.changchunHotel);
    const registered = await hotel.post('/api/events/reminder-test-forum/registrations', {
      idempotencyKey: 'reminder-test-registration',
      attendees: [{ name: '李娜', position: '质量经理', mobile: '13700003333' }],
    });
    expect(registered.status, registered.text).toBe(201);
    await queueReminders(world.deps);
    while ((await dispatch()) > 0);
    const reminder = smtp.to('hotel@example.test').find((m) => m.subject.includes('活动提醒：提醒测试论坛'));
    expect(reminder?.text).toContain(`${ORIGIN}/account/registrations/`);
    expect(reminder?.text).not.toContain('13700003333');
    const ics = reminder?.attachments.find((a) => a.filename === 'event.ics');
    expect(ics?.contentType).toBe('text/calendar');
    expect(ics?.content).toContain('BEGIN:VEVENT');
    expect(ics?.content).toContain('TRIGGER:-PT24H');
  });

  it('turns an e-mail off per kind of message; the inbox stays on', async () => {
    const hotel = await world.as(world.logins.changchunHotel);
    const off = await hotel.put('/api/notifications/preferences', {
      items: [{ kind: 'filing_returned', channel: 'email', enabled: false }],
    });
    expect(off.status).toBe(200);
    expect(off.body.items.find((i: { kind: string }) => i.kind === 'filing_returned')).toMatchObject({
      inbox: true,
      email: false,
    });
    const inbox = await hotel.put('/api/notifications/preferences', {
      items: [{ kind: 'filing_returned', channel: 'inbox', enabled: false }],
    });
    expect(inbox.status).toBe(400);
    const staffKind = await hotel.put('/api/notifications/preferences', {
      items: [{ kind: 'filing_submitted', channel: 'email', enabled: false }],
    });
    expect(staffKind.status).toBe(422);
  });
});
