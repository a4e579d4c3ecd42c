/**
 * The public registry's read model: every listed CQO (有效 and 已注销) with public fields only, held in memory
 * with the lookups a search needs, so a request costs a few map reads instead of a LIKE scan of `filings`.
 *
 * - exact maps: 备案编号 and 统一社会信用代码 (case-insensitive), full 姓名 (consented names only);
 * - an inverted index of character bigrams (and single characters, for one-character queries) over consented
 *   names and enterprise names; a query's rarest bigram gives the candidates, a substring test confirms them;
 * - entries are stored in display order (recognition date, newest first), so every posting list is already
 *   sorted and a result never needs sorting;
 * - answers (lists of positions) are cached per query until the index is rebuilt.
 *
 * The index is built from one query on first use and rebuilt when the registry changes: the filing workflow
 * calls `invalidateRegistry` after a recognition or deregistration, and at most once a second a request
 * compares a cheap version fingerprint (`registryVersion`) so changes made by another process are seen too.
 * One index per database per process — on Workers, per isolate.
 */
import type { Database } from '../../db/database.ts';
import { listPublicFilings, type PublicFilingRow, registryVersion } from '../../db/queries/registry.ts';
import type { PublicCqo, PublicCqoList, RegistryStats } from '../../src/shared/api-types.ts';
import { chinaDate } from '../../src/shared/china-date.ts';
import {
  type CityCode,
  cityCodes,
  type EnterpriseType,
  enterpriseTypeCodes,
} from '../../src/shared/labels.ts';

export type RegistryQuery = {
  q?: string;
  city?: string;
  type?: string;
  status?: 'valid' | 'deregistered';
  page: number;
  pageSize: number;
};

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD in China time: the date a person in Jilin would call it. */
export function chinaDay(d: Date): string {
  const c = chinaDate(d);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
}

function chinaMonth(d: Date): string {
  const c = chinaDate(d);
  return `${c.year}-${pad(c.month)}`;
}

/** How names and enterprise names are compared: full-width folded (NFKC), lower case, single spaces. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** How 备案编号 and 统一社会信用代码 are compared: full-width folded, upper case, no spaces. */
export function normalizeId(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

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

function toPublic(row: PublicFilingRow, intern: (s: string) => string): PublicCqo {
  return {
    filingNo: row.filingNo ?? '',
    name: row.publishConsent && row.cqoName ? row.cqoName : null,
    enterpriseName: row.enterpriseName,
    uscc: row.uscc,
    enterpriseType: intern(row.enterpriseType) as EnterpriseType,
    grade: row.grade === null ? null : intern(row.grade),
    city: intern(row.city) as CityCode,
    recognizedAt: row.recognizedAt ? intern(chinaDay(row.recognizedAt)) : '',
    status: row.status === 'recognized' ? 'valid' : 'deregistered',
    deregisteredAt:
      row.status === 'deregistered' && row.deregisteredAt ? intern(chinaDay(row.deregisteredAt)) : null,
  };
}

/** Keeps the original string when normalizing changes nothing, so the index holds one copy of it. */
const same = (original: string, normalized: string) => (normalized === original ? original : normalized);

/** Maps a key to one position, or to several in the rare case of a repeat (a name, an enterprise's USCC). */
function multiMap() {
  const one = new Map<string, number>();
  const more = new Map<string, number[]>();
  return {
    add(key: string, p: number) {
      const first = one.get(key);
      if (first === undefined) one.set(key, p);
      else more.get(key)?.push(p) ?? more.set(key, [first, p]);
    },
    get(key: string): readonly number[] {
      const first = one.get(key);
      return first === undefined ? [] : (more.get(key) ?? [first]);
    },
  };
}

const CACHE_ENTRIES = 2000;
const CACHE_POSITIONS = 4_000_000;
const NONE = 255;

export type Registry = ReturnType<typeof buildRegistry>;

/** Builds the read model from the public rows (any order). */
export function buildRegistry(rows: PublicFilingRow[], builtAt: Date) {
  const sorted = rows
    .filter((r) => r.filingNo && r.recognizedAt)
    .sort(
      (a, b) =>
        (b.recognizedAt?.getTime() ?? 0) - (a.recognizedAt?.getTime() ?? 0) ||
        ((b.filingNo ?? '') < (a.filingNo ?? '') ? -1 : 1),
    );
  const n = sorted.length;
  const items: PublicCqo[] = new Array(n);
  const intern = interner();
  const names: string[] = new Array(n);
  const enterprises: string[] = new Array(n);
  const months: string[] = new Array(n);
  const cityOf = new Uint8Array(n);
  const typeOf = new Uint8Array(n);
  const validOf = new Uint8Array(n);
  const byNo = new Map<string, number>();
  const byUscc = multiMap();
  const byName = multiMap();
  const building = new Map<string, number[]>();
  const cityIndex = new Map<string, number>(cityCodes.map((c, i) => [c, i]));
  const typeIndex = new Map<string, number>(enterpriseTypeCodes.map((t, i) => [t, i]));
  const byCityLists: number[][] = cityCodes.map(() => []);
  const byTypeLists: number[][] = enterpriseTypeCodes.map(() => []);
  const byValidLists: number[][] = [[], []];

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
    const item = toPublic(row, intern);
    items[p] = item;
    names[p] = item.name ? same(item.name, normalizeText(item.name)) : '';
    enterprises[p] = same(item.enterpriseName, normalizeText(item.enterpriseName));
    months[p] = row.recognizedAt ? intern(chinaMonth(row.recognizedAt)) : '';
    const city = cityIndex.get(item.city) ?? NONE;
    const type = typeIndex.get(item.enterpriseType) ?? NONE;
    cityOf[p] = city;
    typeOf[p] = type;
    validOf[p] = item.status === 'valid' ? 1 : 0;
    byCityLists[city]?.push(p);
    byTypeLists[type]?.push(p);
    byValidLists[item.status === 'valid' ? 1 : 0]?.push(p);
    byNo.set(same(item.filingNo, normalizeId(item.filingNo)), p);
    byUscc.add(same(item.uscc, normalizeId(item.uscc)), p);
    const name = names[p] as string;
    if (name) {
      byName.add(name, p);
      indexText(name, p);
    }
    indexText(enterprises[p] as string, p);
  }
  const grams = new Map<string, Int32Array>();
  for (const [key, list] of building) grams.set(key, Int32Array.from(list));
  building.clear();
  const byCity = byCityLists.map((l) => Int32Array.from(l));
  const byType = byTypeLists.map((l) => Int32Array.from(l));
  const byValid = byValidLists.map((l) => Int32Array.from(l));

  // Marks positions already in a result; a new stamp per search saves clearing it.
  const seen = new Int32Array(n);
  let stamp = 0;
  const cache = new Map<string, Int32Array>();
  let cachedPositions = 0;

  function matches(query: Omit<RegistryQuery, 'page' | 'pageSize'>): Int32Array {
    const city = query.city ? (cityIndex.get(query.city) ?? -2) : -1;
    const type = query.type ? (typeIndex.get(query.type) ?? -2) : -1;
    const valid = query.status ? (query.status === 'valid' ? 1 : 0) : -1;
    const ok = (p: number) =>
      (city === -1 || cityOf[p] === city) &&
      (type === -1 || typeOf[p] === type) &&
      (valid === -1 || validOf[p] === valid);
    const text = query.q ? normalizeText(query.q) : '';

    if (!text) {
      const base =
        city >= 0 ? byCity[city] : type >= 0 ? byType[type] : valid >= 0 ? byValid[valid] : undefined;
      if (!base) return city === -2 || type === -2 ? new Int32Array(0) : allPositions();
      const out: number[] = [];
      for (const p of base) if (ok(p)) out.push(p);
      return Int32Array.from(out);
    }

    stamp = stamp === 0x7fffffff ? 1 : stamp + 1;
    if (stamp === 1) seen.fill(0);
    const out: number[] = [];
    const add = (p: number) => {
      if (seen[p] !== stamp && ok(p)) {
        seen[p] = stamp;
        out.push(p);
      }
    };
    // 1. exact identifiers, 2. exact names, 3. substrings of names and enterprise names; each by date.
    const id = normalizeId(query.q ?? '');
    const no = byNo.get(id);
    if (no !== undefined) add(no);
    for (const p of byUscc.get(id)) add(p);
    for (const p of byName.get(text)) add(p);
    const chars = [...text];
    let candidates: Int32Array | undefined;
    if (chars.length === 1) candidates = grams.get(text);
    else {
      for (let i = 1; i < chars.length; i++) {
        const list = grams.get((chars[i - 1] as string) + chars[i]);
        if (!list) {
          candidates = undefined;
          break;
        }
        if (!candidates || list.length < candidates.length) candidates = list;
      }
    }
    if (candidates) {
      for (const p of candidates) {
        if (seen[p] === stamp || !ok(p)) continue;
        if ((names[p] as string).includes(text) || (enterprises[p] as string).includes(text)) {
          seen[p] = stamp;
          out.push(p);
        }
      }
    }
    return Int32Array.from(out);
  }

  let all: Int32Array | undefined;
  function allPositions() {
    all ??= Int32Array.from({ length: n }, (_, i) => i);
    return all;
  }

  function cachedMatches(query: Omit<RegistryQuery, 'page' | 'pageSize'>): Int32Array {
    const key = `${query.q ?? ''}\u0000${query.city ?? ''}\u0000${query.type ?? ''}\u0000${query.status ?? ''}`;
    const hit = cache.get(key);
    if (hit) {
      // Least recently used goes first: re-insert on every hit.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const found = matches(query);
    cache.set(key, found);
    cachedPositions += found.length;
    while (cache.size > CACHE_ENTRIES || cachedPositions > CACHE_POSITIONS) {
      const [oldest] = cache;
      if (!oldest) break;
      cache.delete(oldest[0]);
      cachedPositions -= oldest[1].length;
    }
    return found;
  }

  const statsByMonth = new Map<string, number>();
  for (const m of months) statsByMonth.set(m, (statsByMonth.get(m) ?? 0) + 1);
  const validCount = byValid[1]?.length ?? 0;
  const countValid = (lists: Int32Array[]) =>
    lists.map((l) => {
      let count = 0;
      for (const p of l) count += validOf[p] as number;
      return count;
    });
  const validByCity = countValid(byCity);
  const validByType = countValid(byType);
  const openData: { csv?: Uint8Array; json?: Uint8Array } = {};

  return {
    builtAt,
    size: n,
    /** One page of a search; a page past the end is empty, with the right total. */
    search(query: RegistryQuery): PublicCqoList {
      const found = cachedMatches(query);
      const start = (query.page - 1) * query.pageSize;
      const page: PublicCqo[] = [];
      for (let i = start; i < Math.min(found.length, start + query.pageSize); i++)
        page.push(items[found[i] as number] as PublicCqo);
      return { items: page, total: found.length, page: query.page, pageSize: query.pageSize };
    },
    /** One CQO by 备案编号 (any case), or undefined when it is not public. */
    find(filingNo: string): PublicCqo | undefined {
      const p = byNo.get(normalizeId(filingNo));
      return p === undefined ? undefined : items[p];
    },
    /** Every entry in display order (open data). */
    items(): readonly PublicCqo[] {
      return items;
    },
    /** Figures of currently valid CQOs; recognitions per month for the 24 months up to `now`. */
    stats(now: Date): RegistryStats {
      const c = chinaDate(now);
      const byMonth: RegistryStats['byMonth'] = [];
      for (let i = 23; i >= 0; i--) {
        const index = c.year * 12 + (c.month - 1) - i;
        const month = `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
        byMonth.push({ month, count: statsByMonth.get(month) ?? 0 });
      }
      return {
        total: validCount,
        byCity: cityCodes.map((city, i) => ({ city, count: validByCity[i] ?? 0 })),
        byType: enterpriseTypeCodes.map((type, i) => ({ type, count: validByType[i] ?? 0 })),
        byMonth,
      };
    },
    /** A per-index slot for the open-data files, made on first download and dropped with the index. */
    openData(): { csv?: Uint8Array; json?: Uint8Array } {
      return openData;
    },
  };
}

type Holder = {
  index?: Registry;
  version?: string;
  checkedAt: number;
  stale: boolean;
  building?: Promise<void>;
};

const holders = new WeakMap<Database, Holder>();

/** How often a request compares the database's registry fingerprint with the index's. */
export const VERSION_CHECK_MS = 1000;

function holderOf(db: Database): Holder {
  let h = holders.get(db);
  if (!h) {
    h = { checkedAt: 0, stale: true };
    holders.set(db, h);
  }
  return h;
}

async function refresh(db: Database, h: Holder) {
  const version = await registryVersion(db);
  h.checkedAt = Date.now();
  if (h.index && !h.stale && version === h.version) return;
  // Cleared before reading, so an invalidation that lands while we read makes the next request rebuild.
  h.stale = false;
  const rows = await listPublicFilings(db);
  h.index = buildRegistry(rows, new Date());
  h.version = version;
}

/** The current read model of `db`'s public registry (built or refreshed when needed). */
export async function registryOf(db: Database): Promise<Registry> {
  const h = holderOf(db);
  for (;;) {
    // Wall-clock time on purpose: tests freeze the app's clock, and this is about cache age, not dates.
    if (h.index && !h.stale && Date.now() - h.checkedAt < VERSION_CHECK_MS) return h.index;
    h.building ??= refresh(db, h).finally(() => {
      h.building = undefined;
    });
    try {
      await h.building;
    } catch (err) {
      // A database hiccup should not take the registry down: answer from the index we have, retry later.
      if (!h.index) throw err;
      console.error(`[registry] refresh failed: ${err instanceof Error ? err.message : String(err)}`);
      h.checkedAt = Date.now();
      return h.index;
    }
  }
}

/** Tells the read model that the registry changed (called by the workflow after recognize and deregister). */
export function invalidateRegistry(db: Database) {
  const h = holders.get(db);
  if (h) h.stale = true;
}
