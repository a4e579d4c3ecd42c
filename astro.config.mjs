// @ts-check
import cloudflare from '@astrojs/cloudflare';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';

/** The public address; used for the sitemap, feeds and canonical links. Override with SITE_URL. */
const site = process.env.SITE_URL ?? 'https://cqo.example.gov.cn';

export default defineConfig({
  site,
  // Server output so the Worker bundle is built; every page opts into prerendering (they are all static).
  output: 'server',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  adapter: cloudflare({ imageService: 'compile' }),
  session: false,
  // Personal workspaces, one-record shells and filtered lists are not for search engines.
  integrations: [
    sitemap({
      filter: (page) =>
        !/\/(404|account|admin|review|verify|filing\/(edit|view|print)|forums\/(register|registration)|cases\/f)\b/.test(
          new URL(page).pathname,
        ),
    }),
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
