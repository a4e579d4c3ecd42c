/**
 * Test tooling (tests/api/events-threads.test.ts): a worker thread that registers attendees through the real
 * registration code over its own libSQL connection to a shared file database. It connects, says `ready`, and
 * starts when the test says `go`, so that all threads write at the same moment and really contend for
 * SQLite's write lock (BEGIN IMMEDIATE + busy timeout) instead of taking turns on one event loop.
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../../db/schema/index.ts';
import type { Deps, SignedIn } from '../../functions/deps.ts';
import { register } from '../../functions/events/registrations.ts';
import { folderStore } from '../../functions/hosts/folder-store.ts';
import { loadIdKeys } from '../../functions/hosts/keys.ts';

export type ThreadJob = {
  dir: string;
  slug: string;
  /** The enterprises this thread registers for (no two threads share one, so caps never interfere). */
  enterprises: SignedIn[];
  /** Lanes run at once; each lane registers one attendee at a time, `perLane` times. */
  lanes: number;
  perLane: number;
  /** First mobile number of this thread (each registration takes the next). */
  mobileBase: number;
};

/** The confirmation codes each lane received, in the order it sent them, and every failure. */
export type ThreadResult = { codes: string[][]; errors: string[] };

async function run(job: ThreadJob): Promise<ThreadResult> {
  // `timeout` is the busy timeout of every connection of this client: writers queue for the lock.
  const client = createClient({ url: `file:${join(job.dir, 'test.db')}`, timeout: 15_000 });
  // The registration code and what it needs, without the HTTP app (the race is about the database).
  const deps: Deps = {
    db: drizzle({ client, schema }),
    files: folderStore(join(job.dir, 'files')),
    idKeys: loadIdKeys({ ID_ENCRYPTION_KEY: '', ID_HASH_KEY: '' }, join(job.dir, 'keys.json')),
    now: () => new Date(),
  };
  const errors: string[] = [];
  let next = 0;
  await new Promise<void>((go) => {
    parentPort?.once('message', () => go());
    parentPort?.postMessage('ready');
  });
  const lane = async (l: number) => {
    const codes: string[] = [];
    for (let i = 0; i < job.perLane; i++) {
      const n = next++;
      const me = job.enterprises[(l + i * job.lanes) % job.enterprises.length] as SignedIn;
      try {
        const result = await register(deps, me, job.slug, {
          idempotencyKey: crypto.randomUUID(),
          attendees: [{ name: '张伟', position: '质量总监', mobile: String(job.mobileBase + n) }],
        });
        if (result.ok) codes.push(result.value.registration.code);
        else errors.push(`${result.status} ${result.code}: ${result.message}`);
      } catch (e) {
        errors.push(e instanceof Error ? e.message : String(e));
      }
    }
    return codes;
  };
  const codes = await Promise.all(Array.from({ length: job.lanes }, (_, l) => lane(l)));
  client.close();
  return { codes, errors };
}

parentPort?.postMessage(await run(workerData as ThreadJob));
