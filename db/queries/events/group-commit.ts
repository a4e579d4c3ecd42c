/**
 * Group commit: the registrations for one event that are waiting at the same moment are written in ONE write
 * transaction, each one's statements after those of the registrations that arrived before it. Every statement
 * decides inside the transaction from what the earlier ones wrote (seats.ts), so the outcome is exactly that of
 * running them one transaction each in arrival order; only the commit (BEGIN IMMEDIATE … COMMIT, the WAL append
 * and, over Turso, the round trip) is paid once per group instead of once per registration. Each caller is
 * answered only after the transaction holding its statements has committed.
 *
 * Works on any libSQL client shared by concurrent requests: the Node host's embedded file (one client per
 * process) and the Worker's HTTP client (one per isolate). Should a grouped transaction fail (a statement error
 * rolls the whole group back), each member is run again alone, so an error reaches only the request that caused
 * it.
 */
import type { Client, InStatement, ResultSet } from '@libsql/client';

type Member = {
  statements: InStatement[];
  resolve: (results: ResultSet[]) => void;
  reject: (error: unknown) => void;
};

type Queue = { waiting: Member[]; running: boolean };

/** At most this many registrations per transaction: bounds the statements of one batch and the wait of the last. */
const MAX_GROUP = 64;

type Later = (run: () => void) => void;
/** The next turn of the event loop after pending I/O (setImmediate on Node; a zero timer elsewhere). */
const later: Later =
  (globalThis as { setImmediate?: Later }).setImmediate ?? ((run) => void setTimeout(run, 0));

const queues = new WeakMap<Client, Map<string, Queue>>();

function queueOf(client: Client, key: string): Queue {
  let byKey = queues.get(client);
  if (!byKey) {
    byKey = new Map();
    queues.set(client, byKey);
  }
  let queue = byKey.get(key);
  if (!queue) {
    queue = { waiting: [], running: false };
    byKey.set(key, queue);
  }
  return queue;
}

async function commit(client: Client, group: Member[]) {
  if (group.length === 1) {
    const [only] = group as [Member];
    await client.batch(only.statements, 'write').then(only.resolve, only.reject);
    return;
  }
  let results: ResultSet[];
  try {
    results = await client.batch(
      group.flatMap((m) => m.statements),
      'write',
    );
  } catch {
    // Rolled back as a whole: run each alone so only the failing one sees its error.
    for (const m of group) await client.batch(m.statements, 'write').then(m.resolve, m.reject);
    return;
  }
  let at = 0;
  for (const m of group) {
    m.resolve(results.slice(at, at + m.statements.length));
    at += m.statements.length;
  }
}

async function drain(client: Client, key: string, queue: Queue) {
  // Let the requests already under way this turn join the first group (the embedded driver runs a batch
  // synchronously, so without this pause the first registration would always commit alone).
  await new Promise<void>((done) => later(done));
  while (queue.waiting.length > 0) await commit(client, queue.waiting.splice(0, MAX_GROUP));
  queue.running = false;
  if (queue.waiting.length === 0) queues.get(client)?.delete(key);
}

/**
 * Runs `statements` as part of the next write transaction for `key` (an event id), after every group waiting
 * before it; resolves with this member's own results once that transaction has committed.
 */
export function groupedWrite(client: Client, key: string, statements: InStatement[]): Promise<ResultSet[]> {
  const queue = queueOf(client, key);
  const done = new Promise<ResultSet[]>((resolve, reject) => {
    queue.waiting.push({ statements, resolve, reject });
  });
  if (!queue.running) {
    queue.running = true;
    void drain(client, key, queue);
  }
  return done;
}
