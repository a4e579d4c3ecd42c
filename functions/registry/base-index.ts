/**
 * The read model's base: every filing with a 备案编号 that the public may ask about, immutable once built.
 *
 * - entries are stored in display order (recognition date, newest first, then 备案编号), so every posting list
 *   is already sorted and a position compares as the display order does;
 * - exact maps: 备案编号 (all), 统一社会信用代码 and full 姓名 (listed only), normalized;
 * - an inverted index of character bigrams (and single characters, for one-character queries) over the listed
 *   names and enterprise names;
 * - the listed positions overall and per 市州, type and state (a search with filters only);
 * - the figures of every row (statistics.ts).
 *
 * The build is a generator that yields every few hundred rows (slices.ts).
 */
import type { PublicFilingRow } from '../../db/queries/registry/registry.ts';
import { cityCodes, enterpriseTypeCodes } from '../../src/shared/labels.ts';
import { multiMap } from './collections.ts';
import {
  cityIndex,
  type Intern,
  interner,
  isListed,
  NONE,
  type Rec,
  type State,
  same,
  stateOf,
  toRecord,
  typeIndex,
} from './records.ts';
import { type BuildSteps, sortSteps } from './slices.ts';
import { Tally } from './statistics.ts';
import { normalizeId, normalizeText } from './text.ts';

export type Base = {
  builtAt: Date;
  version: number;
  /** Per position (display order): the record, its normalized name and enterprise name (listed only, else ''). */
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
  /** Posting lists of character bigrams and single characters. */
  grams: Map<string, Int32Array>;
  /** Listed positions: all of them, and per city, type and state (valid, deregistered). */
  all: Int32Array;
  byCity: Int32Array[];
  byType: Int32Array[];
  byState: Int32Array[];
  tally: Tally;
};

/** A base answer: positions by rank (exact identifier, exact name, the rest), each part in display order. */
export type BaseAnswer = { all: Int32Array; cut1: number; cut2: number; length: number };

const ROWS_PER_STEP = 128;
const POSTINGS_PER_STEP = 20_000;

/** Builds the base from rows in any order; `version` is the change-log version the rows reflect. */
export function* baseSteps(rows: PublicFilingRow[], builtAt: Date, version: number): BuildSteps<Base> {
  const sorted = yield* displayOrder(rows);
  const builder = new BaseBuilder(sorted.length);
  for (let p = 0; p < sorted.length; p++) {
    builder.add(p, sorted[p] as PublicFilingRow);
    if (p % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
  }
  return yield* builder.finish(builtAt, version);
}

/** The rows the model knows (with a 备案编号 and a recognition), newest first, then by 备案编号. */
function* displayOrder(rows: PublicFilingRow[]): BuildSteps<PublicFilingRow[]> {
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
  return sorted;
}

/** The base's arrays and maps while rows are added in display order. */
class BaseBuilder {
  readonly intern: Intern = interner();
  readonly recs: Rec[];
  readonly names: string[];
  readonly enterprises: string[];
  readonly keyMs: Float64Array;
  readonly cityOf: Uint8Array;
  readonly typeOf: Uint8Array;
  readonly stateAt: Uint8Array;
  readonly listedOf: Uint8Array;
  readonly byNo = new Map<string, number>();
  readonly byUscc = multiMap();
  readonly byName = multiMap();
  /** Posting lists while they grow (turned into typed arrays at the end). */
  readonly postings = new Map<string, number[]>();
  readonly all: number[] = [];
  readonly byCity: number[][] = cityCodes.map(() => []);
  readonly byType: number[][] = enterpriseTypeCodes.map(() => []);
  readonly byState: number[][] = [[], []];
  readonly tally = new Tally();

  constructor(n: number) {
    this.recs = new Array(n);
    this.names = new Array(n);
    this.enterprises = new Array(n);
    this.keyMs = new Float64Array(n);
    this.cityOf = new Uint8Array(n);
    this.typeOf = new Uint8Array(n);
    this.stateAt = new Uint8Array(n);
    this.listedOf = new Uint8Array(n);
  }

  /** Adds the row at position `p` (positions come in order). */
  add(p: number, row: PublicFilingRow) {
    const rec = toRecord(row, this.intern);
    const state = stateOf(row.status);
    const listed = isListed(row, state);
    const city = cityIndex.get(rec.city) ?? NONE;
    const type = typeIndex.get(rec.enterpriseType) ?? NONE;
    this.recs[p] = rec;
    this.keyMs[p] = row.recognizedAt?.getTime() ?? 0;
    this.cityOf[p] = city;
    this.typeOf[p] = type;
    this.stateAt[p] = state;
    this.listedOf[p] = listed ? 1 : 0;
    this.byNo.set(same(rec.filingNo, normalizeId(rec.filingNo)), p);
    this.tally.count(state, city, type, rec.recognizedAt, 1);
    this.names[p] = '';
    this.enterprises[p] = '';
    if (listed) this.#list(p, rec, state, city, type);
  }

  /** Makes position `p` searchable and browsable. */
  #list(p: number, rec: Rec, state: State, city: number, type: number) {
    const name = rec.name ? same(rec.name, normalizeText(rec.name)) : '';
    const enterprise = same(rec.enterpriseName, normalizeText(rec.enterpriseName));
    this.names[p] = name;
    this.enterprises[p] = enterprise;
    this.all.push(p);
    this.byCity[city]?.push(p);
    this.byType[type]?.push(p);
    this.byState[state]?.push(p);
    this.byUscc.add(same(rec.uscc, normalizeId(rec.uscc)), p);
    if (name) {
      this.byName.add(name, p);
      this.#indexText(name, p);
    }
    this.#indexText(enterprise, p);
  }

  #indexText(text: string, p: number) {
    let prev = '';
    for (const ch of text) {
      this.#post(ch, p);
      if (prev) this.#post(prev + ch, p);
      prev = ch;
    }
  }

  #post(key: string, p: number) {
    const list = this.postings.get(key);
    if (!list) this.postings.set(key, [p]);
    else if (list[list.length - 1] !== p) list.push(p);
  }

  /** The finished base: posting lists as typed arrays (a few at a time). */
  *finish(builtAt: Date, version: number): BuildSteps<Base> {
    const grams = new Map<string, Int32Array>();
    let converted = 0;
    for (const [key, list] of this.postings) {
      grams.set(key, Int32Array.from(list));
      converted += list.length;
      if (converted >= POSTINGS_PER_STEP) {
        converted = 0;
        yield;
      }
    }
    this.postings.clear();
    return {
      builtAt,
      version,
      recs: this.recs,
      names: this.names,
      enterprises: this.enterprises,
      keyMs: this.keyMs,
      cityOf: this.cityOf,
      typeOf: this.typeOf,
      stateAt: this.stateAt,
      listedOf: this.listedOf,
      byNo: this.byNo,
      byUscc: this.byUscc,
      byName: this.byName,
      grams,
      all: Int32Array.from(this.all),
      byCity: this.byCity.map((l) => Int32Array.from(l)),
      byType: this.byType.map((l) => Int32Array.from(l)),
      byState: this.byState.map((l) => Int32Array.from(l)),
      tally: this.tally,
    };
  }
}
