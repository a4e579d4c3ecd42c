/** The first build works offline without alarming lines: it does not fetch Cloudflare's sample Request.cf. */
import { describe, expect, it } from 'vitest';

describe('the build configuration', () => {
  it('turns off miniflare’s fetch of workers.cloudflare.com/cf.json for the prerender worker', async () => {
    const before = process.env.CLOUDFLARE_CF_FETCH_ENABLED;
    delete process.env.CLOUDFLARE_CF_FETCH_ENABLED;
    try {
      await import('../../astro.config.mjs');
      expect(process.env.CLOUDFLARE_CF_FETCH_ENABLED).toBe('false');
    } finally {
      if (before === undefined) delete process.env.CLOUDFLARE_CF_FETCH_ENABLED;
      else process.env.CLOUDFLARE_CF_FETCH_ENABLED = before;
    }
  });
});
