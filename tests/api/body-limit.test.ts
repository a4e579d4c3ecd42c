import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, demoWorld } from '../support/api.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});
afterAll(() => world.close());

const padding = (kb: number) => 'x'.repeat(kb * 1024);

async function draftOf(client: Client): Promise<string> {
  const r = await client.post('/api/filings', { kind: 'new' });
  expect(r.status).toBe(201);
  return r.body.id;
}

describe('request size limits', () => {
  it('refuses a 100 KB login request with 413 and a Chinese message before reading it', async () => {
    const r = await world.client().post('/api/auth/login', { login: 'admin', password: padding(100) });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('too_large');
    expect(r.body.error.message).toContain('64 KB');
  });

  it('lets a small request through the same route', async () => {
    const r = await world.client().post('/api/auth/login', { login: 'admin', password: 'wrong-password' });
    expect(r.status).toBe(401);
  });

  it('allows a 100 KB draft save but refuses one over 256 KB', async () => {
    const agency = await world.as(world.logins.changchunAgency);
    const id = await draftOf(agency);
    // Refused by validation (400) for its content, not by size.
    const ok = await agency.put(`/api/filings/${id}`, { form: { note: padding(100) } });
    expect(ok.status).toBe(400);
    const big = await agency.put(`/api/filings/${id}`, { form: { note: padding(300) } });
    expect(big.status).toBe(413);
    expect(big.body.error.message).toContain('256 KB');
  });
});
