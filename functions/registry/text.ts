/** How the registry compares what people type with what is stored, and how it writes dates. */
import { chinaDate } from '../../src/shared/china-date.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD in China time: the date a person in Jilin would call it. */
export function chinaDay(d: Date): string {
  const c = chinaDate(d);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
}

/** The `count` months (YYYY-MM, China time) up to and including the month of `now`, oldest first. */
export function chinaMonthsUpTo(now: Date, count: number): string[] {
  const c = chinaDate(now);
  const months: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = c.year * 12 + (c.month - 1) - i;
    months.push(`${Math.floor(index / 12)}-${pad((index % 12) + 1)}`);
  }
  return months;
}

/** How names and enterprise names are compared: full-width folded (NFKC), lower case, single spaces. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** How 备案编号 and 统一社会信用代码 are compared: full-width folded, upper case, no spaces. */
export function normalizeId(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The words of a query: every one must match (AND). */
export function queryTerms(q: string | undefined): string[] {
  return q ? [...new Set(normalizeText(q).split(' ').filter(Boolean))] : [];
}
