import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { workerTestKeys } from './tests/support/workerd-keys.ts';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and build tests start servers and Chromium; two cores do not like many at once.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/workers/**', 'tests/bench/**', 'node_modules/**'],
        },
      },
      {
        // The built Worker (dist/server/entry.mjs) in workerd, against libSQL over HTTP and R2 (miniflare).
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './dist/server/wrangler.json' },
            miniflare: {
              bindings: {
                DATABASE_URL: inject('libsqlUrl'),
                ID_ENCRYPTION_KEY: workerTestKeys.encryptionKey,
                ID_HASH_KEY: workerTestKeys.hashKey,
                DEMO_DATA: 'on',
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['tests/workers/**/*.test.ts'],
          globalSetup: ['tests/support/workerd-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // tursodb has one shared connection: one test file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
