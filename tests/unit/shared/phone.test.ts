import { describe, expect, it } from 'vitest';
import { checkContactPhone, checkMobile, maskPhone } from '../../../src/shared/phone.ts';

describe('手机号码', () => {
  it('accepts an 11-digit mainland mobile number', () => {
    expect(checkMobile('13812345678')).toEqual({ ok: true, value: '13812345678' });
    expect(checkMobile('19912345678')).toEqual({ ok: true, value: '19912345678' });
  });

  it('accepts spaces, hyphens and a +86 prefix and keeps only the 11 digits', () => {
    expect(checkMobile(' 138 1234 5678 ')).toEqual({ ok: true, value: '13812345678' });
    expect(checkMobile('138-1234-5678')).toEqual({ ok: true, value: '13812345678' });
    expect(checkMobile('+86 13812345678')).toEqual({ ok: true, value: '13812345678' });
    expect(checkMobile('１３８１２３４５６７８')).toEqual({ ok: true, value: '13812345678' });
  });

  it('asks for the number when nothing was entered', () => {
    expect(checkMobile('')).toEqual({ ok: false, message: '请填写手机号码' });
  });

  it('tells the user how many digits were entered', () => {
    expect(checkMobile('1381234567')).toEqual({
      ok: false,
      message: '手机号码应为 11 位数字，您输入了 10 位，请核对',
    });
  });

  it('tells the user that letters and symbols are not allowed', () => {
    expect(checkMobile('1381234567a')).toEqual({
      ok: false,
      message: '手机号码只能填写数字，请检查是否误输入了字母或符号',
    });
  });

  it('tells the user a mobile number starts with 13 to 19', () => {
    expect(checkMobile('12812345678')).toEqual({
      ok: false,
      message: '手机号码应以 13–19 开头，请填写中国大陆 11 位手机号码',
    });
  });

  it('does not accept a fixed line where a mobile is required', () => {
    expect(checkMobile('0431-88886666').ok).toBe(false);
  });
});

describe('联系电话', () => {
  it('accepts a mobile number', () => {
    expect(checkContactPhone('13812345678')).toEqual({ ok: true, value: '13812345678' });
  });

  it('accepts fixed lines with 8- or 7-digit numbers, with or without the hyphen', () => {
    expect(checkContactPhone('0431-88886666')).toEqual({ ok: true, value: '0431-88886666' });
    expect(checkContactPhone('0431-8888666')).toEqual({ ok: true, value: '0431-8888666' });
    expect(checkContactPhone('043188886666')).toEqual({ ok: true, value: '0431-88886666' });
    expect(checkContactPhone('010-62345678')).toEqual({ ok: true, value: '010-62345678' });
    expect(checkContactPhone('01062345678')).toEqual({ ok: true, value: '010-62345678' });
    expect(checkContactPhone('(0431)88886666')).toEqual({ ok: true, value: '0431-88886666' });
    expect(checkContactPhone('（0431）88886666')).toEqual({ ok: true, value: '0431-88886666' });
  });

  it('accepts an extension after the number', () => {
    expect(checkContactPhone('0431-88886666-123')).toEqual({ ok: true, value: '0431-88886666-123' });
    expect(checkContactPhone('0431-88886666转123')).toEqual({ ok: true, value: '0431-88886666-123' });
  });

  it('shows how to write a fixed line when the format is wrong', () => {
    const message =
      '固定电话格式不正确，请按“区号-号码”填写，如 0431-88886666；有分机号的写在后面，如 0431-88886666-123';
    expect(checkContactPhone('0431-888866')).toEqual({ ok: false, message });
    expect(checkContactPhone('0431-08886666')).toEqual({ ok: false, message });
    expect(checkContactPhone('0431888866661')).toEqual({ ok: false, message });
  });

  it('gives the mobile message when a mobile number is mistyped', () => {
    expect(checkContactPhone('1381234567')).toEqual({
      ok: false,
      message: '手机号码应为 11 位数字，您输入了 10 位，请核对',
    });
  });

  it('asks for a mobile or fixed line when the input is neither', () => {
    expect(checkContactPhone('88886666')).toEqual({
      ok: false,
      message: '联系电话请填写 11 位手机号码或带区号的固定电话，如 13812345678 或 0431-88886666',
    });
    expect(checkContactPhone('')).toEqual({
      ok: false,
      message: '请填写联系电话（手机号码或带区号的固定电话）',
    });
  });
});

describe('号码脱敏', () => {
  it('masks the middle four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
  });

  it('masks a fixed line but keeps the area code, last four digits and extension', () => {
    expect(maskPhone('0431-88886666')).toBe('0431-****6666');
    expect(maskPhone('0431-8888666-123')).toBe('0431-***8666-123');
  });

  it('never shows an unrecognised value in full', () => {
    expect(maskPhone('12345678901234')).toBe('123*******1234');
    expect(maskPhone('123456')).toBe('******');
  });
});
