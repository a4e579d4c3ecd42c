import { describe, expect, it } from 'vitest';
import { checkUscc, normalizeUscc, usccCheckChar } from '../../../src/shared/uscc.ts';

// Check characters computed with the GB 32100-2015 algorithm and cross-checked by an independent script.
const VALID_CODES = [
  '91350100M000100Y43', // publicly printed example code; passes the checksum
  '12220000MB0000000K', // 事业单位 (12…)
  '92220101MA0000000W', // 个体工商户 (92…)
  '93220100MA12345673', // 农民专业合作社 (93…)
  '91220101MA0Y8K3X1N',
];

describe('统一社会信用代码', () => {
  it('accepts valid codes, including public institutions, sole traders and cooperatives', () => {
    for (const code of VALID_CODES) {
      expect(checkUscc(code)).toEqual({ ok: true, value: code });
    }
  });

  it('computes the same check characters as the independent script', () => {
    for (const code of VALID_CODES) {
      expect(usccCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
    }
  });

  it('accepts a code typed in lower case with surrounding spaces and stores it in upper case', () => {
    expect(normalizeUscc('  91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(checkUscc('  91350100m000100y43\u3000')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it('accepts a code typed with full-width characters', () => {
    expect(checkUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toEqual({
      ok: true,
      value: '91350100M000100Y43',
    });
  });

  it('asks the enterprise to fill in the code when it is empty', () => {
    expect(checkUscc('')).toEqual({ ok: false, message: '请填写统一社会信用代码（18 位，见营业执照）' });
    expect(checkUscc('   ')).toEqual({ ok: false, message: '请填写统一社会信用代码（18 位，见营业执照）' });
  });

  it('tells the enterprise how many characters were entered and that 18 are needed', () => {
    expect(checkUscc('91350100M000100Y4')).toEqual({
      ok: false,
      message: '统一社会信用代码应为 18 位，您输入了 17 位，请核对营业执照上的代码',
    });
    const long = checkUscc('91350100M000100Y433');
    expect(!long.ok && long.message).toContain('您输入了 19 位');
  });

  it('names the first character that cannot appear in a code and lists the letters not used', () => {
    expect(checkUscc('91350100O000100Y4I')).toEqual({
      ok: false,
      message:
        '统一社会信用代码中不能含有“O”，代码只由数字和大写字母组成（不使用 I、O、Z、S、V），请核对营业执照上的代码',
    });
    const chinese = checkUscc('91350100M企00100Y43');
    expect(!chinese.ok && chinese.message).toContain('不能含有“企”');
    const space = checkUscc('91350100 000100Y43');
    expect(!space.ok && space.message).toContain('不能含有“空格”');
  });

  it('tells the enterprise the check character is wrong', () => {
    expect(checkUscc('91350100M000100Y44')).toEqual({
      ok: false,
      message: '统一社会信用代码校验位不正确，请核对营业执照上的代码',
    });
    // A single mistyped character in the body is caught too.
    expect(checkUscc('91350100M000200Y43')).toEqual({
      ok: false,
      message: '统一社会信用代码校验位不正确，请核对营业执照上的代码',
    });
  });

  it('does not invent a check character for malformed input', () => {
    expect(usccCheckChar('91350100M000100Y')).toBeNull();
    expect(usccCheckChar('91350100I000100Y4')).toBeNull();
  });
});
