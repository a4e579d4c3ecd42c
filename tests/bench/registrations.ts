/**
 * `npm run bench:registrations [-- --total 2000 --concurrency 50 --threads 4]`: registrations per second
 * through the real app (session check, validation, the one write transaction per registration) on a libSQL
 * file database, for an event of 50 seats. A bounded run: a fixed number of registrations, each naming one
 * attendee. With --threads N, N worker threads each open their own connections to the same file, so the
 * writers really contend for SQLite's write lock (BEGIN IMMEDIATE + busy_timeout) instead of taking turns
 * on one event loop. Ends by checking that exactly `capacity` attendees were confirmed.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { findEventWithCounts } from '../../db/queries/events/events.ts';
import * as schema from '../../db/schema/index.ts';
import { createApp } from '../../functions/app.ts';
import { ORIGIN } from '../support/api.ts';
import { makeEnterprises, openEvent } from '../support/events.ts';
import { tempDatabase, testDeps } from '../support/server.ts';
import { commitLimit } from './commit-limit.ts';

type Job = {
  dir: string;
  slug: string;
  cookies: string[];
  total: number;
  concurrency: number;
  offset: number;
};
type Outcome = { statuses: Record<number, number>; ms: number };

/** Fires `total` registrations, `concurrency` at a time, through an app over its own connection. */
async function fire(job: Job, app: ReturnType<typeof createApp>): Promise<Outcome> {
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  async function lane() {
    while (next < job.total) {
      const i = next++;
      const res = await app.request(`${ORIGIN}/api/events/${job.slug}/registrations`, {
        method: 'POST',
        headers: {
          Origin: ORIGIN,
          'Content-Type': 'application/json',
          Cookie: job.cookies[i % job.cookies.length] ?? '',
        },
        body: JSON.stringify({
          idempotencyKey: crypto.randomUUID(),
          attendees: [
            { name: '张伟', position: '质量总监', mobile: String(13_000_000_000 + job.offset + i) },
          ],
        }),
      });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: job.concurrency }, lane));
  return { statuses, ms: performance.now() - started };
}

async function worker(job: Job) {
  // `timeout` sets the busy timeout on every connection of the client's pool (a PRAGMA reaches only one):
  // writers on other threads then wait for the write lock instead of failing with SQLITE_BUSY.
  const client = createClient({ url: `file:${join(job.dir, 'test.db')}`, timeout: 10_000 });
  const db = drizzle({ client, schema });
  const outcome = await fire(job, createApp(testDeps({ db, dir: job.dir })));
  client.close();
  parentPort?.postMessage(outcome);
}

async function main() {
  const { values } = parseArgs({
    options: {
      total: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '50' },
      threads: { type: 'string', default: '0' },
      capacity: { type: 'string', default: '50' },
    },
  });
  const total = Number(values.total);
  const concurrency = Number(values.concurrency);
  const threads = Number(values.threads);
  const capacity = Number(values.capacity);

  const database = await tempDatabase();
  const deps = testDeps(database);
  // Each enterprise may register 20 attendees, so the cap per enterprise never stops the run.
  const enterprises = await makeEnterprises(deps, Math.ceil(total / 20) + 1);
  const event = await openEvent(deps, { capacity, maxPerEnterprise: 20 });
  const cookies = enterprises.map((e) => e.cookie);

  const limit = await commitLimit(database.client, event.slug, Math.max(500, total));
  let outcome: Outcome;
  if (threads > 0) {
    const per = Math.ceil(total / threads);
    const started = performance.now();
    const parts = await Promise.all(
      Array.from({ length: threads }, (_, t) => {
        // Each thread registers for its own enterprises, so no two threads race one enterprise's cap.
        const job: Job = {
          dir: database.dir,
          slug: event.slug,
          cookies: cookies.filter((_, i) => i % threads === t),
          total: Math.min(per, total - t * per),
          concurrency: Math.max(1, Math.ceil(concurrency / threads)),
          offset: t * per,
        };
        const w = new Worker(new URL(import.meta.url), { workerData: job });
        return new Promise<Outcome>((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
        });
      }),
    );
    const statuses: Record<number, number> = {};
    for (const p of parts)
      for (const [s, n] of Object.entries(p.statuses)) statuses[Number(s)] = (statuses[Number(s)] ?? 0) + n;
    outcome = { statuses, ms: performance.now() - started };
  } else {
    outcome = await fire(
      { dir: database.dir, slug: event.slug, cookies, total, concurrency, offset: 0 },
      createApp(deps),
    );
  }

  const final = await findEventWithCounts(database.db, { slug: event.slug });
  database.cleanup();
  const ok = (outcome.statuses[201] ?? 0) + (outcome.statuses[200] ?? 0);
  const errors = total - ok;
  const mode = threads > 0 ? `${threads} worker threads with their own connections` : 'in-process';
  console.log(`registrations: ${total} (one attendee each), ${concurrency} in flight, ${mode}`);
  console.log(`status codes: ${JSON.stringify(outcome.statuses)}`);
  console.log(
    `seats: capacity ${capacity}, confirmed ${final?.confirmed}, waitlisted ${final?.waitlisted}, errors ${errors}`,
  );
  console.log(`time: ${(outcome.ms / 1000).toFixed(2)} s`);
  const perSecond = (total / outcome.ms) * 1000;
  console.log(`throughput: ${Math.round(perSecond)} registrations/s`);
  // The ratio is the figure to compare between runs: both halves ran on the same file, minutes apart at most.
  console.log(`limit: ${Math.round(limit)} single-insert transactions/s on the same file and pragmas`);
  console.log(`ratio to limit: ${(perSecond / limit).toFixed(2)}`);
  const expected = Math.min(capacity, total);
  if (errors > 0 || final?.confirmed !== expected || final.waitlisted !== total - final.confirmed) {
    // One line: `npm run bench` puts it in its table.
    console.error(
      `FAILED: confirmed ${final?.confirmed} (expected ${expected}), waitlisted ${final?.waitlisted} (expected ${total - expected}), errors ${errors} (expected 0)`,
    );
    process.exitCode = 1;
  }
}

if (isMainThread) await main();
else await worker(workerData as Job);
