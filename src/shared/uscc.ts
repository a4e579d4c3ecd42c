/**
 * 统一社会信用代码 (GB 32100-2015).
 */

import { toHalfWidth } from './half-width.ts';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const LENGTH = 18;

export type UsccResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * Trims surrounding whitespace (including the full-width space U+3000), turns full-width letters and digits
 * (typed with a Chinese IME) into ASCII, and upper-cases.
 */
export function normalizeUscc(input: string): string {
  return toHalfWidth(input.trim()).toUpperCase();
}

/**
 * The check character (18th) for the first 17 characters of a code, or `null` when `first17` is not
 * 17 characters of the code alphabet. Exported so tests and seed data can build valid codes.
 */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== LENGTH - 1) return null;
  let sum = 0;
  for (let i = 0; i < LENGTH - 1; i++) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Validates a 统一社会信用代码. The first two characters (登记管理部门 / 机构类别) are deliberately not
 * restricted: public institutions (12…), sole traders (92…) and cooperatives (93…) run tourism businesses too.
 * On success `value` is the normalised (upper-case) code.
 */
export function checkUscc(input: string): UsccResult {
  const value = normalizeUscc(input);
  if (value === '') {
    return { ok: false, message: '请填写统一社会信用代码（18 位，见营业执照）' };
  }
  // Count code points so that a Chinese character or emoji counts as one character, as the user sees it.
  const chars = [...value];
  if (chars.length !== LENGTH) {
    return {
      ok: false,
      message: `统一社会信用代码应为 18 位，您输入了 ${chars.length} 位，请核对营业执照上的代码`,
    };
  }
  const bad = chars.find((c) => !ALPHABET.includes(c));
  if (bad !== undefined) {
    return {
      ok: false,
      message: `统一社会信用代码中不能含有“${describeChar(bad)}”，代码只由数字和大写字母组成（不使用 I、O、Z、S、V），请核对营业执照上的代码`,
    };
  }
  if (usccCheckChar(value.slice(0, LENGTH - 1)) !== value.charAt(LENGTH - 1)) {
    return { ok: false, message: '统一社会信用代码校验位不正确，请核对营业执照上的代码' };
  }
  return { ok: true, value };
}

function describeChar(c: string): string {
  return /\s/.test(c) ? '空格' : c;
}
