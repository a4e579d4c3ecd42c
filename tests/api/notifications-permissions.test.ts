/**
 * Who may call which notifications endpoint (the matrix written out), that an account never sees or touches
 * another's notifications, and that the demo's real workflow told the right people (and nobody else).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, demoWorld } from '../support/api.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
type Actor =
  | 'anonymous'
  | 'enterprise'
  | 'otherEnterprise'
  | 'cc-city'
  | 'jl-city'
  | 'province'
  | 'samr'
  | 'admin';
let actors: Record<Actor, Client>;
const ids: Partial<Record<Actor, string>> = {};

beforeAll(async () => {
  world = await demoWorld();
  actors = {
    anonymous: world.client(),
    enterprise: await world.as(world.logins.changchunHotel),
    otherEnterprise: await world.as(world.logins.jilinScenic),
    'cc-city': await world.as('cc-city'),
    'jl-city': await world.as('jl-city'),
    province: await world.as('province'),
    samr: await world.as('samr'),
    admin: await world.as('admin'),
  };
  for (const [name, client] of Object.entries(actors) as [Actor, Client][])
    if (name !== 'anonymous') ids[name] = (await client.get('/api/auth/me')).body.me.id;
});
afterAll(() => world.close());

const signedIn = {
  anonymous: 401,
  enterprise: 200,
  otherEnterprise: 200,
  'cc-city': 200,
  'jl-city': 200,
  province: 200,
  samr: 200,
  admin: 200,
};
const adminOnly = (ok: number) => ({
  anonymous: 401,
  enterprise: 403,
  otherEnterprise: 403,
  'cc-city': 403,
  'jl-city': 403,
  province: 403,
  samr: 403,
  admin: ok,
});

/** E-mail is not configured in this world: adding or verifying an address is refused (409), never faked. */
const channelOff = Object.fromEntries(
  Object.entries(signedIn).map(([actor, status]) => [actor, status === 200 ? 409 : status]),
) as Record<Actor, number>;

/** Every endpoint × every actor: the status each one gets. */
const matrix: [string, string, unknown, Record<Actor, number>][] = [
  ['GET', '/api/notifications', undefined, signedIn],
  ['GET', '/api/notifications?unread=true', undefined, signedIn],
  ['POST', '/api/notifications/read', { all: true }, signedIn],
  ['GET', '/api/notifications/preferences', undefined, signedIn],
  ['PUT', '/api/notifications/preferences', { items: [] }, signedIn],
  ['POST', '/api/notifications/addresses', { channel: 'email', address: 'x@example.test' }, channelOff],
  ['POST', '/api/notifications/addresses/verify', { channel: 'email', code: '123456' }, channelOff],
  ['GET', '/api/admin/deliveries', undefined, adminOnly(200)],
  ['POST', '/api/admin/deliveries/no-such-delivery/retry', {}, adminOnly(409)],
  [
    'POST',
    '/api/events/provincial-quality-forum-2027/messages',
    { states: ['confirmed'], title: '会场变更', body: '会场改到二楼报告厅' },
    adminOnly(201),
  ],
];

describe('who may call the notifications endpoints', () => {
  for (const [method, path, body, expected] of matrix) {
    for (const actor of Object.keys(expected) as Actor[]) {
      it(`${method} ${path} answers ${expected[actor]} to ${actor}`, async () => {
        const r = await actors[actor].send(method, path, body);
        expect(r.status, r.text).toBe(expected[actor]);
      });
    }
  }

  it('refuses a cross-site write (no Origin, no Sec-Fetch-Site) with 403', async () => {
    const crossSite = await world.as(world.logins.changchunHotel);
    const r = await crossSite.send(
      'POST',
      '/api/notifications/read',
      { all: true },
      { Origin: 'https://evil.example' },
    );
    expect(r.status).toBe(403);
  });
});

describe('an account never sees another account’s notifications', () => {
  it('lists only the signed-in account’s own notifications', async () => {
    for (const actor of Object.keys(ids) as Actor[]) {
      const items = (await actors[actor].get('/api/notifications?pageSize=100')).body.items as {
        id: string;
      }[];
      for (const item of items) {
        const row = await world.database.client.execute({
          sql: 'select account_id from notifications where id = ?',
          args: [item.id],
        });
        expect(row.rows[0]?.account_id, `${actor} sees ${item.id}`).toBe(ids[actor]);
      }
    }
  });

  it('cannot mark another enterprise’s notifications read', async () => {
    const theirs = (await actors.enterprise.get('/api/notifications?unread=true')).body;
    expect(theirs.items.length).toBeGreaterThan(0);
    const r = await actors.otherEnterprise.post('/api/notifications/read', {
      ids: theirs.items.map((n: { id: string }) => n.id),
    });
    expect(r.body.updated).toBe(0);
    expect((await actors.enterprise.get('/api/notifications')).body.unread).toBe(theirs.unread);
  });
});

describe('the demo workflow told the right people', () => {
  const kindsOf = async (actor: Actor) =>
    (await actors[actor].get('/api/notifications?pageSize=100')).body.items as {
      kind: string;
      title: string;
      link: string;
    }[];

  it('a submitted 长春 filing reaches 长春’s reviewers, not 吉林’s', async () => {
    const cc = (await kindsOf('cc-city')).filter((n) => n.kind === 'filing_submitted');
    const jl = (await kindsOf('jl-city')).filter((n) => n.kind === 'filing_submitted');
    expect(cc.length).toBeGreaterThan(0);
    expect(jl.length).toBeGreaterThan(0);
    const ccTitles = cc.map((n) => n.title);
    for (const n of jl) expect(ccTitles).not.toContain(n.title);
    expect(cc[0]?.link).toMatch(/^\/review\/filing\/\?id=/);
  });

  it('city approval reaches the province, province approval market regulation, recognition the enterprise', async () => {
    expect((await kindsOf('province')).some((n) => n.kind === 'filing_city_approved')).toBe(true);
    expect((await kindsOf('samr')).some((n) => n.kind === 'filing_province_approved')).toBe(true);
    const recognized = (await kindsOf('otherEnterprise')).find((n) => n.kind === 'filing_recognized');
    expect(recognized?.link).toMatch(/^\/verify\/JL-CQO-\d{4}-\d{4}\/$/);
    expect(recognized?.title).toMatch(/备案编号 JL-CQO-\d{4}-\d{4}/);
    // Reviewers are not told of enterprises' news, and enterprises not of the review queues.
    expect((await kindsOf('cc-city')).some((n) => n.kind.startsWith('registration_'))).toBe(false);
    expect((await kindsOf('enterprise')).some((n) => n.kind === 'filing_submitted')).toBe(false);
  });

  it('shows e-mail and SMS as not configured, with nothing queued for them', async () => {
    const log = (await actors.admin.get('/api/admin/deliveries')).body;
    expect(log.items).toEqual([]);
    expect(log.counts).toEqual({
      queued: 0,
      sending: 0,
      delivered: 0,
      'temporary-failure': 0,
      'permanent-failure': 0,
    });
    expect(log.channels.inbox.configured).toBe(true);
    expect(log.channels.email).toMatchObject({ configured: false, provider: null });
    expect(log.channels.sms).toMatchObject({ configured: false, provider: null });
    expect(log.channels.email.note).toContain('SMTP_URL');
  });

  it('a cancelled seat tells the enterprise that cancelled and the one promoted from the waitlist', async () => {
    const enterprises = Object.values(world.logins);
    const clients = await Promise.all(enterprises.map((login) => world.as(login)));
    type Registration = {
      code: string;
      event: { slug: string };
      attendees: { id: string; status: string }[];
    };
    const mine = async (c: Client) =>
      ((await c.get('/api/registrations')).body.items as Registration[]).filter((r) =>
        r.event.slug.startsWith('demo-'),
      );
    const kinds = async (c: Client, kind: string) =>
      ((await c.get('/api/notifications?pageSize=100')).body.items as { kind: string }[]).filter(
        (n) => n.kind === kind,
      ).length;
    const promotedBefore = await Promise.all(clients.map((c) => kinds(c, 'registration_promoted')));
    let cancelled = -1;
    for (const [i, c] of clients.entries()) {
      const seat = (await mine(c)).find((r) => r.attendees.some((a) => a.status === 'confirmed'));
      const attendee = seat?.attendees.find((a) => a.status === 'confirmed');
      if (!seat || !attendee) continue;
      const r = await c.post(`/api/registrations/${seat.code}/cancel`, { attendeeIds: [attendee.id] });
      expect(r.status, r.text).toBe(200);
      expect(r.body.promoted).toBe(1);
      cancelled = i;
      break;
    }
    expect(cancelled).toBeGreaterThanOrEqual(0);
    expect(await kinds(clients[cancelled] as Client, 'registration_cancelled')).toBe(1);
    const promotedAfter = await Promise.all(clients.map((c) => kinds(c, 'registration_promoted')));
    expect(promotedAfter.reduce((a, b) => a + b, 0) - promotedBefore.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('an organizer’s message reaches only enterprises with attendees in the chosen states', async () => {
    const r = await actors.admin.post('/api/events/provincial-quality-forum-2027/messages', {
      states: ['waitlisted'],
      title: '候补说明',
      body: '如有疑问请致电 13812345678 咨询',
    });
    expect(r.status).toBe(201);
    const messages = (await kindsOf('enterprise')).filter((n) => n.kind === 'event_message');
    for (const m of messages) expect(JSON.stringify(m)).not.toContain('13812345678');
  });
});
