/**
 * Search over the base and its overlay. A term's rarest bigram (or its one character) gives the base's
 * candidates, substring tests confirm them; exact 备案编号 / 统一社会信用代码 hits rank first, exact names next.
 * The base's answer (positions) is cached per query until the base is replaced; the overlay's matches and the
 * total are cached until the overlay changes. Nothing the size of an answer is copied per change: a page is
 * found by walking the two in order up to it.
 */
import type { PublicCqo } from '../../src/shared/registry/answers.ts';
import type { Base, BaseAnswer } from './base-index.ts';
import { answerCache } from './collections.ts';
import type { Overlay } from './overlay.ts';
import { cityIndex, DEREGISTERED, typeIndex, VALID } from './records.ts';
import { normalizeId, queryTerms } from './text.ts';

export type RegistryQuery = {
  q?: string;
  city?: string;
  type?: string;
  status?: 'valid' | 'deregistered';
  page: number;
  pageSize: number;
};
type Criteria = Omit<RegistryQuery, 'page' | 'pageSize'>;

/** Filters as the base stores them: -1 for any, -2 for a value no entry can have. */
type Filter = { city: number; type: number; state: number; impossible: boolean };

function filterOf(query: Criteria): Filter {
  const city = query.city ? (cityIndex.get(query.city) ?? -2) : -1;
  const type = query.type ? (typeIndex.get(query.type) ?? -2) : -1;
  const state = query.status ? (query.status === 'valid' ? VALID : DEREGISTERED) : -1;
  return { city, type, state, impossible: city === -2 || type === -2 };
}

const passes = (f: Filter, city: number, type: number, state: number) =>
  (f.city === -1 || city === f.city) &&
  (f.type === -1 || type === f.type) &&
  (f.state === -1 || state === f.state);

/** A query's answer: the base's, plus the overlay's matches by rank (indices into `Overlay.listed`). */
type View = { answer: BaseAnswer; ranks: number[][]; total: number };

const BASE_CACHE_ENTRIES = 2000;
const BASE_CACHE_POSITIONS = 4_000_000;
/** Views are small (no answer-sized arrays); many distinct queries between two changes start afresh. */
const VIEW_CACHE_ENTRIES = 5000;
const noRanks: number[][] = [[], [], []];
const empty = (): BaseAnswer => ({ all: new Int32Array(0), cut1: 0, cut2: 0, length: 0 });

export class Search {
  readonly #base: Base;
  readonly #overlay: Overlay;
  /** Marks positions already considered in a search; a new stamp per search saves clearing it. */
  readonly #seen: Int32Array;
  #stamp = 0;
  readonly #answers = answerCache<BaseAnswer>(BASE_CACHE_ENTRIES, BASE_CACHE_POSITIONS);
  readonly #views = new Map<string, View>();

  constructor(base: Base, overlay: Overlay) {
    this.#base = base;
    this.#overlay = overlay;
    this.#seen = new Int32Array(base.recs.length);
  }

  /** Forgets the answers that involve the overlay: called whenever it changed. */
  forget() {
    this.#views.clear();
  }

  /** One page of a search; a page past the end is empty, with the right total. */
  page(query: RegistryQuery) {
    const view = this.#view(query);
    const start = (query.page - 1) * query.pageSize;
    const end = Math.min(view.total, start + query.pageSize);
    const page: PublicCqo[] = [];
    if (view.ranks === noRanks) {
      const { recs } = this.#base;
      for (let i = start; i < end; i++) page.push(recs[view.answer.all[i] as number] as PublicCqo);
    } else if (start < end) {
      let at = 0;
      this.#overlay.walk(view.answer, view.ranks, (code) => {
        if (at++ >= start) page.push(this.#overlay.recAt(code) as PublicCqo);
        return at < end;
      });
    }
    return { items: page, total: view.total, page: query.page, pageSize: query.pageSize };
  }

  #view(query: Criteria): View {
    const terms = queryTerms(query.q);
    const f = filterOf(query);
    const key = `${terms.join(' ')}\u0000${query.city ?? ''}\u0000${query.type ?? ''}\u0000${query.status ?? ''}`;
    const answer = this.#baseAnswer(key, terms, f);
    if (this.#overlay.changed.size === 0) return { answer, ranks: noRanks, total: answer.length };
    const hit = this.#views.get(key);
    if (hit?.answer === answer) return hit;
    const ranks = this.#overlayMatches(terms, f);
    const bounds = [0, answer.cut1, answer.cut2, answer.length];
    let total = 0;
    for (let r = 0; r < 3; r++) {
      const from = bounds[r] as number;
      const to = bounds[r + 1] as number;
      total += to - from - this.#overlay.hiddenIn(answer.all, from, to) + (ranks[r] as number[]).length;
    }
    const view = { answer, ranks, total };
    if (this.#views.size >= VIEW_CACHE_ENTRIES) this.#views.clear();
    this.#views.set(key, view);
    return view;
  }

  /** The base's answer, cached per normalized query until the base is replaced. */
  #baseAnswer(key: string, terms: string[], f: Filter): BaseAnswer {
    const hit = this.#answers.get(key);
    if (hit) return hit;
    const answer = f.impossible ? empty() : terms.length === 0 ? this.#filtered(f) : this.#matching(terms, f);
    this.#answers.set(key, answer);
    return answer;
  }

  /** Filters only: a precomputed list, narrowed further when more than one filter is set. */
  #filtered(f: Filter): BaseAnswer {
    const base = this.#base;
    const list =
      f.city >= 0
        ? base.byCity[f.city]
        : f.type >= 0
          ? base.byType[f.type]
          : f.state >= 0
            ? base.byState[f.state]
            : base.all;
    if (!list) return empty();
    const onlyOne = [f.city, f.type, f.state].filter((x) => x >= 0).length <= 1;
    const { cityOf, typeOf, stateAt } = base;
    const all = onlyOne
      ? list
      : list.filter((p) => passes(f, cityOf[p] as number, typeOf[p] as number, stateAt[p] as number));
    return { all, cut1: 0, cut2: 0, length: all.length };
  }

  /** Listed positions matching every term and the filter, by rank, each rank in display order. */
  #matching(terms: string[], f: Filter): BaseAnswer {
    const { names, enterprises, listedOf, byName, cityOf, typeOf, stateAt } = this.#base;
    const ok = (p: number) => passes(f, cityOf[p] as number, typeOf[p] as number, stateAt[p] as number);
    this.#stamp = this.#stamp === 0x7fffffff ? 1 : this.#stamp + 1;
    if (this.#stamp === 1) this.#seen.fill(0);
    const seen = this.#seen;
    const stamp = this.#stamp;
    const exact = this.#exactHits(terms);
    const termMatches = (p: number, i: number) => {
      const t = terms[i] as string;
      return (
        (exact.idOf[i] as Set<number>).has(p) ||
        (names[p] as string).includes(t) ||
        (enterprises[p] as string).includes(t)
      );
    };
    const r0: number[] = [];
    const r1: number[] = [];
    const r2: number[] = [];
    let r2Sorted = true;
    const place = (p: number) => {
      if (seen[p] === stamp) return;
      seen[p] = stamp;
      if (!listedOf[p] || !ok(p)) return;
      for (let i = 0; i < terms.length; i++) if (!termMatches(p, i)) return;
      if (exact.ids.has(p)) r0.push(p);
      else if (exact.names.has(p)) r1.push(p);
      else {
        if (r2.length && (r2[r2.length - 1] as number) > p) r2Sorted = false;
        r2.push(p);
      }
    };
    for (const p of exact.whole) {
      if (seen[p] !== stamp && listedOf[p] && ok(p)) {
        seen[p] = stamp;
        r0.push(p);
      }
    }
    // The term with the fewest candidates generates them; the others confirm.
    const best = this.#rarest(terms, exact.idOf);
    if (best.term >= 0) {
      for (const p of exact.idOf[best.term] as Set<number>) place(p);
      for (const p of byName.get(terms[best.term] as string)) place(p);
      if (best.list) for (const p of best.list) place(p);
    }
    r0.sort((a, b) => a - b);
    r1.sort((a, b) => a - b);
    if (!r2Sorted) r2.sort((a, b) => a - b);
    const all = new Int32Array(r0.length + r1.length + r2.length);
    all.set(r0, 0);
    all.set(r1, r0.length);
    all.set(r2, r0.length + r1.length);
    return { all, cut1: r0.length, cut2: r0.length + r1.length, length: all.length };
  }

  /** Exact identifier hits of each term and of the whole query (a number typed with spaces), and exact names. */
  #exactHits(terms: string[]) {
    const { byNo, byUscc, byName, listedOf } = this.#base;
    const ids = new Set<number>();
    const idOf = terms.map((t) => {
      const key = normalizeId(t);
      const hits = new Set<number>(byUscc.get(key));
      const no = byNo.get(key);
      if (no !== undefined && listedOf[no]) hits.add(no);
      for (const p of hits) ids.add(p);
      return hits;
    });
    const whole = normalizeId(terms.join(''));
    const wholeHits: number[] = [...byUscc.get(whole)];
    const wholeNo = byNo.get(whole);
    if (wholeNo !== undefined && listedOf[wholeNo]) wholeHits.push(wholeNo);
    const names = new Set<number>();
    for (const t of terms) for (const p of byName.get(t)) names.add(p);
    return { ids, idOf, whole: wholeHits, names };
  }

  /** The term with the fewest candidates (identifier hits, exact names, postings), and its posting list. */
  #rarest(terms: string[], idOf: Set<number>[]): { term: number; list: Int32Array | undefined } {
    let term = -1;
    let cost = Number.POSITIVE_INFINITY;
    let list: Int32Array | undefined;
    for (let i = 0; i < terms.length; i++) {
      const postings = this.#postings(terms[i] as string);
      const c =
        (idOf[i] as Set<number>).size +
        this.#base.byName.get(terms[i] as string).length +
        (postings?.length ?? 0);
      if (c < cost) {
        term = i;
        cost = c;
        list = postings;
      }
    }
    return { term, list };
  }

  /** The posting list a term's substrings must be in: its rarest bigram, or its one character. */
  #postings(term: string): Int32Array | undefined {
    const { grams } = this.#base;
    const chars = [...term];
    if (chars.length === 1) return grams.get(term);
    let found: Int32Array | undefined;
    for (let i = 1; i < chars.length; i++) {
      const list = grams.get((chars[i - 1] as string) + chars[i]);
      if (!list) return undefined;
      if (!found || list.length < found.length) found = list;
    }
    return found;
  }

  /** Overlay entries matching the query, by rank, each in display order (indices into `Overlay.listed`). */
  #overlayMatches(terms: string[], f: Filter): number[][] {
    const ranks: number[][] = [[], [], []];
    if (f.impossible) return ranks;
    const ids = terms.map(normalizeId);
    const whole = normalizeId(terms.join(''));
    this.#overlay.listed.forEach((e, k) => {
      if (!passes(f, e.city, e.type, e.state)) return;
      if (terms.length === 0) {
        ranks[2]?.push(k);
        return;
      }
      const isId = (key: string) => e.no === key || e.uscc === key;
      if (terms.length > 1 && isId(whole)) {
        ranks[0]?.push(k);
        return;
      }
      let rank = 2;
      for (let i = 0; i < terms.length; i++) {
        const t = terms[i] as string;
        if (isId(ids[i] as string)) rank = 0;
        else if (e.name.includes(t) || e.enterprise.includes(t)) {
          if (e.name === t && rank > 1) rank = 1;
        } else return;
      }
      ranks[rank]?.push(k);
    });
    return ranks;
  }
}
