// @ts-check

import { copyFile } from 'node:fs/promises';
import cloudflare from '@astrojs/cloudflare';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';

// Pages are prerendered in workerd (miniflare), which would fetch a sample `Request.cf` object from
// workers.cloudflare.com first and print a network error when offline. No page reads `Request.cf`: skip the fetch
// (miniflare's own switch; set CLOUDFLARE_CF_FETCH_ENABLED=true to have it back).
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';

/** The public address; used for the sitemap, feeds and canonical links. Override with SITE_URL. */
const site = process.env.SITE_URL ?? 'https://cqo.example.gov.cn';

/**
 * Crawlers and people look for /sitemap.xml (robots.txt names it too): serve the sitemap index there as well.
 * Runs after the sitemap integration, which writes sitemap-index.xml in the same hook.
 * @returns {import('astro').AstroIntegration}
 */
function sitemapAlias() {
  return {
    name: 'sitemap-alias',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        await copyFile(new URL('sitemap-index.xml', dir), new URL('sitemap.xml', dir));
      },
    },
  };
}

export default defineConfig({
  site,
  // Server output so the Worker bundle is built; every page opts into prerendering (they are all static).
  output: 'server',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  adapter: cloudflare({ imageService: 'compile' }),
  session: false,
  integrations: [
    // The sitemap lists exactly the pages without `noindex` (tests/build checks the two agree): personal
    // workspaces, one-record shells, filtered lists and the search page are not for search engines.
    sitemap({
      filter: (page) =>
        !/\/(404|search|account|admin|review|verify|filing\/(edit|view|print)|forums\/(register|registration)|cases\/f)\b/.test(
          new URL(page).pathname,
        ),
    }),
    sitemapAlias(),
  ],
  vite: {
    build: { assetsInlineLimit: 0 },
    optimizeDeps: {
      include: [
        'hono',
        'drizzle-orm',
        'drizzle-orm/sqlite-core',
        'drizzle-orm/libsql/web',
        '@libsql/client/web',
      ],
    },
    server: {
      // In `astro dev` the API runs in the Node host (the libSQL file driver cannot load in workerd).
      proxy: { '/api': `http://127.0.0.1:${process.env.API_PORT ?? '4322'}` },
    },
  },
});
