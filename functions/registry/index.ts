/**
 * Keeps each database's public-registry read model (model.ts) current, cheaply, without making requests wait.
 *
 * - The database keeps a version: `registry_changes`, one row per changed filing, written in the same
 *   transaction as the recognition, deregistration or supersession (db/queries/registry/registry.ts).
 * - At most once a second (`registryTimings.versionCheckMs`), or at once after this process changed the registry
 *   (`invalidateRegistry`), a request compares the version (one seek) and, if it moved, reads only the filings
 *   changed since and patches the model (an overlay over the immutable base). The request waits for that small
 *   refresh at most `registryTimings.refreshWaitMs`; past that it is answered from the model as it is.
 * - The base is rebuilt in full only now and then — when the overlay has grown, after a bulk load, or when the
 *   change log is too far ahead — in the background: read in chunks of rows, indexed in slices that yield to
 *   the event loop, caught up with the changes made meanwhile, then swapped in. Requests are answered from the
 *   current model throughout; only the very first build (no model yet) is awaited, and the Node host does that
 *   at startup (`warmRegistry`).
 * - Nobody awaits another request's work without a timeout: on Workers a promise started by a request that was
 *   cancelled may never settle. A refresh or build that takes too long is dropped and started afresh.
 *
 * One holder per database per process — on Workers, per isolate.
 */
import type { Database } from '../../db/database.ts';
import {
  listPublicFilingsChunk,
  type PublicFilingRow,
  registryChangesSince,
  registryVersion,
} from '../../db/queries/registry/registry.ts';
import { buildSteps, type Registry, runSliced } from './model.ts';

export {
  buildRegistry,
  chinaDay,
  normalizeId,
  normalizeText,
  queryTerms,
  type Registry,
  type RegistryQuery,
} from './model.ts';

/**
 * The holder's timings (tests shorten them):
 * - versionCheckMs: how often a request compares the database's registry version with the model's;
 * - refreshWaitMs: how long a request waits for a refresh (a version check and a few rows) before answering
 *   without it;
 * - refreshStuckMs: a refresh still running after this is presumed stuck (its request was cancelled) and replaced;
 * - buildStallMs: a full build that made no progress (no chunk read, no slice indexed) for this long is presumed
 *   stuck and replaced;
 * - firstBuildWaitMs: how long a request waits for the very first model before it is answered 503.
 */
export const registryTimings = {
  versionCheckMs: 1000,
  refreshWaitMs: 250,
  refreshStuckMs: 5_000,
  buildStallMs: 10_000,
  firstBuildWaitMs: 30_000,
};
/** The overlay size at which the base is rebuilt (in the background). */
const OVERLAY_LIMIT = 1_000;
/** More changes than this since the model's version: rebuild instead of patching. */
const CHANGES_LIMIT = 2_000;
/** Rows per chunk of a full read: a few milliseconds of SQLite each. */
const CHUNK_ROWS = 200;

/** Work that should outlive the request that started it (Workers: `ctx.waitUntil`). */
export type Background = (work: Promise<unknown>) => void;

/** Work in flight: `beat` is the last time it made progress (a refresh never beats: it is short). */
type Task = { promise: Promise<void>; startedAt: number; beat: number };

type Holder = {
  model?: Registry;
  /** Wall-clock time of the last completed version check. */
  checkedAt: number;
  /** Bumped by `invalidateRegistry`; `seen` is the value the last completed check started from. */
  dirty: number;
  seen: number;
  refresh?: Task;
  build?: Task;
  /** A build should follow the current one (a bulk load landed while it read). */
  again: boolean;
  builds: number;
};

/** Thrown when there is no model yet and none could be built in time: answer 503. */
export class RegistryUnavailable extends Error {
  constructor(cause?: unknown) {
    super('registry read model unavailable', { cause });
    this.name = 'RegistryUnavailable';
  }
}

const holders = new WeakMap<Database, Holder>();

function holderOf(db: Database): Holder {
  let h = holders.get(db);
  if (!h) {
    h = { checkedAt: 0, dirty: 0, seen: 0, again: false, builds: 0 };
    holders.set(db, h);
  }
  return h;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Resolves when `promise` settles or after `ms`, whichever comes first; never rejects. */
export async function settled(promise: Promise<unknown>, ms: number): Promise<'done' | 'failed' | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, ms));
  });
  try {
    return await Promise.race([
      promise.then(
        () => 'done' as const,
        () => 'failed' as const,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads every row of the model in rowid chunks, pausing between them. */
async function readAll(db: Database, alive: () => boolean): Promise<PublicFilingRow[]> {
  const rows: PublicFilingRow[] = [];
  let after = 0;
  for (;;) {
    const chunk = await listPublicFilingsChunk(db, after, CHUNK_ROWS);
    if (!alive()) throw new Error('registry build abandoned');
    for (const { rowid, ...row } of chunk) rows.push(row);
    if (chunk.length < CHUNK_ROWS) return rows;
    after = Number(chunk[chunk.length - 1]?.rowid);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Starts a full build unless one is running (and not stuck). */
function startBuild(db: Database, h: Holder, background?: Background) {
  if (h.build && Date.now() - h.build.beat < registryTimings.buildStallMs) return;
  const task: Task = { startedAt: Date.now(), beat: Date.now(), promise: Promise.resolve() };
  // Called at every pause: records progress, and tells a replaced (presumed stuck) build to stop.
  const alive = () => {
    task.beat = Date.now();
    return h.build === task;
  };
  task.promise = (async () => {
    h.again = false;
    const version = await registryVersion(db);
    const rows = await readAll(db, alive);
    const model = await runSliced(buildSteps(rows, new Date(), version), 6, alive);
    rows.length = 0;
    // Catch up with what changed while we read and built, at least as far as the model now answering.
    for (let round = 0; round < 5; round++) {
      const changes = await registryChangesSince(db, model.version, CHANGES_LIMIT);
      if (!alive()) return;
      if (changes.full) h.again = true;
      if (changes.tooMany) {
        h.again = true;
        break;
      }
      model.apply(changes.rows, changes.version);
      if (!h.model || model.version >= h.model.version) break;
    }
    if (!alive()) return;
    h.model = model;
    h.checkedAt = Date.now();
    h.builds++;
  })();
  task.promise
    .catch((err) => console.error(`[registry] build failed: ${message(err)}`))
    .finally(() => {
      if (h.build !== task) return;
      h.build = undefined;
      if (h.again && h.model) startBuild(db, h, background);
    });
  h.build = task;
  background?.(task.promise.catch(() => {}));
}

/** Starts a version check (and patch) unless one is running (and not stuck). */
function startRefresh(db: Database, h: Holder, background?: Background) {
  if (h.refresh && Date.now() - h.refresh.startedAt < registryTimings.refreshStuckMs) return;
  const task: Task = { startedAt: Date.now(), beat: Date.now(), promise: Promise.resolve() };
  const dirty = h.dirty;
  task.promise = (async () => {
    const model = h.model;
    if (!model) return;
    const version = await registryVersion(db);
    if (version < model.version) {
      // The database was replaced (a restore): start again from scratch.
      startBuild(db, h, background);
    } else if (version > model.version && !(h.build && h.again)) {
      const changes = await registryChangesSince(db, model.version, CHANGES_LIMIT);
      if (changes.tooMany) {
        h.again = Boolean(h.build);
        startBuild(db, h, background);
      } else {
        model.apply(changes.rows, changes.version);
        if (changes.full) {
          h.again = Boolean(h.build);
          startBuild(db, h, background);
        }
      }
    }
    if (h.refresh !== task) return;
    h.checkedAt = Date.now();
    h.seen = dirty;
    if (model.overlaySize >= OVERLAY_LIMIT) startBuild(db, h, background);
  })();
  task.promise
    .catch((err) => {
      // A database hiccup should not take the registry down: keep answering from the model, retry later.
      console.error(`[registry] refresh failed: ${message(err)}`);
      if (h.refresh !== task) return;
      h.checkedAt = Date.now();
      h.seen = dirty;
    })
    .finally(() => {
      if (h.refresh === task) h.refresh = undefined;
    });
  h.refresh = task;
  background?.(task.promise.catch(() => {}));
}

export type RegistryOptions = { background?: Background };

/**
 * The current read model of `db`'s public registry. Waits for the first build (bounded), and for a small
 * refresh at most `registryTimings.refreshWaitMs`; never for a full rebuild once a model exists.
 */
export async function registryOf(db: Database, options: RegistryOptions = {}): Promise<Registry> {
  const h = holderOf(db);
  if (!h.model) {
    // Another request's build is awaited a second at a time: if it stalls (its request was cancelled and
    // its I/O will never complete), this request replaces it with its own.
    const deadline = Date.now() + registryTimings.firstBuildWaitMs;
    for (;;) {
      if (h.model) return h.model;
      const left = deadline - Date.now();
      if (left <= 0) throw new RegistryUnavailable();
      startBuild(db, h, options.background);
      const build = h.build as Task;
      const outcome = await settled(build.promise, Math.min(1000, left));
      // Failed as itself (not because a newer build replaced it): the database is not answering.
      if (outcome === 'failed' && !h.model && h.build === build) throw new RegistryUnavailable();
    }
  }
  // Wall-clock time on purpose: tests freeze the app's clock, and this is about cache age, not dates.
  if (h.dirty !== h.seen || Date.now() - h.checkedAt >= registryTimings.versionCheckMs) {
    startRefresh(db, h, options.background);
    if (h.refresh) await settled(h.refresh.promise, registryTimings.refreshWaitMs);
  }
  return h.model;
}

/** Builds the first model now (the Node host calls this before it listens). */
export async function warmRegistry(db: Database): Promise<Registry> {
  return registryOf(db);
}

/** Tells the read model that this process changed the registry: the next request checks at once. */
export function invalidateRegistry(db: Database) {
  const h = holders.get(db);
  if (h) h.dirty++;
}

/** What the holder is doing, for tests and the bench. */
export function registryState(db: Database) {
  const h = holders.get(db);
  return {
    version: h?.model?.version,
    overlay: h?.model?.overlaySize ?? 0,
    building: Boolean(h?.build),
    builds: h?.builds ?? 0,
  };
}

/** Starts a full rebuild in the background (tests and the bench; normally the holder decides). */
export function rebuildRegistry(db: Database, background?: Background): Promise<void> {
  const h = holderOf(db);
  startBuild(db, h, background);
  return (h.build as Task).promise.catch(() => {});
}
