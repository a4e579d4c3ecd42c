/**
 * 居民身份证号码 (GB 11643-1999).
 */

import { chinaDate, daysInMonth } from './china-date.ts';
import { toHalfWidth } from './half-width.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

// GB/T 2260 province-level codes; 71 台湾, 81 香港, 82 澳门, 83 is used on 台湾居民居住证.
const PROVINCE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [11, 15],
  [21, 23],
  [31, 37],
  [41, 46],
  [50, 54],
  [61, 65],
  [71, 71],
  [81, 83],
];

export type IdNumberOptions = {
  /** Reference date for the age window; defaults to now. */
  today?: Date;
  /** Youngest accepted age in full years (inclusive); defaults to 18. */
  minAge?: number;
  /** Oldest accepted age in full years (inclusive); defaults to 80. */
  maxAge?: number;
};

export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; message: string };

/** Trims, converts full-width characters and upper-cases a trailing `x`. */
export function normalizeIdNumber(input: string): string {
  return toHalfWidth(input.trim()).toUpperCase();
}

/**
 * The check character for the first 17 digits of an ID number, or `null` when `first17` is not 17 digits.
 * Exported so tests and seed data can build valid numbers.
 */
export function idNumberCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Validates an 18-digit 居民身份证号码 and derives birth date and sex from it (they are never typed in).
 * The age window (default 18–80 full years at `today`, both ends inclusive) is computed on the China
 * Standard Time calendar so browser and server agree.
 */
export function checkIdNumber(input: string, opts: IdNumberOptions = {}): IdNumberResult {
  const value = normalizeIdNumber(input);
  if (value === '') {
    return { ok: false, message: '请填写首席质量官的居民身份证号码（18 位）' };
  }
  const length = [...value].length;
  if (length === 15 && /^\d{15}$/.test(value)) {
    return {
      ok: false,
      message: '这是 15 位的旧身份证号码，请填写现用居民身份证上的 18 位号码',
    };
  }
  if (length !== 18) {
    return {
      ok: false,
      message: `居民身份证号码应为 18 位，您输入了 ${length} 位，请对照身份证核对`,
    };
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    return {
      ok: false,
      message: '居民身份证号码前 17 位应为数字，最后一位为数字或字母 X，请对照身份证核对',
    };
  }

  const province = Number(value.slice(0, 2));
  if (!PROVINCE_RANGES.some(([lo, hi]) => province >= lo && province <= hi)) {
    return {
      ok: false,
      message: `居民身份证号码前两位“${value.slice(0, 2)}”不是有效的省级行政区划代码，请对照身份证核对`,
    };
  }

  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return {
      ok: false,
      message: `居民身份证号码第 7–14 位“${value.slice(6, 14)}”不是有效的出生日期，请对照身份证核对`,
    };
  }

  if (idNumberCheckChar(value.slice(0, 17)) !== value.charAt(17)) {
    return {
      ok: false,
      message: '居民身份证号码校验位不正确，可能有数字填错，请对照身份证逐位核对',
    };
  }

  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const today = chinaDate(opts.today ?? new Date());
  const bornAfterToday =
    year > today.year ||
    (year === today.year && (month > today.month || (month === today.month && day > today.day)));
  if (bornAfterToday) {
    return {
      ok: false,
      message: `根据居民身份证号码，出生日期为 ${birthDate}，晚于今天，请对照身份证核对`,
    };
  }

  const age = fullYears({ year, month, day }, today);
  const minAge = opts.minAge ?? 18;
  const maxAge = opts.maxAge ?? 80;
  if (age < minAge) {
    return {
      ok: false,
      message: `根据居民身份证号码，出生日期为 ${birthDate}，未满 ${minAge} 周岁，不符合首席质量官的年龄要求；如号码填错请更正，否则请另行选任人员`,
    };
  }
  if (age > maxAge) {
    return {
      ok: false,
      message: `根据居民身份证号码，出生日期为 ${birthDate}，已超过 ${maxAge} 周岁，请核对号码是否填错`,
    };
  }

  // Digit 17 is the sequence code: odd for men, even for women.
  const sex = Number(value.charAt(16)) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, sex };
}

/**
 * Masks an ID number for display to people who may not see it in full: first 3 and last 4 characters kept,
 * the rest replaced by `*`, length preserved (`220***********1234`). Values of 7 characters or fewer are
 * masked completely so that nothing is revealed by accident.
 */
export function maskIdNumber(value: string): string {
  const chars = [...value];
  if (chars.length <= 7) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 7)}${chars.slice(-4).join('')}`;
}

function fullYears(
  birth: { year: number; month: number; day: number },
  today: { year: number; month: number; day: number },
): number {
  // Someone born on 29 February becomes a year older on 1 March in common years.
  const hadBirthday = today.month > birth.month || (today.month === birth.month && today.day >= birth.day);
  return today.year - birth.year - (hadBirthday ? 0 : 1);
}
