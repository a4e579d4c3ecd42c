/**
 * The overbooking race across connections: worker threads, each with its own libSQL connection to one file
 * database, register at the same moment for a few seats. In-process tests share one connection pool and one
 * event loop; here the transactions of different connections really contend for SQLite's write lock.
 */
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeAttendees, findRegistrationByCode } from '../../db/queries/events/attendees.ts';
import { findEventWithCounts } from '../../db/queries/events/events.ts';
import { normalizeCode } from '../../src/shared/events/labels.ts';
import { makeEnterprises, openEvent, type TestEnterprise } from '../support/events.ts';
import type { ThreadJob, ThreadResult } from '../support/registration-thread.ts';
import { tempDatabase, testDeps } from '../support/server.ts';

const THREADS = 3;
const LANES = 2;
const PER_LANE = 10;
const CAPACITY = 8;
const TOTAL = THREADS * LANES * PER_LANE;

let database: Awaited<ReturnType<typeof tempDatabase>>;
let deps: ReturnType<typeof testDeps>;
let enterprises: TestEnterprise[];

beforeAll(async () => {
  database = await tempDatabase();
  deps = testDeps(database);
  enterprises = await makeEnterprises(deps, THREADS * 3, 23);
}, 60_000);
afterAll(() => database?.cleanup());

/** Starts the threads, lets them all go at once, and collects what each saw. */
async function race(slug: string): Promise<ThreadResult[]> {
  const workers = Array.from({ length: THREADS }, (_, t) => {
    const job: ThreadJob = {
      dir: database.dir,
      slug,
      enterprises: enterprises.filter((_, i) => i % THREADS === t).map((e) => e.me),
      lanes: LANES,
      perLane: PER_LANE,
      mobileBase: 13_600_000_000 + t * 1000,
    };
    return new Worker(new URL('../support/registration-thread.ts', import.meta.url), { workerData: job });
  });
  const next = () =>
    Promise.all(
      workers.map(
        (w) =>
          new Promise<unknown>((resolve, reject) => {
            w.once('message', resolve);
            w.once('error', reject);
          }),
      ),
    );
  expect(await next()).toEqual(Array(THREADS).fill('ready'));
  // Listening for the results before the start signal, so no answer can come unheard.
  const done = next();
  for (const w of workers) w.postMessage('go');
  const results = (await done) as ThreadResult[];
  await Promise.all(workers.map((w) => w.terminate()));
  return results;
}

describe(`${THREADS} threads with their own connections registering at once`, () => {
  it(`confirm exactly ${CAPACITY} of ${TOTAL} and waitlist the rest in arrival order, with no errors`, async () => {
    const event = await openEvent(deps, { capacity: CAPACITY, maxPerEnterprise: 20 });
    const results = await race(event.slug);

    expect(results.flatMap((r) => r.errors)).toEqual([]);
    expect(results.flatMap((r) => r.codes.flat())).toHaveLength(TOTAL);

    const stored = await findEventWithCounts(database.db, { slug: event.slug });
    expect(stored).toMatchObject({ capacity: CAPACITY, confirmed: CAPACITY, waitlisted: TOTAL - CAPACITY });
    const rows = await activeAttendees(database.db, stored?.id ?? '');
    // Arrival order is the per-event seq, 1…N without gaps or repeats: the first CAPACITY hold the seats.
    expect(rows.map((a) => a.seq)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(rows.filter((a) => a.status === 'confirmed').map((a) => a.seq)).toEqual(
      Array.from({ length: CAPACITY }, (_, i) => i + 1),
    );
    expect(rows.slice(CAPACITY).every((a) => a.status === 'waitlisted')).toBe(true);

    // Within a lane, registrations were sent one after another: their places follow the same order.
    const seqOf = new Map<string, number>();
    for (const code of results.flatMap((r) => r.codes.flat())) {
      const r = await findRegistrationByCode(database.db, normalizeCode(code) ?? '');
      seqOf.set(code, r?.attendees[0]?.seq ?? -1);
    }
    for (const lane of results.flatMap((r) => r.codes)) {
      const seqs = lane.map((c) => seqOf.get(c) ?? -1);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    const seatedThreads = new Set(
      results.flatMap((r, t) =>
        r.codes
          .flat()
          .filter((c) => (seqOf.get(c) ?? 0) <= CAPACITY)
          .map(() => t),
      ),
    );
    console.log(
      `${THREADS} threads × ${LANES} lanes, ${TOTAL} registrations for ${CAPACITY} seats: ${stored?.confirmed} confirmed, ${stored?.waitlisted} waitlisted, 0 errors; seats went to ${seatedThreads.size} thread(s)`,
    );
  }, 30_000);
});
