/** The built Worker adds the header's script to a page only for a visitor with the signed-in cookie. */
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

const origin = 'https://cqo.example.gov.cn';

describe('pages from the Worker', () => {
  it('carry no script for anonymous visitors and the header’s script for signed-in ones, even after a 304', async () => {
    const anonymous = await SELF.fetch(`${origin}/policy/`);
    const plain = await anonymous.text();
    expect(plain).not.toContain('<script');
    expect(anonymous.headers.get('vary')).toMatch(/Cookie/i);
    const src = /data-signed-in-script="(\/_astro\/[^"]+\.js)"/.exec(plain)?.[1];
    expect(src).toBeTruthy();

    // The browser still holds the anonymous copy and asks whether it changed: a signed-in visitor gets the page anew.
    const etag = anonymous.headers.get('etag');
    const signed = await SELF.fetch(`${origin}/policy/`, {
      headers: { Cookie: 'cqo_signed_in=1', ...(etag ? { 'If-None-Match': etag } : {}) },
    });
    expect(signed.status).toBe(200);
    expect(await signed.text()).toContain(`<script type="module" src="${src}"></script></head>`);
    expect(signed.headers.get('cache-control')).toBe('private, no-cache');

    const script = await SELF.fetch(`${origin}${src}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    await script.arrayBuffer();
  });
});
