import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionPolicy } from '../../functions/accounts/sessions.ts';
import { Client, demoWorld } from '../support/api.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});
afterAll(() => world.close());

describe('sessions', () => {
  const HOUR = 60 * 60_000;
  const MINUTE = 60_000;

  it('keeps the timeouts of the issue: enterprises 2 h idle / 12 h absolute, reviewers 30 min / 8 h', () => {
    expect(sessionPolicy.enterprise).toEqual({ idle: 2 * HOUR, absolute: 12 * HOUR });
    expect(sessionPolicy.reviewer).toEqual({ idle: 30 * MINUTE, absolute: 8 * HOUR });
  });

  it('ends a reviewer session after 30 idle minutes but keeps an active one alive', async () => {
    const c = await world.as('jl-city');
    world.advanceClock(20 * MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    world.advanceClock(29 * MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    world.advanceClock(31 * MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('ends an enterprise session after 2 idle hours, not before', async () => {
    const c = await world.as(world.logins.jilinScenic);
    world.advanceClock(2 * HOUR - MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    world.advanceClock(2 * HOUR + MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('ends an enterprise session at 12 hours, however active', async () => {
    const c = await world.as(world.logins.changchunAgency);
    for (let t = 0; t < 12 * HOUR; t += HOUR) {
      world.advanceClock(HOUR);
      expect((await c.get('/api/auth/me')).status).toBe(200);
    }
    world.advanceClock(MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('ends a reviewer session at 8 hours, however active', async () => {
    const c = await world.as('city-220500');
    for (let t = 0; t < 8 * HOUR; t += 20 * MINUTE) {
      world.advanceClock(20 * MINUTE);
      expect((await c.get('/api/auth/me')).status).toBe(200);
    }
    world.advanceClock(MINUTE);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('gives reviewers the shorter timeouts: an idle hour or 9 active hours end theirs, not an enterprise’s', async () => {
    const reviewer = await world.as('city-220600');
    const enterprise = await world.as(world.logins.jilinHotel);
    world.advanceClock(HOUR);
    expect((await reviewer.get('/api/auth/me')).status).toBe(401);
    expect((await enterprise.get('/api/auth/me')).status).toBe(200);

    const activeReviewer = await world.as('city-220600');
    const activeEnterprise = await world.as(world.logins.jilinHotel);
    for (let t = 0; t < 9 * HOUR; t += 20 * MINUTE) {
      world.advanceClock(20 * MINUTE);
      await activeReviewer.get('/api/auth/me');
      await activeEnterprise.get('/api/auth/me');
    }
    expect((await activeReviewer.get('/api/auth/me')).status).toBe(401);
    expect((await activeEnterprise.get('/api/auth/me')).status).toBe(200);
  });

  it('logs out: the old cookie no longer works', async () => {
    const c = await world.as('samr');
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const replay = new Client(world.app);
    replay.cookie = cookie;
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('ends every other session when the password changes', async () => {
    const a = await world.as('city-220400');
    const b = await world.as('city-220400');
    const changed = await a.post('/api/auth/password', {
      currentPassword: 'Demo-2026-cqo',
      newPassword: 'another-long-password',
    });
    expect(changed.status).toBe(200);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    expect(
      (await world.client().post('/api/auth/login', { login: 'city-220400', password: 'Demo-2026-cqo' }))
        .status,
    ).toBe(401);
  });
});
