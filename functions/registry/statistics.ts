/**
 * The registry's figures: currently valid CQOs by 市州 and by enterprise type, and recognitions per month.
 * Statistics are aggregates: they count every recognition, listed or not, superseded or not (only the valid
 * ones in the totals). The base counts its rows once when it is built; the overlay's changes are counted over
 * a copy of that, once per overlay generation.
 */
import { cityCodes, enterpriseTypeCodes } from '../../src/shared/labels.ts';
import type { RegistryStats } from '../../src/shared/registry/answers.ts';
import { type Entry, NONE, type Rec, VALID } from './records.ts';
import { chinaMonthsUpTo } from './text.ts';

/** Counts of valid CQOs by city and type (indices as in the label lists), and recognitions by month. */
export class Tally {
  total = 0;
  readonly byCity: number[];
  readonly byType: number[];
  readonly byMonth: Map<string, number>;

  constructor(from?: Tally) {
    this.total = from?.total ?? 0;
    this.byCity = from ? [...from.byCity] : new Array<number>(cityCodes.length).fill(0);
    this.byType = from ? [...from.byType] : new Array<number>(enterpriseTypeCodes.length).fill(0);
    this.byMonth = new Map(from?.byMonth);
  }

  /** Adds (sign 1) or takes away (sign -1) one recognition. */
  count(state: number, city: number, type: number, recognizedAt: string, sign: number) {
    const month = recognizedAt.slice(0, 7);
    this.byMonth.set(month, (this.byMonth.get(month) ?? 0) + sign);
    if (state !== VALID) return;
    this.total += sign;
    if (city !== NONE) this.byCity[city] = (this.byCity[city] ?? 0) + sign;
    if (type !== NONE) this.byType[type] = (this.byType[type] ?? 0) + sign;
  }
}

/** What the figures are made of in the base (base-index.ts): its tally, and each position's record. */
type CountedBase = {
  tally: Tally;
  byNo: Map<string, number>;
  recs: Rec[];
  stateAt: Uint8Array;
  cityOf: Uint8Array;
  typeOf: Uint8Array;
};
/** What the figures are made of in the overlay (overlay.ts): the changed filings, and a stamp of them. */
type CountedChanges = { generation: number; changed: Map<string, Entry> };

/** The figures of a base with its overlay, recounted only when the overlay changed. */
export class Statistics {
  readonly #base: CountedBase;
  readonly #overlay: CountedChanges;
  #cache: { generation: number; tally: Tally } | undefined;

  constructor(base: CountedBase, overlay: CountedChanges) {
    this.#base = base;
    this.#overlay = overlay;
  }

  /** Figures of currently valid CQOs (listed or not); recognitions per month for the 24 months up to `now`. */
  stats(now: Date): RegistryStats {
    const f = this.#tally();
    const byMonth: RegistryStats['byMonth'] = chinaMonthsUpTo(now, 24).map((month) => ({
      month,
      count: f.byMonth.get(month) ?? 0,
    }));
    return {
      total: f.total,
      byCity: cityCodes.map((city, i) => ({ city, count: f.byCity[i] ?? 0 })),
      byType: enterpriseTypeCodes.map((type, i) => ({ type, count: f.byType[i] ?? 0 })),
      byMonth,
    };
  }

  #tally(): Tally {
    const generation = this.#overlay.generation;
    if (this.#cache?.generation === generation) return this.#cache.tally;
    const { byNo, stateAt, cityOf, typeOf, recs } = this.#base;
    const tally = new Tally(this.#base.tally);
    for (const e of this.#overlay.changed.values()) {
      // The base's record of a changed filing no longer counts; its new one does.
      const p = byNo.get(e.no);
      if (p !== undefined)
        tally.count(
          stateAt[p] as number,
          cityOf[p] as number,
          typeOf[p] as number,
          (recs[p] as Rec).recognizedAt,
          -1,
        );
      tally.count(e.state, e.city, e.type, e.rec.recognizedAt, 1);
    }
    this.#cache = { generation, tally };
    return tally;
  }
}
