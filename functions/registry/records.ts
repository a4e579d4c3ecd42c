/**
 * What the read model holds of one filing: its public record (as the API answers it) and, for a changed filing
 * in the overlay, the normalized keys that search, order and statistics need.
 */
import type { PublicFilingRow } from '../../db/queries/registry/registry.ts';
import {
  type CityCode,
  cityCodes,
  type EnterpriseType,
  enterpriseTypeCodes,
} from '../../src/shared/labels.ts';
import type { PublicCqo } from '../../src/shared/registry/answers.ts';
import { chinaDay, normalizeId, normalizeText } from './text.ts';

export const VALID = 0;
export const DEREGISTERED = 1;
export const SUPERSEDED = 2;
export type State = typeof VALID | typeof DEREGISTERED | typeof SUPERSEDED;

/** A superseded record: known by its number only, never listed. */
type SupersededRecord = Omit<PublicCqo, 'status' | 'deregisteredAt'> & {
  status: 'superseded';
  deregisteredAt: null;
  supersededAt: string;
};
export type Rec = PublicCqo | SupersededRecord;

/** A changed filing in the overlay, with what search, order and statistics need of it. */
export type Entry = {
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

export type Intern = (s: string) => string;

/** The same string once: dates and months repeat thousands of times in a large registry. */
export function interner(): Intern {
  const seen = new Map<string, string>();
  return (s: string) => {
    const known = seen.get(s);
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
}

/** Keeps the original string when normalizing changes nothing, so the model holds one copy of it. */
export const same = (original: string, normalized: string) =>
  normalized === original ? original : normalized;

export function stateOf(status: string): State {
  return status === 'recognized' ? VALID : status === 'deregistered' ? DEREGISTERED : SUPERSEDED;
}

/** Listed: searchable, browsable, in open data (valid or deregistered, and the CQO consented). */
export const isListed = (row: PublicFilingRow, state: State) => state !== SUPERSEDED && row.publishConsent;

export function toRecord(row: PublicFilingRow, intern: Intern): Rec {
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

/** Cities and enterprise types as small numbers (their place in the label lists); NONE for an unknown one. */
export const cityIndex = new Map<string, number>(cityCodes.map((c, i) => [c, i]));
export const typeIndex = new Map<string, number>(enterpriseTypeCodes.map((t, i) => [t, i]));
export const NONE = 255;

export function entryOf(row: PublicFilingRow, intern: Intern): Entry {
  const rec = toRecord(row, intern);
  const state = stateOf(row.status);
  const listed = isListed(row, state);
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
