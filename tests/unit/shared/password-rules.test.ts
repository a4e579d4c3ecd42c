import { describe, expect, it } from 'vitest';
import { newPasswordProblem } from '../../../functions/accounts/password-rules.ts';
import { passwordProblem } from '../../../src/shared/accounts/password-rules.ts';
import { passwordField } from '../../../src/shared/fields.ts';

describe('a new password', () => {
  it('is refused when one character or one short group is repeated', () => {
    for (const p of ['aaaaaaaaaa', '1111111111', '1212121212', 'abcabcabcabc'])
      expect(passwordProblem(p), p).toMatch(/^密码不能是同一个字符或同一组字符的重复。可以用/);
  });

  it('is refused when it runs along the keyboard, the alphabet or the digits', () => {
    for (const p of [
      '1234567890',
      'qwertyuiop',
      'abcdefghij',
      '0987654321',
      'asdfghjkl;',
      'abcdef123456',
      '1qaz2wsx3edc',
    ])
      expect(passwordProblem(p), p).toMatch(/^密码不能是键盘或字母、数字的连续排列/);
  });

  it('is refused when it contains the login or the 统一社会信用代码, in any case', () => {
    expect(passwordProblem('my-CC-Zhang-2026', { login: 'cc-zhang' })).toMatch(/^密码不能包含登录名/);
    expect(passwordProblem('x91220101ma17p8kq0xy!', { uscc: '91220101MA17P8KQ0X' })).toMatch(
      /^密码不能包含统一社会信用代码/,
    );
  });

  it('says what would be accepted', () => {
    expect(passwordProblem('short')).toContain('可以用一句容易记住、别人猜不到的话');
    expect(passwordField.safeParse('1234567890').error?.issues[0]?.message).toContain('例如');
  });

  it('keeps what a person would choose: a phrase, Chinese included', () => {
    for (const p of ['豆豆爱吃包子2019', 'dou-dou-ai-chi-bao-zi', '北湖边的旅行社 2026', 'Demo-2026-cqo'])
      expect(passwordProblem(p, { login: 'cc-zhang', uscc: '91220101MA17P8KQ0X' }), p).toBeUndefined();
  });

  it('is refused on the server when it is on the common-password list, in any case', async () => {
    for (const p of ['basketball', 'Password123', 'CHRISTOPHER', '1q2w3e4r5t'])
      expect(await newPasswordProblem(p, {}), p).toMatch(/^这个密码在泄露密码的常用名单中/);
    expect(await newPasswordProblem('豆豆爱吃包子2019', {})).toBeUndefined();
  });
});
