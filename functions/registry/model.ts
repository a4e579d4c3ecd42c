/**
 * The public registry's read model: every filing with a 备案编号 that the public may ask about, public fields
 * only, with the lookups a search needs, so a request costs a few map reads instead of a LIKE scan of `filings`.
 *
 * - listed (searchable, browsable, open data): 有效 and 已注销 filings whose CQO consented to publication
 *   (DOMAIN.md: without consent the filing is valid but not listed publicly);
 * - known by number only (`find`): the unlisted ones (answered without the name) and superseded ones (已变更);
 * - exact maps: 备案编号 (all), 统一社会信用代码 and full 姓名 (listed only), case-insensitive;
 * - an inverted index of character bigrams (and single characters, for one-character queries) over the listed
 *   names and enterprise names; a term's rarest bigram gives the candidates, substring tests confirm them;
 * - entries are stored in display order (recognition date, newest first), so posting lists are already sorted;
 * - answers (lists of positions) are cached per query.
 *
 * The base is immutable once built. Changes arrive as an overlay (`apply`): the changed filings' new records,
 * keyed by 备案编号, hide their base entries; a search merges the base's answer with the overlay's in display
 * order. The overlay stays small because the holder (index.ts) rebuilds the base in the background now and then.
 *
 * A build is a generator that yields every few hundred rows, so the holder can run it in slices between
 * requests (`runSliced`) and never hold the event loop for long; `runNow` runs it in one go (tests, benches).
 */
import type { PublicFilingRow } from '../../db/queries/registry/registry.ts';
import {
  type CityCode,
  cityCodes,
  type EnterpriseType,
  enterpriseTypeCodes,
} from '../../src/shared/labels.ts';
import type { CqoRecord, PublicCqo, RegistryStats } from '../../src/shared/registry/answers.ts';
import { answerCache, multiMap } from './collections.ts';
import { type BuildSteps, runNow, runSliced, sortSteps } from './slices.ts';
import { chinaDay, chinaMonthsUpTo, normalizeId, normalizeText, queryTerms } from './text.ts';

export { type BuildSteps, chinaDay, normalizeId, normalizeText, queryTerms, runNow, runSliced };

export type RegistryQuery = {
  q?: string;
  city?: string;
  type?: string;
  status?: 'valid' | 'deregistered';
  page: number;
  pageSize: number;
};

const VALID = 0;
const DEREGISTERED = 1;
const SUPERSEDED = 2;
type State = typeof VALID | typeof DEREGISTERED | typeof SUPERSEDED;

/** A superseded record: known by its number only, never listed. */
type SupersededRecord = Omit<PublicCqo, 'status' | 'deregisteredAt'> & {
  status: 'superseded';
  deregisteredAt: null;
  supersededAt: string;
};
type Rec = PublicCqo | SupersededRecord;

/** A changed filing in the overlay, with what search, order and statistics need of it. */
type Entry = {
  rec: Rec;
  state: State;
  listed: boolean;
  ms: number;
  no: string;
  uscc: string;
  name: string;
  enterprise: string;
  city: number;
  type: number;
};

/** The same string once: dates and months repeat thousands of times in a large registry. */
function interner() {
  const seen = new Map<string, string>();
  return (s: string) => {
    const known = seen.get(s);
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
}

/** Keeps the original string when normalizing changes nothing, so the model holds one copy of it. */
const same = (original: string, normalized: string) => (normalized === original ? original : normalized);

function stateOf(status: string): State {
  return status === 'recognized' ? VALID : status === 'deregistered' ? DEREGISTERED : SUPERSEDED;
}

function toRecord(row: PublicFilingRow, intern: (s: string) => string): Rec {
  const state = stateOf(row.status);
  const common = {
    filingNo: row.filingNo ?? '',
    name: row.publishConsent && row.cqoName ? row.cqoName : null,
    enterpriseName: row.enterpriseName,
    uscc: row.uscc,
    enterpriseType: intern(row.enterpriseType) as EnterpriseType,
    grade: row.grade === null ? null : intern(row.grade),
    city: intern(row.city) as CityCode,
    recognizedAt: row.recognizedAt ? intern(chinaDay(row.recognizedAt)) : '',
  };
  if (state === SUPERSEDED)
    return {
      ...common,
      status: 'superseded',
      deregisteredAt: null,
      supersededAt: intern(chinaDay(row.updatedAt)),
    };
  return {
    ...common,
    status: state === VALID ? 'valid' : 'deregistered',
    deregisteredAt:
      state === DEREGISTERED && row.deregisteredAt ? intern(chinaDay(row.deregisteredAt)) : null,
  };
}

const cityIndex = new Map<string, number>(cityCodes.map((c, i) => [c, i]));
const typeIndex = new Map<string, number>(enterpriseTypeCodes.map((t, i) => [t, i]));
const NONE = 255;

function entryOf(row: PublicFilingRow, intern: (s: string) => string): Entry {
  const rec = toRecord(row, intern);
  const state = stateOf(row.status);
  const listed = state !== SUPERSEDED && row.publishConsent;
  return {
    rec,
    state,
    listed,
    ms: row.recognizedAt?.getTime() ?? 0,
    no: normalizeId(rec.filingNo),
    uscc: normalizeId(rec.uscc),
    name: listed && rec.name ? normalizeText(rec.name) : '',
    enterprise: normalizeText(rec.enterpriseName),
    city: cityIndex.get(rec.city) ?? NONE,
    type: typeIndex.get(rec.enterpriseType) ?? NONE,
  };
}

const BASE_CACHE_ENTRIES = 2000;
const BASE_CACHE_POSITIONS = 4_000_000;
const ROWS_PER_STEP = 128;

let models = 0;

export type Registry = ReturnType<typeof assemble>;

/** Builds the read model from the rows (any order) at once: tests and small registries. */
export function buildRegistry(rows: PublicFilingRow[], builtAt: Date, version = 0): Registry {
  return runNow(buildSteps(rows, builtAt, version));
}

/** The build as steps (see `runSliced`). `version` is the change-log version the rows reflect. */
export function* buildSteps(rows: PublicFilingRow[], builtAt: Date, version: number): BuildSteps<Registry> {
  const usable = rows.filter((r) => r.filingNo && r.recognizedAt);
  yield;
  const count = usable.length;
  const msOf = new Float64Array(count);
  for (let i = 0; i < count; i++) msOf[i] = (usable[i] as PublicFilingRow).recognizedAt?.getTime() ?? 0;
  yield;
  const order = yield* sortSteps(count, (a, b) => {
    const ma = msOf[a] as number;
    const mb = msOf[b] as number;
    return ma > mb || (ma === mb && (usable[a]?.filingNo ?? '') > (usable[b]?.filingNo ?? ''));
  });
  const sorted: PublicFilingRow[] = new Array(count);
  for (let p = 0; p < count; p++) sorted[p] = usable[order[p] as number] as PublicFilingRow;
  return yield* indexSteps(sorted, builtAt, version);
}

function* indexSteps(sorted: PublicFilingRow[], builtAt: Date, version: number): BuildSteps<Registry> {
  const n = sorted.length;
  const intern = interner();
  const recs: Rec[] = new Array(n);
  const names: string[] = new Array(n);
  const enterprises: string[] = new Array(n);
  const keyMs = new Float64Array(n);
  const cityOf = new Uint8Array(n);
  const typeOf = new Uint8Array(n);
  const stateAt = new Uint8Array(n);
  const listedOf = new Uint8Array(n);
  const byNo = new Map<string, number>();
  const byUscc = multiMap();
  const byName = multiMap();
  const building = new Map<string, number[]>();
  const byCityLists: number[][] = cityCodes.map(() => []);
  const byTypeLists: number[][] = enterpriseTypeCodes.map(() => []);
  const byStateLists: number[][] = [[], []];
  const allLists: number[] = [];
  const validByCity = new Array<number>(cityCodes.length).fill(0);
  const validByType = new Array<number>(enterpriseTypeCodes.length).fill(0);
  const byMonth = new Map<string, number>();
  let validCount = 0;

  const post = (key: string, p: number) => {
    const list = building.get(key);
    if (!list) building.set(key, [p]);
    else if (list[list.length - 1] !== p) list.push(p);
  };
  const indexText = (text: string, p: number) => {
    let prev = '';
    for (const ch of text) {
      post(ch, p);
      if (prev) post(prev + ch, p);
      prev = ch;
    }
  };

  for (let p = 0; p < n; p++) {
    const row = sorted[p] as PublicFilingRow;
    const rec = toRecord(row, intern);
    const state = stateOf(row.status);
    const listed = state !== SUPERSEDED && row.publishConsent;
    recs[p] = rec;
    keyMs[p] = row.recognizedAt?.getTime() ?? 0;
    const city = cityIndex.get(rec.city) ?? NONE;
    const type = typeIndex.get(rec.enterpriseType) ?? NONE;
    cityOf[p] = city;
    typeOf[p] = type;
    stateAt[p] = state;
    listedOf[p] = listed ? 1 : 0;
    byNo.set(same(rec.filingNo, normalizeId(rec.filingNo)), p);
    // Statistics are aggregates: they count every recognition, listed or not, superseded or not.
    const month = rec.recognizedAt.slice(0, 7);
    byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
    if (state === VALID) {
      validCount++;
      if (city !== NONE) validByCity[city] = (validByCity[city] ?? 0) + 1;
      if (type !== NONE) validByType[type] = (validByType[type] ?? 0) + 1;
    }
    names[p] = '';
    enterprises[p] = '';
    if (listed) {
      const name = rec.name ? same(rec.name, normalizeText(rec.name)) : '';
      const enterprise = same(rec.enterpriseName, normalizeText(rec.enterpriseName));
      names[p] = name;
      enterprises[p] = enterprise;
      allLists.push(p);
      byCityLists[city]?.push(p);
      byTypeLists[type]?.push(p);
      byStateLists[state]?.push(p);
      byUscc.add(same(rec.uscc, normalizeId(rec.uscc)), p);
      if (name) {
        byName.add(name, p);
        indexText(name, p);
      }
      indexText(enterprise, p);
    }
    if (p % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
  }
  const grams = new Map<string, Int32Array>();
  let converted = 0;
  for (const [key, list] of building) {
    grams.set(key, Int32Array.from(list));
    converted += list.length;
    if (converted >= 20_000) {
      converted = 0;
      yield;
    }
  }
  building.clear();
  return assemble({
    builtAt,
    version,
    recs,
    names,
    enterprises,
    keyMs,
    cityOf,
    typeOf,
    stateAt,
    listedOf,
    byNo,
    byUscc,
    byName,
    grams,
    all: Int32Array.from(allLists),
    byCity: byCityLists.map((l) => Int32Array.from(l)),
    byType: byTypeLists.map((l) => Int32Array.from(l)),
    byState: byStateLists.map((l) => Int32Array.from(l)),
    validCount,
    validByCity,
    validByType,
    byMonth,
  });
}

type Base = {
  builtAt: Date;
  version: number;
  recs: Rec[];
  names: string[];
  enterprises: string[];
  keyMs: Float64Array;
  cityOf: Uint8Array;
  typeOf: Uint8Array;
  stateAt: Uint8Array;
  listedOf: Uint8Array;
  byNo: Map<string, number>;
  byUscc: ReturnType<typeof multiMap>;
  byName: ReturnType<typeof multiMap>;
  grams: Map<string, Int32Array>;
  all: Int32Array;
  byCity: Int32Array[];
  byType: Int32Array[];
  byState: Int32Array[];
  validCount: number;
  validByCity: number[];
  validByType: number[];
  byMonth: Map<string, number>;
};

/** A base answer: positions by rank (exact identifier, exact name, the rest), each part in display order. */
type BaseAnswer = { all: Int32Array; cut1: number; cut2: number; length: number };

function assemble(base: Base) {
  const { recs, names, enterprises, keyMs, cityOf, typeOf, stateAt, listedOf, byNo, byUscc, byName, grams } =
    base;
  const n = recs.length;
  const id = ++models;
  const intern = interner();

  // The overlay: changed filings by normalized 备案编号, and the base positions they hide.
  const over = new Map<string, Entry>();
  const dead = new Uint8Array(n);
  const deadList: number[] = [];
  let deadListed = 0;
  let overListed: Entry[] = [];
  let generation = 0;
  let version = base.version;

  // Marks positions already considered in a search; a new stamp per search saves clearing it.
  const seen = new Int32Array(n);
  let stamp = 0;
  const baseCache = answerCache<BaseAnswer>(BASE_CACHE_ENTRIES, BASE_CACHE_POSITIONS);
  // Per query: the overlay's matches and the total, until the overlay changes (small: no answer-sized arrays).
  const viewCache = new Map<string, { answer: BaseAnswer; ranks: number[][]; total: number }>();

  type Filter = { city: number; type: number; state: number; impossible: boolean };
  function filterOf(query: Omit<RegistryQuery, 'page' | 'pageSize'>): Filter {
    const city = query.city ? (cityIndex.get(query.city) ?? -2) : -1;
    const type = query.type ? (typeIndex.get(query.type) ?? -2) : -1;
    const state = query.status ? (query.status === 'valid' ? VALID : DEREGISTERED) : -1;
    return { city, type, state, impossible: city === -2 || type === -2 };
  }
  const passes = (f: Filter, city: number, type: number, state: number) =>
    (f.city === -1 || city === f.city) &&
    (f.type === -1 || type === f.type) &&
    (f.state === -1 || state === f.state);

  /** The base's answer, cached per normalized query until the base is replaced. */
  function baseAnswer(key: string, terms: string[], f: Filter): BaseAnswer {
    const hit = baseCache.get(key);
    if (hit) return hit;
    const answer = computeBase(terms, f);
    baseCache.set(key, answer);
    return answer;
  }

  function computeBase(terms: string[], f: Filter): BaseAnswer {
    const ok = (p: number) => passes(f, cityOf[p] as number, typeOf[p] as number, stateAt[p] as number);
    if (f.impossible) return { all: new Int32Array(0), cut1: 0, cut2: 0, length: 0 };
    if (terms.length === 0) {
      const list =
        f.city >= 0
          ? base.byCity[f.city]
          : f.type >= 0
            ? base.byType[f.type]
            : f.state >= 0
              ? base.byState[f.state]
              : base.all;
      if (!list) return { all: new Int32Array(0), cut1: 0, cut2: 0, length: 0 };
      const onlyOne = [f.city, f.type, f.state].filter((x) => x >= 0).length <= 1;
      const all = onlyOne ? list : list.filter(ok);
      return { all, cut1: 0, cut2: 0, length: all.length };
    }

    stamp = stamp === 0x7fffffff ? 1 : stamp + 1;
    if (stamp === 1) seen.fill(0);
    // Exact identifier hits of each term (and of the whole query, for a number typed with spaces).
    const whole = normalizeId(terms.join(''));
    const idHits = new Set<number>();
    const idHitsOf = terms.map((t) => {
      const key = normalizeId(t);
      const hits = new Set<number>(byUscc.get(key));
      const no = byNo.get(key);
      if (no !== undefined && listedOf[no]) hits.add(no);
      for (const p of hits) idHits.add(p);
      return hits;
    });
    const wholeHits: number[] = [...byUscc.get(whole)];
    const wholeNo = byNo.get(whole);
    if (wholeNo !== undefined && listedOf[wholeNo]) wholeHits.push(wholeNo);
    const nameHits = new Set<number>();
    for (const t of terms) for (const p of byName.get(t)) nameHits.add(p);

    const termMatches = (p: number, i: number) => {
      const t = terms[i] as string;
      return (
        (idHitsOf[i] as Set<number>).has(p) ||
        (names[p] as string).includes(t) ||
        (enterprises[p] as string).includes(t)
      );
    };

    // The term with the fewest candidates generates them; the others confirm.
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    let bestList: Int32Array | undefined;
    for (let i = 0; i < terms.length; i++) {
      const list = postings(terms[i] as string);
      const cost =
        (idHitsOf[i] as Set<number>).size + byName.get(terms[i] as string).length + (list?.length ?? 0);
      if (cost < bestCost) {
        best = i;
        bestCost = cost;
        bestList = list;
      }
    }
    const r0: number[] = [];
    const r1: number[] = [];
    const r2: number[] = [];
    let r2Sorted = true;
    const place = (p: number) => {
      if (seen[p] === stamp) return;
      seen[p] = stamp;
      if (!listedOf[p] || !ok(p)) return;
      for (let i = 0; i < terms.length; i++) if (!termMatches(p, i)) return;
      if (idHits.has(p)) r0.push(p);
      else if (nameHits.has(p)) r1.push(p);
      else {
        if (r2.length && (r2[r2.length - 1] as number) > p) r2Sorted = false;
        r2.push(p);
      }
    };
    for (const p of wholeHits) {
      if (seen[p] !== stamp && listedOf[p] && ok(p)) {
        seen[p] = stamp;
        r0.push(p);
      }
    }
    if (best >= 0) {
      const t = terms[best] as string;
      for (const p of idHitsOf[best] as Set<number>) place(p);
      for (const p of byName.get(t)) place(p);
      if (bestList) for (const p of bestList) place(p);
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

  /** The posting list a term's substrings must be in: its rarest bigram, or its one character. */
  function postings(term: string): Int32Array | undefined {
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

  /** Overlay entries matching the query, by rank, each in display order (indices into `overListed`). */
  function overlayMatches(terms: string[], f: Filter): number[][] {
    const ranks: number[][] = [[], [], []];
    if (f.impossible) return ranks;
    const ids = terms.map(normalizeId);
    const whole = normalizeId(terms.join(''));
    overListed.forEach((e, k) => {
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

  /** Whether base position `p` comes before overlay entry `e` in display order. */
  const baseFirst = (p: number, e: Entry) => {
    const ms = keyMs[p] as number;
    return ms > e.ms || (ms === e.ms && (recs[p] as Rec).filingNo > e.rec.filingNo);
  };

  /**
   * Walks the base answer (skipping hidden positions) merged with the overlay matches, rank by rank, in display
   * order, calling `take` with each code (>= 0 a base position, < 0 an overlay entry) until it returns false.
   */
  function walk(answer: BaseAnswer, ranks: number[][], take: (code: number) => boolean) {
    const bounds = [0, answer.cut1, answer.cut2, answer.length];
    for (let r = 0; r < 3; r++) {
      const end = bounds[r + 1] as number;
      const extra = ranks[r] as number[];
      let i = bounds[r] as number;
      let j = 0;
      while (i < end || j < extra.length) {
        if (i < end && dead[answer.all[i] as number]) {
          i++;
          continue;
        }
        const fromBase =
          j >= extra.length ||
          (i < end && baseFirst(answer.all[i] as number, overListed[extra[j] as number] as Entry));
        if (!take(fromBase ? (answer.all[i++] as number) : -((extra[j++] as number) + 1))) return;
      }
    }
  }

  /** How many positions of the sorted range [from, to) of `all` are hidden by the overlay. */
  function hiddenIn(all: Int32Array, from: number, to: number): number {
    let count = 0;
    for (const p of deadList) {
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

  /**
   * A query's answer as the base's (cached until the base is replaced) plus the overlay's matches and the total
   * (cached until the overlay changes). Nothing the size of the answer is copied per change: a page is found by
   * walking the two in order up to it.
   */
  type View = { answer: BaseAnswer; ranks: number[][]; total: number };
  const noRanks: number[][] = [[], [], []];
  function viewOf(query: Omit<RegistryQuery, 'page' | 'pageSize'>): View {
    const terms = queryTerms(query.q);
    const f = filterOf(query);
    const key = `${terms.join(' ')}\u0000${query.city ?? ''}\u0000${query.type ?? ''}\u0000${query.status ?? ''}`;
    const answer = baseAnswer(key, terms, f);
    if (over.size === 0) return { answer, ranks: noRanks, total: answer.length };
    const hit = viewCache.get(key);
    if (hit?.answer === answer) return hit;
    const ranks = overlayMatches(terms, f);
    const bounds = [0, answer.cut1, answer.cut2, answer.length];
    let total = 0;
    for (let r = 0; r < 3; r++) {
      const from = bounds[r] as number;
      const to = bounds[r + 1] as number;
      total += to - from - hiddenIn(answer.all, from, to) + (ranks[r] as number[]).length;
    }
    const view = { answer, ranks, total };
    // Bounded: many distinct queries between two changes start the cache afresh.
    if (viewCache.size >= 5000) viewCache.clear();
    viewCache.set(key, view);
    return view;
  }

  const recAt = (code: number): Rec =>
    code >= 0 ? (recs[code] as Rec) : ((overListed[-code - 1] as Entry).rec as Rec);

  /** The enterprise's current listed 备案编号 (valid first, then newest), or null when none is public. */
  function currentNumberOf(uscc: string): string | null {
    const key = normalizeId(uscc);
    let best: { state: number; ms: number; no: string } | undefined;
    const consider = (state: number, ms: number, no: string) => {
      if (!best || state < best.state || (state === best.state && ms > best.ms)) best = { state, ms, no };
    };
    for (const p of byUscc.get(key))
      if (!dead[p]) consider(stateAt[p] as number, keyMs[p] as number, (recs[p] as Rec).filingNo);
    for (const e of overListed) if (e.uscc === key) consider(e.state, e.ms, e.rec.filingNo);
    return best?.no ?? null;
  }

  let listedCache: { generation: number; items: PublicCqo[] } | undefined;
  let statsCache:
    | { generation: number; total: number; byCity: number[]; byType: number[]; byMonth: Map<string, number> }
    | undefined;

  function figures() {
    if (statsCache?.generation === generation) return statsCache;
    let total = base.validCount;
    const byCity = [...base.validByCity];
    const byType = [...base.validByType];
    const byMonth = new Map(base.byMonth);
    const count = (state: number, city: number, type: number, recognizedAt: string, sign: number) => {
      const month = recognizedAt.slice(0, 7);
      byMonth.set(month, (byMonth.get(month) ?? 0) + sign);
      if (state !== VALID) return;
      total += sign;
      if (city !== NONE) byCity[city] = (byCity[city] ?? 0) + sign;
      if (type !== NONE) byType[type] = (byType[type] ?? 0) + sign;
    };
    for (const e of over.values()) {
      const p = byNo.get(e.no);
      if (p !== undefined)
        count(
          stateAt[p] as number,
          cityOf[p] as number,
          typeOf[p] as number,
          (recs[p] as Rec).recognizedAt,
          -1,
        );
      count(e.state, e.city, e.type, e.rec.recognizedAt, 1);
    }
    statsCache = { generation, total, byCity, byType, byMonth };
    return statsCache;
  }

  return {
    builtAt: base.builtAt,
    /** The change-log version this model reflects. */
    get version() {
      return version;
    },
    /** Listed entries (search, open data). */
    get size() {
      return base.all.length - deadListed + overListed.length;
    },
    /** Changed filings held over the base: the holder rebuilds when this grows. */
    get overlaySize() {
      return over.size;
    },
    /** Identifies what the model currently answers (changes with every applied change). */
    stamp(): string {
      return `${id}.${generation}`;
    },
    /** Patches the model with the current records of changed filings, reaching change-log `to`. */
    apply(rows: PublicFilingRow[], to: number) {
      let changed = false;
      for (const row of rows) {
        if (!row.filingNo || !row.recognizedAt) continue;
        const e = entryOf(row, intern);
        over.set(e.no, e);
        const p = byNo.get(e.no);
        if (p !== undefined && !dead[p]) {
          dead[p] = 1;
          deadList.push(p);
          if (listedOf[p]) deadListed++;
        }
        changed = true;
      }
      if (changed) {
        overListed = [...over.values()]
          .filter((e) => e.listed)
          .sort((a, b) => b.ms - a.ms || (b.rec.filingNo > a.rec.filingNo ? 1 : -1));
        generation++;
        viewCache.clear();
      }
      version = Math.max(version, to);
    },
    /** One page of a search; a page past the end is empty, with the right total. */
    search(query: RegistryQuery) {
      const view = viewOf(query);
      const start = (query.page - 1) * query.pageSize;
      const end = Math.min(view.total, start + query.pageSize);
      const page: PublicCqo[] = [];
      if (view.ranks === noRanks) {
        for (let i = start; i < end; i++) page.push(recs[view.answer.all[i] as number] as PublicCqo);
      } else if (start < end) {
        let at = 0;
        walk(view.answer, view.ranks, (code) => {
          if (at++ >= start) page.push(recAt(code) as PublicCqo);
          return at < end;
        });
      }
      return { items: page, total: view.total, page: query.page, pageSize: query.pageSize };
    },
    /** One record by 备案编号 (any case), listed or not, superseded too; undefined when unknown. */
    find(filingNo: string): CqoRecord | undefined {
      const key = normalizeId(filingNo);
      const changed = over.get(key);
      const p = changed ? undefined : byNo.get(key);
      const rec = changed ? changed.rec : p === undefined ? undefined : recs[p];
      if (!rec) return undefined;
      if (rec.status === 'superseded') return { ...rec, currentFilingNo: currentNumberOf(rec.uscc) };
      return { ...rec, supersededAt: null, currentFilingNo: null };
    },
    /** Every listed entry in display order (open data). */
    items(): readonly PublicCqo[] {
      if (listedCache?.generation === generation) return listedCache.items;
      const items: PublicCqo[] = [];
      walk(
        { all: base.all, cut1: 0, cut2: 0, length: base.all.length },
        [[], [], overListed.map((_, k) => k)],
        (c) => {
          items.push(recAt(c) as PublicCqo);
          return true;
        },
      );
      listedCache = { generation, items };
      return items;
    },
    /** Figures of currently valid CQOs (listed or not); recognitions per month for the 24 months up to `now`. */
    stats(now: Date): RegistryStats {
      const f = figures();
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
    },
  };
}
