/**
 * 手机号码 and 固定电话 (enterprise contact phone).
 */

import { toHalfWidth } from './half-width.ts';

export type PhoneResult = { ok: true; value: string } | { ok: false; message: string };

const MOBILE = /^1[3-9]\d{9}$/;
// Area codes: 010 and 020–029 have 3 digits, all others 4 (0431 长春). Local numbers have 7–8 digits and
// never start with 0 or 1. An extension may follow after "-", "转" or "#".
const FIXED_LINE = /^(0[12]\d|0[3-9]\d{2})[-\s]?([2-9]\d{6,7})(?:\s*(?:-|转|#)\s*(\d{1,6}))?$/;

/**
 * Validates a mainland mobile number (`^1[3-9]\d{9}$`). Spaces and hyphens between digits
 * (`138 1234 5678`) and a leading +86 / 0086 are accepted; `value` is the bare 11 digits.
 */
export function checkMobile(input: string): PhoneResult {
  const raw = toHalfWidth(input.trim());
  if (raw === '') return { ok: false, message: '请填写手机号码' };
  const digits = stripCountryCode(raw.replace(/[\s-]/g, ''));
  if (!/^\d+$/.test(digits)) {
    return { ok: false, message: '手机号码只能填写数字，请检查是否误输入了字母或符号' };
  }
  if (digits.length !== 11) {
    return {
      ok: false,
      message: `手机号码应为 11 位数字，您输入了 ${digits.length} 位，请核对`,
    };
  }
  if (!MOBILE.test(digits)) {
    return {
      ok: false,
      message: '手机号码应以 13–19 开头，请填写中国大陆 11 位手机号码',
    };
  }
  return { ok: true, value: digits };
}

/**
 * Validates the enterprise contact phone: a mobile number, or a fixed line with area code and optional
 * extension (`0431-88886666`, `0431-8888666`, `043188886666`, `(0431)88886666`, `0431-88886666-123`).
 * Fixed lines are normalised to `区号-号码[-分机]`, mobiles to 11 digits.
 */
export function checkContactPhone(input: string): PhoneResult {
  const raw = toHalfWidth(input.trim());
  if (raw === '') {
    return { ok: false, message: '请填写联系电话（手机号码或带区号的固定电话）' };
  }
  const fixed = parseFixedLine(raw);
  if (fixed !== null) {
    const value = `${fixed.area}-${fixed.local}${fixed.ext === undefined ? '' : `-${fixed.ext}`}`;
    return { ok: true, value };
  }
  if (raw.startsWith('0') && !raw.startsWith('00')) {
    return {
      ok: false,
      message:
        '固定电话格式不正确，请按“区号-号码”填写，如 0431-88886666；有分机号的写在后面，如 0431-88886666-123',
    };
  }
  const mobile = checkMobile(raw);
  if (mobile.ok) return mobile;
  if (/^(\+|00|1)/.test(raw.replace(/\s/g, ''))) return mobile;
  return {
    ok: false,
    message: '联系电话请填写 11 位手机号码或带区号的固定电话，如 13812345678 或 0431-88886666',
  };
}

/**
 * Masks a phone number for display to people who may not see it in full: `138****5678` for mobiles,
 * `0431-****6666` for fixed lines (area code and extension are not personal). Anything else keeps only its
 * first 3 and last 4 characters, and short values are masked completely.
 */
export function maskPhone(value: string): string {
  const trimmed = value.trim();
  const compact = stripCountryCode(trimmed.replace(/[\s-]/g, ''));
  if (MOBILE.test(compact)) return `${compact.slice(0, 3)}****${compact.slice(7)}`;
  const fixed = parseFixedLine(trimmed);
  if (fixed !== null) {
    const masked = `${'*'.repeat(fixed.local.length - 4)}${fixed.local.slice(-4)}`;
    return `${fixed.area}-${masked}${fixed.ext === undefined ? '' : `-${fixed.ext}`}`;
  }
  const chars = [...trimmed];
  if (chars.length <= 7) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 7)}${chars.slice(-4).join('')}`;
}

function stripCountryCode(digits: string): string {
  const m = /^(?:\+86|0086|86)(1\d{10})$/.exec(digits);
  return m?.[1] ?? digits;
}

function parseFixedLine(raw: string): { area: string; local: string; ext?: string } | null {
  // "(0431)88886666" and "（0431）88886666" are common ways to write the area code.
  const s = raw.replace(/^[(（]\s*(0\d{2,3})\s*[)）]\s*/, '$1-');
  const m = FIXED_LINE.exec(s);
  if (m === null) return null;
  const [, area, local, ext] = m;
  if (area === undefined || local === undefined) return null;
  return ext === undefined ? { area, local } : { area, local, ext };
}
