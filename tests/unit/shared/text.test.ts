import { describe, expect, it } from 'vitest';
import { multilineText, optionalText, personName, text, textProblem } from '../../../src/shared/text.ts';

const problem = (
  schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } },
  value: string,
) => {
  const r = schema.safeParse(value) as { success: boolean; error?: { issues: { message: string }[] } };
  return r.success ? undefined : r.error?.issues[0]?.message;
};

describe('free text in any form', () => {
  const hostile = {
    'a vertical tab inside a name': '王\u000b五',
    'a C0 control': '\u0001',
    DEL: 'a\u007fb',
    'a C1 control': 'a\u0085b',
    'a right-to-left override': '\u202e王五',
    'a left-to-right embedding': 'a\u202ab',
    'a first-strong isolate': 'a\u2068b',
    'a pop directional isolate': 'a\u2069b',
  };
  for (const [what, value] of Object.entries(hostile)) {
    it(`refuses ${what}, naming the field`, () => {
      expect(problem(text('姓名', 30), value)).toBe('姓名含有不可见的控制字符，请删除后重新输入');
      expect(problem(multilineText('说明', 30), value)).toBe('说明含有不可见的控制字符，请删除后重新输入');
    });
  }

  const invalid = {
    noncharacters: '\ufffe\uffff',
    'a noncharacter of the FDD0 block': 'a\ufdd0',
    'a noncharacter of plane 1': 'a\u{1fffe}',
    'a noncharacter of plane 16': 'a\u{10ffff}',
    'an unpaired high surrogate': 'a\ud800b',
    'an unpaired low surrogate': 'a\udc00',
  };
  for (const [what, value] of Object.entries(invalid)) {
    it(`refuses ${what}`, () => {
      expect(problem(text('企业地址', 30), value)).toMatch(/^企业地址含有无法识别的字符/);
    });
  }

  it('keeps newlines and tabs to paragraph fields', () => {
    expect(problem(text('职务', 30), '质量\n总监')).toBe('职务请写在一行内，不要换行');
    expect(problem(text('职务', 30), '质量\t总监')).toBe('职务含有不可见的控制字符，请删除后重新输入');
    expect(multilineText('说明', 30).parse('第一段\r\n第二段\t完')).toBe('第一段\r\n第二段\t完');
  });

  it('keeps what real text needs: CJK of every plane, emoji, accents', () => {
    for (const ok of ['𠀀𪚥', '长白山🏔️', 'Zoë', '"引号"与（括号）', '5A级景区'])
      expect(text('企业名称', 30).parse(ok)).toBe(ok);
  });

  it('stores text in NFC', () => {
    expect(text('企业名称', 30).parse('Cafe\u0301')).toBe('Café');
    expect(optionalText('专业', 30).parse('')).toBe('');
  });
});

describe("a person's name", () => {
  it('keeps CJK, Latin letters, spaces and the middle dot', () => {
    for (const ok of ['王五', '阿卜杜拉·买买提', "Zoë O'Neil", 'Mary-Jane Smith', '𪚥'])
      expect(personName('姓名', 30).parse(ok)).toBe(ok);
  });

  it('turns the middle dot look-alikes into U+00B7', () => {
    for (const dot of ['\u2022', '\u30fb', '\uff65', '\u00b7'])
      expect(personName('姓名', 30).parse(`阿卜杜拉${dot}买买提`)).toBe('阿卜杜拉·买买提');
  });

  it('refuses digits and symbols, saying what a name may hold', () => {
    expect(problem(personName('姓名', 30), '王五1')).toBe('姓名只能填写汉字、字母、空格和间隔号“·”');
    expect(problem(personName('姓名', 30), '王<五>')).toBe('姓名只能填写汉字、字母、空格和间隔号“·”');
  });

  it('gives the control-character message before the character-set one', () => {
    expect(textProblem('王\u000b五', '姓名', 'name')).toBe('姓名含有不可见的控制字符，请删除后重新输入');
  });
});

describe('a draft', () => {
  it('saves a name whatever letters it has so far, but never hidden characters', () => {
    expect(optionalText('姓名', 30, 'name').parse('测试1')).toBe('测试1');
    expect(optionalText('姓名', 30, 'name').parse('阿卜杜拉・买买提')).toBe('阿卜杜拉·买买提');
    expect(problem(optionalText('姓名', 30, 'name'), '王\u202e五')).toBe(
      '姓名含有不可见的控制字符，请删除后重新输入',
    );
  });
});
