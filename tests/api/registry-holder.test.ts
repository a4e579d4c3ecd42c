/**
 * How the read model is kept current: changes are patched in (no full rebuild), requests never wait for a full
 * rebuild once a model exists, and work that never finishes (a cancelled request's I/O on Workers) is replaced.
 * The database's queries are made to hang on purpose, through a client that stalls the statements a test picks.
 */
import type { Client, InStatement } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordRegistryChanges, registryVersion } from '../../db/queries/registry/registry.ts';
import * as schema from '../../db/schema/index.ts';
import { loadRegistryFilings } from '../../functions/demo/bulk.ts';
import {
  invalidateRegistry,
  RegistryUnavailable,
  rebuildRegistry,
  registryOf,
  registryState,
  registryTimings,
} from '../../functions/registry/index.ts';
import { tempDatabase, testDeps } from '../support/server.ts';

const defaults = { ...registryTimings };
let database: Awaited<ReturnType<typeof tempDatabase>>;

beforeAll(async () => {
  database = await tempDatabase();
  await loadRegistryFilings(
    testDeps(database, () => new Date('2026-11-26T02:00:00Z')),
    {
      count: 1200,
      seed: 5,
    },
  );
});
afterAll(() => database.cleanup());
afterEach(() => Object.assign(registryTimings, defaults));

/** A Database over the test file whose statements hang while `stall(sql)` says so. */
function stallable() {
  const gate = { stall: (_sql: string) => false };
  const real = database.client;
  const client = new Proxy(real, {
    get(target, key) {
      if (key === 'execute')
        return (stmt: InStatement) => {
          const sql = typeof stmt === 'string' ? stmt : stmt.sql;
          return gate.stall(sql) ? new Promise(() => {}) : target.execute(stmt);
        };
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Client;
  return { gate, db: drizzle({ client, schema }) };
}

const firstValid = async (db: ReturnType<typeof stallable>['db']) =>
  (await registryOf(db)).search({ status: 'valid', page: 1, pageSize: 1 }).items[0]?.filingNo as string;

/** Deregisters a listed filing the way the workflow does: status, date and the change log, in one transaction. */
async function deregister(db: ReturnType<typeof stallable>['db'], filingNo: string) {
  const now = new Date();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(schema.filings)
      .set({ status: 'deregistered', deregisteredAt: now, updatedAt: now })
      .where(eq(schema.filings.filingNo, filingNo))
      .returning({ id: schema.filings.id });
    await recordRegistryChanges(tx, [row?.id as string], now);
  });
}

describe('keeping the read model current', () => {
  it('patches a change in without rebuilding, and moves to the change log’s version', async () => {
    const { db } = stallable();
    const registry = await registryOf(db);
    const builds = registryState(db).builds;
    const no = await firstValid(db);
    await deregister(db, no);
    invalidateRegistry(db);
    const after = await registryOf(db);
    expect(after).toBe(registry);
    expect(after.find(no)?.status).toBe('deregistered');
    expect(registryState(db)).toMatchObject({ builds, version: await registryVersion(db), overlay: 1 });
  });

  it('answers from the current model while a full rebuild is still reading', async () => {
    const { gate, db } = stallable();
    const registry = await registryOf(db);
    gate.stall = (sql) => sql.includes('rowid >');
    void rebuildRegistry(db);
    expect(registryState(db).building).toBe(true);
    invalidateRegistry(db);
    const started = Date.now();
    expect(await registryOf(db)).toBe(registry);
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('answers from the current model when a refresh hangs, and replaces the stuck refresh later', async () => {
    registryTimings.refreshStuckMs = 300;
    registryTimings.refreshWaitMs = 100;
    const { gate, db } = stallable();
    const registry = await registryOf(db);
    const no = await firstValid(db);
    // Version checks hang; the write (a transaction, which the gate does not stall) goes through.
    gate.stall = (sql) => sql.includes('registry_changes');
    await deregister(db, no);
    invalidateRegistry(db);
    let started = Date.now();
    expect((await registryOf(db)).find(no)?.status).toBe('valid');
    expect(Date.now() - started).toBeLessThan(300);
    gate.stall = () => false;
    await new Promise((r) => setTimeout(r, 350));
    started = Date.now();
    expect((await registryOf(db)).find(no)?.status).toBe('deregistered');
    expect(await registryOf(db)).toBe(registry);
  });

  it('does not hang when the build another request started never finishes: it builds its own', async () => {
    registryTimings.buildStallMs = 300;
    const { gate, db } = stallable();
    gate.stall = (sql) => sql.includes('rowid >');
    // The first request's build hangs (as when Workers cancel the request that started it).
    const first = registryOf(db);
    await new Promise((r) => setTimeout(r, 50));
    gate.stall = () => false;
    const started = Date.now();
    const second = await registryOf(db);
    expect(second.size).toBeGreaterThan(1000);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await first).toBe(second);
  });

  it('answers 503-worthy RegistryUnavailable, not a hang, when no model can be built in time', async () => {
    registryTimings.firstBuildWaitMs = 400;
    registryTimings.buildStallMs = 150;
    const { gate, db } = stallable();
    gate.stall = () => true;
    const started = Date.now();
    await expect(registryOf(db)).rejects.toBeInstanceOf(RegistryUnavailable);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
