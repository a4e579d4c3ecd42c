/**
 * Case filters that work without JavaScript: every combination of 类型 × 市州 × 主题 that has at least
 * one case is a prerendered page; an option whose combination would be empty is shown without a link.
 */
import { caseTopics, cities, enterpriseTypes } from '../shared/labels.ts';

export type CaseFacets = { type: string; city: string; topic: string };
export type FilterableCase = { enterpriseType: string; city: string; topics: readonly string[] };

export const ALL = 'all';

export const facetOptions = {
  type: enterpriseTypes.map((t) => ({ code: t.code as string, name: t.name as string })),
  city: cities.map((c) => ({ code: c.code as string, name: c.name as string })),
  topic: caseTopics.map((t) => ({ code: t.code as string, name: t.name as string })),
};

export function matches(c: FilterableCase, f: CaseFacets): boolean {
  return (
    (f.type === ALL || c.enterpriseType === f.type) &&
    (f.city === ALL || c.city === f.city) &&
    (f.topic === ALL || c.topics.includes(f.topic))
  );
}

export function filterPath(f: CaseFacets): string {
  return f.type === ALL && f.city === ALL && f.topic === ALL
    ? '/cases/'
    : `/cases/f/${f.type}/${f.city}/${f.topic}/`;
}

/** Every non-empty combination except all/all/all (that one is /cases/ itself). */
export function nonEmptyCombinations(all: FilterableCase[]): CaseFacets[] {
  const out: CaseFacets[] = [];
  for (const type of [ALL, ...facetOptions.type.map((o) => o.code)])
    for (const city of [ALL, ...facetOptions.city.map((o) => o.code)])
      for (const topic of [ALL, ...facetOptions.topic.map((o) => o.code)]) {
        const f = { type, city, topic };
        if (filterPath(f) !== '/cases/' && all.some((c) => matches(c, f))) out.push(f);
      }
  return out;
}
