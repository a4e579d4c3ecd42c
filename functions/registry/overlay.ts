/**
 * Changes patched over the immutable base: the changed filings' new records, keyed by normalized 备案编号,
 * hide their base entries; an answer walks the base's positions (skipping hidden ones) merged with the overlay's
 * listed entries in display order. The overlay stays small because the holder (index.ts) rebuilds the base in
 * the background now and then.
 */
import type { PublicFilingRow } from '../../db/queries/registry/registry.ts';
import type { Base, BaseAnswer } from './base-index.ts';
import { type Entry, entryOf, interner, type Rec } from './records.ts';
import { normalizeId } from './text.ts';

export class Overlay {
  /** Changed filings by normalized 备案编号. */
  readonly changed = new Map<string, Entry>();
  /** The listed ones among them, in display order (an overlay code -k-1 is `listed[k]`). */
  listed: Entry[] = [];
  /** Base positions the overlay hides (1), as a list too, and how many of them were listed. */
  readonly hidden: Uint8Array;
  readonly hiddenList: number[] = [];
  hiddenListed = 0;
  /** Moves with every change that was applied. */
  generation = 0;
  readonly #base: Base;
  readonly #intern = interner();

  constructor(base: Base) {
    this.#base = base;
    this.hidden = new Uint8Array(base.recs.length);
  }

  /** Holds the current records of changed filings over the base; false when nothing changed. */
  apply(rows: PublicFilingRow[]): boolean {
    const { byNo, listedOf } = this.#base;
    let changed = false;
    for (const row of rows) {
      if (!row.filingNo || !row.recognizedAt) continue;
      const e = entryOf(row, this.#intern);
      this.changed.set(e.no, e);
      const p = byNo.get(e.no);
      if (p !== undefined && !this.hidden[p]) {
        this.hidden[p] = 1;
        this.hiddenList.push(p);
        if (listedOf[p]) this.hiddenListed++;
      }
      changed = true;
    }
    if (changed) {
      this.listed = [...this.changed.values()]
        .filter((e) => e.listed)
        .sort((a, b) => b.ms - a.ms || (b.rec.filingNo > a.rec.filingNo ? 1 : -1));
      this.generation++;
    }
    return changed;
  }

  /** The record of a code: >= 0 a base position, < 0 an overlay entry. */
  recAt(code: number): Rec {
    return code >= 0 ? (this.#base.recs[code] as Rec) : ((this.listed[-code - 1] as Entry).rec as Rec);
  }

  /**
   * Walks the base answer (skipping hidden positions) merged with the overlay matches (indices into `listed`),
   * rank by rank, in display order, calling `take` with each code until it returns false.
   */
  walk(answer: BaseAnswer, ranks: number[][], take: (code: number) => boolean) {
    const bounds = [0, answer.cut1, answer.cut2, answer.length];
    for (let r = 0; r < 3; r++) {
      const end = bounds[r + 1] as number;
      const extra = ranks[r] as number[];
      let i = bounds[r] as number;
      let j = 0;
      while (i < end || j < extra.length) {
        if (i < end && this.hidden[answer.all[i] as number]) {
          i++;
          continue;
        }
        const fromBase =
          j >= extra.length ||
          (i < end && this.#baseFirst(answer.all[i] as number, this.listed[extra[j] as number] as Entry));
        if (!take(fromBase ? (answer.all[i++] as number) : -((extra[j++] as number) + 1))) return;
      }
    }
  }

  /** Whether base position `p` comes before overlay entry `e` in display order. */
  #baseFirst(p: number, e: Entry): boolean {
    const ms = this.#base.keyMs[p] as number;
    return ms > e.ms || (ms === e.ms && (this.#base.recs[p] as Rec).filingNo > e.rec.filingNo);
  }

  /** How many positions of the sorted range [from, to) of `all` are hidden by the overlay. */
  hiddenIn(all: Int32Array, from: number, to: number): number {
    let count = 0;
    for (const p of this.hiddenList) {
      let lo = from;
      let hi = to;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((all[mid] as number) < p) lo = mid + 1;
        else hi = mid;
      }
      if (lo < to && all[lo] === p) count++;
    }
    return count;
  }

  /** The enterprise's current listed 备案编号 (valid first, then newest), or null when none is public. */
  currentNumberOf(uscc: string): string | null {
    const { byUscc, stateAt, keyMs, recs } = this.#base;
    const key = normalizeId(uscc);
    let best: { state: number; ms: number; no: string } | undefined;
    const consider = (state: number, ms: number, no: string) => {
      if (!best || state < best.state || (state === best.state && ms > best.ms)) best = { state, ms, no };
    };
    for (const p of byUscc.get(key))
      if (!this.hidden[p]) consider(stateAt[p] as number, keyMs[p] as number, (recs[p] as Rec).filingNo);
    for (const e of this.listed) if (e.uscc === key) consider(e.state, e.ms, e.rec.filingNo);
    return best?.no ?? null;
  }
}
