/**
 * Synthetic recognized filings in bulk, for the load test (`npm run seed`) and the demo's public registry.
 * Bypasses the per-filing workflow (which costs several queries per step) but writes the rows it would have
 * written: status, 备案编号 from `filing_counters`, dates, training, the complete form, the encrypted 身份证号 and
 * its keyed hash, and an audit event per transition. About 3% are deregistered, about 10% did not consent to
 * publishing the name, and about 2% of enterprises changed their CQO (the old filing superseded).
 */
import type { Database } from '../../db/database.ts';
import { existingUsccs, insertBulk, reserveFilingSequences } from '../../db/queries/registry/bulk.ts';
import { countPublicFilings } from '../../db/queries/registry/registry.ts';
import { chinaDate } from '../../src/shared/china-date.ts';
import type { Deps } from '../deps.ts';
import { addEnterprise, type Batch, DAY, type Load } from './bulk-rows.ts';
import { type Random, random } from './synthetic.ts';

export type BulkOptions = {
  /** Filings listed in the public registry (superseded predecessors come on top). */
  count: number;
  seed?: number;
  /** Recognitions fall between these (default: 2024-10-01, after the notice, until now). */
  from?: Date;
  to?: Date;
  /** Appended to enterprise names and addresses, e.g. “（演示）” for demo data. */
  label?: string;
  /** Filings per transaction. */
  batch?: number;
  /**
   * How the registry's change log records the load: 'all' (default) makes running read models rebuild in full;
   * 'each' records every filing, so they patch themselves (a few filings at a time, e.g. the bench's churn).
   */
  changes?: 'each' | 'all';
};

type Recognition = { at: number; entry: number; predecessor: boolean };

/** Inserts `count` publicly listed filings (and their enterprises, without accounts); returns what it wrote. */
export async function loadRegistryFilings(deps: Deps, options: BulkOptions) {
  const r = random(options.seed ?? 20240731);
  const to = (options.to ?? deps.now()).getTime();
  const from = Math.min((options.from ?? new Date('2024-10-01T00:00:00Z')).getTime(), to - DAY);
  const batch = options.batch ?? 5000;
  const n = options.count;
  const { recognitions, listedAt, predecessorAt } = recognitionTimes(r, n, from, to);
  const load: Load = {
    r,
    deps,
    from,
    to,
    label: options.label ?? '',
    listedAt,
    predecessorAt,
    filingNos: await filingNumbers(deps.db, recognitions),
    taken: await existingUsccs(deps.db),
    people: new Set<string>(),
    totals: { filings: 0, enterprises: 0, listed: n, deregistered: 0, superseded: 0, withoutConsent: 0 },
  };
  for (let startAt = 0; startAt < n; startAt += batch) {
    const rows: Batch = { enterprises: [], filings: [], events: [], pending: [] };
    for (let i = startAt; i < Math.min(n, startAt + batch); i++) addEnterprise(load, i, rows);
    await Promise.all(rows.pending);
    await insertBulk(
      deps.db,
      { enterprises: rows.enterprises, filings: rows.filings, events: rows.events },
      options.changes,
    );
  }
  return load.totals;
}

/** Recognition times of the listed filings and of the superseded ones they replaced, in time order. */
function recognitionTimes(r: Random, n: number, from: number, to: number) {
  const recognitions: Recognition[] = [];
  const listedAt: number[] = [];
  for (let i = 0; i < n; i++) {
    const at = from + r.next() * (to - from);
    listedAt.push(at);
    recognitions.push({ at, entry: i, predecessor: false });
    if (r.next() < 0.02 && at - from > 30 * DAY)
      recognitions.push({ at: from + r.next() * (at - from - 30 * DAY), entry: i, predecessor: true });
  }
  recognitions.sort((a, b) => a.at - b.at);
  const predecessorAt = new Map(recognitions.filter((x) => x.predecessor).map((x) => [x.entry, x.at]));
  return { recognitions, listedAt, predecessorAt };
}

/** 备案编号 in recognition order, reserved per year (China's calendar years, as in the workflow). */
async function filingNumbers(db: Database, recognitions: Recognition[]): Promise<Map<string, string>> {
  const perYear = new Map<number, Recognition[]>();
  for (const rec of recognitions) {
    const year = chinaDate(new Date(rec.at)).year;
    perYear.get(year)?.push(rec) ?? perYear.set(year, [rec]);
  }
  const filingNos = new Map<string, string>();
  for (const [year, list] of perYear) {
    const first = await reserveFilingSequences(db, year, list.length);
    list.forEach((rec, k) => {
      const no = `JL-CQO-${year}-${String(first + k).padStart(4, '0')}`;
      filingNos.set(`${rec.entry}/${rec.predecessor ? 'old' : 'new'}`, no);
    });
  }
  return filingNos;
}

/**
 * Demo data: about 70 recognized CQOs across all 11 units — at least 50 of them valid and listed (consented) —
 * unless the registry already lists 50 valid ones.
 */
export async function seedDemoRegistry(deps: Deps) {
  if ((await countPublicFilings(deps.db)) >= 50) return;
  await loadRegistryFilings(deps, { count: 70, seed: 2026_11, label: '（演示）' });
}
