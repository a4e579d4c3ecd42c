/**
 * The public registry's read model: every filing with a 备案编号 that the public may ask about, public fields
 * only, with the lookups a search needs, so a request costs a few map reads instead of a LIKE scan of `filings`.
 *
 * - listed (searchable, browsable, open data): 有效 and 已注销 filings whose CQO consented to publication
 *   (DOMAIN.md: without consent the filing is valid but not listed publicly);
 * - known by number only (`find`): the unlisted ones (answered without the name) and superseded ones (已变更).
 *
 * It is made of an immutable base (base-index.ts), the changes patched over it since (overlay.ts), a search over
 * both (search.ts) and their figures (statistics.ts). A build is a generator that yields every few hundred rows,
 * so the holder (index.ts) can run it in slices between requests (`runSliced`) and never hold the event loop for
 * long; `runNow` runs it in one go (tests, benches).
 */
import type { PublicFilingRow } from '../../db/queries/registry/registry.ts';
import type { CqoRecord, PublicCqo, RegistryStats } from '../../src/shared/registry/answers.ts';
import { type Base, baseSteps } from './base-index.ts';
import { Overlay } from './overlay.ts';
import { type RegistryQuery, Search } from './search.ts';
import { type BuildSteps, runNow, runSliced } from './slices.ts';
import { Statistics } from './statistics.ts';
import { chinaDay, normalizeId, normalizeText, queryTerms } from './text.ts';

export {
  type BuildSteps,
  chinaDay,
  normalizeId,
  normalizeText,
  queryTerms,
  type RegistryQuery,
  runNow,
  runSliced,
};

let models = 0;

export class Registry {
  readonly builtAt: Date;
  readonly #id = ++models;
  readonly #base: Base;
  readonly #overlay: Overlay;
  readonly #search: Search;
  readonly #statistics: Statistics;
  #version: number;
  #listed: { generation: number; items: PublicCqo[] } | undefined;

  constructor(base: Base) {
    this.builtAt = base.builtAt;
    this.#base = base;
    this.#version = base.version;
    this.#overlay = new Overlay(base);
    this.#search = new Search(base, this.#overlay);
    this.#statistics = new Statistics(base, this.#overlay);
  }

  /** The change-log version this model reflects. */
  get version(): number {
    return this.#version;
  }

  /** Listed entries (search, open data). */
  get size(): number {
    return this.#base.all.length - this.#overlay.hiddenListed + this.#overlay.listed.length;
  }

  /** Changed filings held over the base: the holder rebuilds when this grows. */
  get overlaySize(): number {
    return this.#overlay.changed.size;
  }

  /** Identifies what the model currently answers (changes with every applied change). */
  stamp(): string {
    return `${this.#id}.${this.#overlay.generation}`;
  }

  /** Patches the model with the current records of changed filings, reaching change-log `to`. */
  apply(rows: PublicFilingRow[], to: number) {
    if (this.#overlay.apply(rows)) this.#search.forget();
    this.#version = Math.max(this.#version, to);
  }

  /** One page of a search; a page past the end is empty, with the right total. */
  search(query: RegistryQuery) {
    return this.#search.page(query);
  }

  /** One record by 备案编号 (any case), listed or not, superseded too; undefined when unknown. */
  find(filingNo: string): CqoRecord | undefined {
    const key = normalizeId(filingNo);
    const changed = this.#overlay.changed.get(key);
    const p = changed ? undefined : this.#base.byNo.get(key);
    const rec = changed ? changed.rec : p === undefined ? undefined : this.#base.recs[p];
    if (!rec) return undefined;
    if (rec.status === 'superseded')
      return { ...rec, currentFilingNo: this.#overlay.currentNumberOf(rec.uscc) };
    return { ...rec, supersededAt: null, currentFilingNo: null };
  }

  /** Every listed entry in display order (open data). */
  items(): readonly PublicCqo[] {
    const overlay = this.#overlay;
    if (this.#listed?.generation === overlay.generation) return this.#listed.items;
    const items: PublicCqo[] = [];
    const { all } = this.#base;
    overlay.walk(
      { all, cut1: 0, cut2: 0, length: all.length },
      [[], [], overlay.listed.map((_, k) => k)],
      (c) => {
        items.push(overlay.recAt(c) as PublicCqo);
        return true;
      },
    );
    this.#listed = { generation: overlay.generation, items };
    return items;
  }

  /** Figures of currently valid CQOs (listed or not); recognitions per month for the 24 months up to `now`. */
  stats(now: Date): RegistryStats {
    return this.#statistics.stats(now);
  }
}

/** Builds the read model from the rows (any order) at once: tests and small registries. */
export function buildRegistry(rows: PublicFilingRow[], builtAt: Date, version = 0): Registry {
  return runNow(buildSteps(rows, builtAt, version));
}

/** The build as steps (see `runSliced`). `version` is the change-log version the rows reflect. */
export function* buildSteps(rows: PublicFilingRow[], builtAt: Date, version: number): BuildSteps<Registry> {
  return new Registry(yield* baseSteps(rows, builtAt, version));
}
