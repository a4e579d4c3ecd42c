/**
 * The server side of `npm run bench:lookup`, in its own process so the load generator does not share its
 * event loop: the real Node host (createNodeSite over dist/client) over the load database. Builds the
 * registry's read model before listening and reports its build time and memory to the parent over IPC.
 * The public rate limit is raised for this process only: the bench is one loopback address sending
 * thousands of requests a second, which the default (600 a minute per address) would rightly refuse.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createNodeSite, nodeDeps, openDatabase } from '../../functions/hosts/node.ts';
import { registryOf } from '../../functions/registry/index.ts';

const [databaseUrl, dataDir, siteRoot] = process.argv.slice(2) as [string, string, string];
const gc = (globalThis as { gc?: () => void }).gc;

const { db } = await openDatabase({ databaseUrl });
const deps = {
  ...nodeDeps(db, dataDir, { ...process.env, ID_ENCRYPTION_KEY: '', ID_HASH_KEY: '' }),
  publicRateLimit: { requests: 1_000_000_000, windowMs: 60_000 },
};
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const registry = await registryOf(db);
const buildMs = performance.now() - started;
gc?.();
const indexHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

const site = createNodeSite(deps, siteRoot);
const server = serve({ fetch: site.fetch, port: 0, hostname: '127.0.0.1' });
server.once('listening', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ port, buildMs, indexHeapMb, entries: registry.size, gcExposed: Boolean(gc) });
});
process.on('message', (message) => {
  if (message === 'memory') {
    const m = process.memoryUsage();
    const mb = (n: number) => n / 2 ** 20;
    process.send?.({
      rssMb: mb(m.rss),
      heapMb: mb(m.heapUsed),
      heapTotalMb: mb(m.heapTotal),
      externalMb: mb(m.external),
    });
  }
});
process.on('disconnect', () => server.close(() => process.exit(0)));
