/**
 * The signed-in header's script reaches a page only for a visitor carrying the signed-in cookie: the API sets
 * that cookie (readable by scripts, no secret in it) with the session and clears it with the session, and the
 * hosts add the script to a page requested with it. Anonymous visitors get the built page as it is: no script.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSite } from '../../functions/hosts/node.ts';
import { pageRequest, signedInPage } from '../../functions/http/signed-in-pages.ts';
import { demoWorld } from '../support/api.ts';
import { tempDatabase, testDeps } from '../support/server.ts';

const page =
  '<!doctype html><html lang="zh-CN"><head><title>政策原文</title></head><body>' +
  '<header class="site-header" data-signed-in-script="/_astro/header-AbC12_x.js"><a href="/account/login/">登录</a></header>' +
  '</body></html>';

let database: Awaited<ReturnType<typeof tempDatabase>>;
let root: string;
let site: ReturnType<typeof createNodeSite>;

beforeAll(async () => {
  database = await tempDatabase();
  root = mkdtempSync(join(tmpdir(), 'cqo-signed-in-'));
  writeFileSync(join(root, 'index.html'), page);
  site = createNodeSite(testDeps(database), root);
});
afterAll(() => {
  database.cleanup();
  rmSync(root, { recursive: true, force: true });
});

describe('pages and the signed-in cookie', () => {
  it('serve anonymous visitors the page without a script, and signed-in ones with the header’s script', async () => {
    const anonymous = await site.request('/');
    expect(await anonymous.text()).not.toContain('<script');
    expect(anonymous.headers.get('vary')).toMatch(/Cookie/i);

    const signed = await site.request('/', { headers: { Cookie: 'cqo_signed_in=1' } });
    const html = await signed.text();
    expect(html).toContain('<script type="module" src="/_astro/header-AbC12_x.js"></script></head>');
    expect(signed.headers.get('vary')).toMatch(/Cookie/i);
    expect(signed.headers.get('cache-control')).toBe('private, no-cache');
    expect(signed.headers.get('etag')).toBeNull();
  });

  it('ask the Worker’s assets for the whole page (no 304 of the anonymous copy) only for a signed-in visitor', () => {
    const conditional = { 'If-None-Match': '"abc"', 'If-Modified-Since': 'Mon, 07 Dec 2026 00:00:00 GMT' };
    const anonymous = pageRequest(new Request('https://cqo.example/policy/', { headers: conditional }));
    expect(anonymous.headers.get('if-none-match')).toBe('"abc"');
    const signed = pageRequest(
      new Request('https://cqo.example/policy/', {
        headers: { ...conditional, Cookie: 'x=1; cqo_signed_in=1' },
      }),
    );
    expect(signed.headers.get('if-none-match')).toBeNull();
    expect(signed.headers.get('if-modified-since')).toBeNull();
  });

  it('leave everything but HTML alone', async () => {
    const css = new Response('a{}', { headers: { 'Content-Type': 'text/css' } });
    const request = new Request('https://cqo.example/a.css', { headers: { Cookie: 'cqo_signed_in=1' } });
    expect(await signedInPage(request, css)).toBe(css);
  });
});

describe('the signed-in cookie', () => {
  it('is set, readable by scripts, with the session at login and cleared at logout', async () => {
    const world = await demoWorld();
    try {
      const client = world.client();
      const login = await client.post('/api/auth/login', { login: 'cc-city', password: 'Demo-2026-cqo' });
      expect(login.status).toBe(200);
      const cookies = login.headers.getSetCookie();
      const hint = cookies.find((c) => c.startsWith('cqo_signed_in=1'));
      expect(hint).toBeDefined();
      expect(hint).not.toMatch(/HttpOnly/i);
      expect(hint).toMatch(/Path=\//);
      expect(cookies.find((c) => c.startsWith('cqo_session='))).toMatch(/HttpOnly/i);

      const logout = await client.post('/api/auth/logout');
      expect(logout.status).toBe(204);
      expect(logout.headers.getSetCookie().find((c) => c.startsWith('cqo_signed_in='))).toMatch(/Max-Age=0/);
    } finally {
      world.database.cleanup();
    }
  });
});
