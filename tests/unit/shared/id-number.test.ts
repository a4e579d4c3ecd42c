import { describe, expect, it } from 'vitest';
import { checkIdNumber, idNumberCheckChar, maskIdNumber } from '../../../src/shared/id-number.ts';

// Noon in Changchun on 2025-06-15; every age below is computed against this day.
const today = new Date('2025-06-15T12:00:00+08:00');

describe('居民身份证号码', () => {
  it('accepts a valid number and derives birth date and sex from it', () => {
    expect(checkIdNumber('220102199003071235', { today })).toEqual({
      ok: true,
      value: '220102199003071235',
      birthDate: '1990-03-07',
      sex: 'male',
    });
  });

  it('accepts the published example 11010519491231002X as a woman born 1949-12-31 when she is within the age window', () => {
    expect(checkIdNumber('11010519491231002X', { today })).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('accepts a lower-case x as the check character and stores it as X', () => {
    const r = checkIdNumber(' 11010519491231002x ', { today });
    expect(r.ok && r.value).toBe('11010519491231002X');
  });

  it('accepts Hong Kong, Macao and Taiwan province codes', () => {
    for (const id of ['820000198001012345', '710000198001012358', '830000198001012363']) {
      expect(checkIdNumber(id, { today }).ok).toBe(true);
    }
  });

  it('asks for the number when nothing was entered', () => {
    expect(checkIdNumber('  ', { today })).toEqual({
      ok: false,
      message: '请填写首席质量官的居民身份证号码（18 位）',
    });
  });

  it('tells the user how many digits were entered and that 18 are needed', () => {
    expect(checkIdNumber('22010219900307123', { today })).toEqual({
      ok: false,
      message: '居民身份证号码应为 18 位，您输入了 17 位，请对照身份证核对',
    });
  });

  it('asks for the current 18-digit number when an old 15-digit number is entered', () => {
    expect(checkIdNumber('220102900307123', { today })).toEqual({
      ok: false,
      message: '这是 15 位的旧身份证号码，请填写现用居民身份证上的 18 位号码',
    });
  });

  it('explains that only digits and a final X are allowed', () => {
    expect(checkIdNumber('2201021990030712X5', { today })).toEqual({
      ok: false,
      message: '居民身份证号码前 17 位应为数字，最后一位为数字或字母 X，请对照身份证核对',
    });
  });

  it('rejects a number whose first two digits are not a province (99)', () => {
    // The check character is correct, so only the province code is wrong.
    expect(idNumberCheckChar('99010219900307123')).toBe('3');
    expect(checkIdNumber('990102199003071233', { today })).toEqual({
      ok: false,
      message: '居民身份证号码前两位“99”不是有效的省级行政区划代码，请对照身份证核对',
    });
    const r = checkIdNumber('160102199003071239', { today });
    expect(!r.ok && r.message).toContain('“16”不是有效的省级行政区划代码');
  });

  it('rejects a birth date that does not exist on the calendar (1999-02-30)', () => {
    expect(checkIdNumber('220102199902301233', { today })).toEqual({
      ok: false,
      message: '居民身份证号码第 7–14 位“19990230”不是有效的出生日期，请对照身份证核对',
    });
  });

  it('rejects 29 February in a common year but accepts it in a leap year', () => {
    const r = checkIdNumber('220102199002291236', { today });
    expect(!r.ok && r.message).toContain('“19900229”不是有效的出生日期');
    expect(checkIdNumber('220102200002291282', { today }).ok).toBe(true);
    expect(checkIdNumber('220102200002311239', { today }).ok).toBe(false);
    expect(checkIdNumber('220102199013011236', { today }).ok).toBe(false);
  });

  it('tells the user the check character is wrong', () => {
    expect(checkIdNumber('220102199003071219', { today }).ok).toBe(true);
    expect(checkIdNumber('220102199003071218', { today })).toEqual({
      ok: false,
      message: '居民身份证号码校验位不正确，可能有数字填错，请对照身份证逐位核对',
    });
  });

  it('says the person is under 18 the day before the 18th birthday and accepts on the birthday', () => {
    expect(checkIdNumber('220102200706161232', { today })).toEqual({
      ok: false,
      message:
        '根据居民身份证号码，出生日期为 2007-06-16，未满 18 周岁，不符合首席质量官的年龄要求；如号码填错请更正，否则请另行选任人员',
    });
    expect(checkIdNumber('220102200706151237', { today }).ok).toBe(true);
  });

  it('uses the China calendar day, so the result does not depend on the runtime time zone', () => {
    // 16:30 UTC on 14 June is already 15 June in Changchun: the 18th birthday.
    expect(checkIdNumber('220102200706151237', { today: new Date('2025-06-14T16:30:00Z') }).ok).toBe(true);
    expect(checkIdNumber('220102200706151237', { today: new Date('2025-06-14T15:30:00Z') }).ok).toBe(false);
  });

  it('says the person is over 80 once the 81st birthday has passed', () => {
    expect(checkIdNumber('220102194406161240', { today }).ok).toBe(true);
    expect(checkIdNumber('220102194406151245', { today })).toEqual({
      ok: false,
      message: '根据居民身份证号码，出生日期为 1944-06-15，已超过 80 周岁，请核对号码是否填错',
    });
  });

  it('gives the published example its own age message once she is past 80', () => {
    const r = checkIdNumber('11010519491231002X', { today: new Date('2031-01-01T12:00:00+08:00') });
    expect(!r.ok && r.message).toBe(
      '根据居民身份证号码，出生日期为 1949-12-31，已超过 80 周岁，请核对号码是否填错',
    );
  });

  it('counts a 29 February birthday as reached on 1 March in a common year', () => {
    const id = '220102200002291282';
    expect(checkIdNumber(id, { today: new Date('2018-02-28T12:00:00+08:00') }).ok).toBe(false);
    expect(checkIdNumber(id, { today: new Date('2018-03-01T12:00:00+08:00') }).ok).toBe(true);
  });

  it('honours a custom age window', () => {
    expect(checkIdNumber('220102200706161232', { today, minAge: 16 }).ok).toBe(true);
    const r = checkIdNumber('220102199003071235', { today, maxAge: 30 });
    expect(!r.ok && r.message).toContain('已超过 30 周岁');
  });

  it('rejects a birth date later than today even without a minimum age', () => {
    expect(checkIdNumber('220102203001011238', { today, minAge: 0 })).toEqual({
      ok: false,
      message: '根据居民身份证号码，出生日期为 2030-01-01，晚于今天，请对照身份证核对',
    });
  });

  it('masks all but the first 3 and last 4 characters, keeping the length', () => {
    expect(maskIdNumber('220102199003071234')).toBe('220***********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('11010519491231002X')).toHaveLength(18);
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber('')).toBe('');
  });
});
