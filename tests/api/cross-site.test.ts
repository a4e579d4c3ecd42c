/** What keeps another site's page from acting for a signed-in user, and the headers every answer carries. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSite } from '../../functions/hosts/node.ts';
import { Client, demoWorld, ORIGIN } from '../support/api.ts';
import { siteRoot } from '../support/server.ts';

/** The smallest well-formed PDF (attachments are recognised by their first bytes). */
const pdf = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});
afterAll(() => world.close());

describe('cross-site requests', () => {
  it('refuses an unsafe JSON request from another origin', async () => {
    const evil = new Client(world.app, { Origin: 'https://evil.example' });
    const r = await evil.post('/api/auth/login', { login: 'admin', password: 'Demo-2026-cqo' });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain('跨站请求');
  });

  it('refuses a request the browser marks cross-site, and one with no origin at all', async () => {
    const c = await world.as('admin');
    const marked = await c.send('POST', '/api/auth/logout', {}, { 'Sec-Fetch-Site': 'cross-site' });
    expect(marked.status).toBe(403);
    const bare = new Client(world.app, {});
    bare.cookie = c.cookie;
    expect((await bare.post('/api/auth/logout')).status).toBe(403);
    expect((await c.get('/api/auth/me')).status).toBe(200);
  });

  it('accepts a same-origin browser request', async () => {
    const c = new Client(world.app, { 'Sec-Fetch-Site': 'same-origin' });
    expect((await c.post('/api/auth/login', { login: 'admin', password: 'Demo-2026-cqo' })).status).toBe(200);
  });

  it('refuses a cross-site multipart upload, and keeps the attachment out', async () => {
    const owner = await world.as(world.logins.changchunAgency);
    const draft = (await owner.post('/api/filings', { kind: 'new' })).body;
    const form = () => {
      const f = new FormData();
      f.set('kind', 'degree');
      f.set('file', new File([pdf], 'degree.pdf', { type: 'application/pdf' }));
      return f;
    };
    const refusedHeaders: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { Origin: ORIGIN, 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      {},
    ];
    for (const headers of refusedHeaders) {
      const evil = new Client(world.app, headers);
      evil.cookie = owner.cookie;
      const r = await evil.send('POST', `/api/filings/${draft.id}/attachments`, form());
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('cross_site');
    }
    expect((await owner.get(`/api/filings/${draft.id}`)).body.attachments).toEqual([]);
    const same = await owner.send('POST', `/api/filings/${draft.id}/attachments`, form());
    expect(same.status).toBeLessThan(300);
  });

  it('refuses a cross-site JSON save, leaving the draft as it was', async () => {
    const owner = await world.as(world.logins.changchunAgency);
    const id = (await owner.get('/api/filings')).body.items[0].id;
    const evil = new Client(world.app, { Origin: 'https://evil.example' });
    evil.cookie = owner.cookie;
    const r = await evil.put(`/api/filings/${id}`, { form: { cqoName: '被篡改' } });
    expect(r.status).toBe(403);
    expect(JSON.stringify((await owner.get(`/api/filings/${id}`)).body)).not.toContain('被篡改');
  });
});

describe('security headers of the real Node host', () => {
  it('sends a CSP and the other headers on API answers and pages, over a real socket', async () => {
    const site = createNodeSite(world.deps, siteRoot);
    const server = serve({ fetch: site.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((done) => server.once('listening', () => done()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const path of ['/api/health', '/api/auth/me', '/no-such-page/']) {
        const res = await fetch(`${base}${path}`);
        await res.arrayBuffer();
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp, path).toContain("default-src 'self'");
        expect(csp, path).toContain("frame-ancestors 'none'");
        expect(
          csp.split(';').find((d) => d.trim().startsWith('script-src')),
          path,
        ).not.toContain('unsafe-inline');
        expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(res.headers.get('strict-transport-security'), path).toMatch(/max-age=\d+/);
        expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      }
      const api = await fetch(`${base}/api/auth/me`);
      expect(api.headers.get('cache-control')).toBe('no-store');
    } finally {
      await new Promise<void>((done) => {
        server.close(() => done());
        // fetch keeps connections alive; close them rather than wait for them to time out.
        (server as Server).closeAllConnections();
      });
    }
  });
});
