/**
 * The same-origin check trusts only the origins the host configured, never the Host header a client chose
 * (DNS rebinding: a page at evil.example sends Host and Origin both evil.example).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app.ts';
import type { Deps } from '../../functions/deps.ts';
import { localOrigins, originWarning } from '../../functions/hosts/local-origins.ts';
import { demoWorld } from '../support/api.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
let cookie: string;

beforeAll(async () => {
  world = await demoWorld();
  cookie = (await world.as(world.logins.changchunAgency)).cookie ?? '';
});
afterAll(() => world.close());

/** POST /api/filings (a new draft) to `url` with `headers`, on an app built with `deps`. */
async function newDraft(deps: Partial<Deps>, url: string, headers: Record<string, string>) {
  const app = createApp({ ...world.deps, origin: undefined, localOrigins: undefined, ...deps });
  const res = await app.request(`${url}/api/filings`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers },
    body: JSON.stringify({ kind: 'change' }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

const evil = { Origin: 'http://evil.example' };

describe('with PUBLIC_ORIGIN set', () => {
  const deps = { origin: 'https://cqo.example.gov.cn' };

  it('refuses Host: evil.example with Origin: http://evil.example', async () => {
    const r = await newDraft(deps, 'http://evil.example', evil);
    expect(r.status).toBe(403);
    expect(r.body.error?.code).toBe('cross_site');
  });

  it('refuses a contradicting Origin even when Sec-Fetch-Site says same-origin', async () => {
    const r = await newDraft(deps, 'http://evil.example', { ...evil, 'Sec-Fetch-Site': 'same-origin' });
    expect(r.status).toBe(403);
  });

  it('refuses the request’s own origin when it is not the public one', async () => {
    expect((await newDraft(deps, 'http://10.0.0.5:4321', { Origin: 'http://10.0.0.5:4321' })).status).toBe(
      403,
    );
  });

  it('accepts the public origin, whatever Host the proxy passed on', async () => {
    const r = await newDraft(deps, 'http://127.0.0.1:4321', { Origin: 'https://cqo.example.gov.cn' });
    expect(r.status).not.toBe(403);
  });

  it('accepts a same-origin browser request that sends no Origin', async () => {
    const r = await newDraft(deps, 'http://evil.example', { 'Sec-Fetch-Site': 'same-origin' });
    expect(r.status).not.toBe(403);
  });

  it('accepts PUBLIC_ORIGIN written with a trailing slash', async () => {
    const r = await newDraft({ origin: 'https://cqo.example.gov.cn/' }, 'http://127.0.0.1:4321', {
      Origin: 'https://cqo.example.gov.cn',
    });
    expect(r.status).not.toBe(403);
  });
});

describe('on the Node host without PUBLIC_ORIGIN', () => {
  const deps = { localOrigins: localOrigins('127.0.0.1', 4321) };

  it('accepts the addresses npm start prints', async () => {
    for (const origin of ['http://localhost:4321', 'http://127.0.0.1:4321'])
      expect((await newDraft(deps, origin, { Origin: origin })).status, origin).not.toBe(403);
  });

  it('refuses any other Host and Origin, however they agree', async () => {
    expect((await newDraft(deps, 'http://evil.example', evil)).status).toBe(403);
    expect(
      (await newDraft(deps, 'http://evil.example:4321', { Origin: 'http://evil.example:4321' })).status,
    ).toBe(403);
    expect((await newDraft(deps, 'http://localhost:8080', { Origin: 'http://localhost:8080' })).status).toBe(
      403,
    );
  });

  it('keeps both the public origin and its own addresses when PUBLIC_ORIGIN is set', async () => {
    const both = { ...deps, origin: 'https://cqo.example.gov.cn' };
    expect((await newDraft(both, 'http://x', { Origin: 'https://cqo.example.gov.cn' })).status).not.toBe(403);
    expect((await newDraft(both, 'http://x', { Origin: 'http://localhost:4321' })).status).not.toBe(403);
    expect((await newDraft(both, 'http://evil.example', evil)).status).toBe(403);
  });
});

describe('on a Worker without PUBLIC_ORIGIN', () => {
  it('takes the request’s own origin (Cloudflare routes only the Worker’s hostnames to it)', async () => {
    const ours = 'https://cqo.example.workers.dev';
    expect((await newDraft({}, ours, { Origin: ours })).status).not.toBe(403);
    expect((await newDraft({}, ours, evil)).status).toBe(403);
  });
});

describe("the Node host's own origins", () => {
  it('are localhost and 127.0.0.1 on its port, and the address it listens on', () => {
    expect(localOrigins('127.0.0.1', 4321)).toEqual(['http://localhost:4321', 'http://127.0.0.1:4321']);
    expect(localOrigins('::1', 8080)).toContain('http://[::1]:8080');
    expect(localOrigins('0.0.0.0', 80)).toContain('http://127.0.0.1:80');
  });

  it('come with a warning when a trusted proxy is used without PUBLIC_ORIGIN', () => {
    expect(originWarning({ TRUST_PROXY: '1' })).toContain('PUBLIC_ORIGIN');
    expect(originWarning({ TRUST_PROXY: '1', PUBLIC_ORIGIN: 'https://cqo.example.gov.cn' })).toBeUndefined();
    expect(originWarning({})).toBeUndefined();
  });
});
