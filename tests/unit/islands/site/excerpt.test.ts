import { describe, expect, it } from 'vitest';
import { excerptParts } from '../../../../src/islands/site/excerpt.ts';

describe('a search excerpt', () => {
  it('shows the hits Pagefind marked, and the text around them', () => {
    expect(excerptParts('参加省<mark>网络学院</mark>学习 20 学时')).toEqual([
      { text: '参加省', mark: false },
      { text: '网络学院', mark: true },
      { text: '学习 20 学时', mark: false },
    ]);
  });

  it('shows escaped characters as the characters they stand for', () => {
    expect(excerptParts('A &amp; B &lt;标准&gt; &quot;质量&quot; &#39;x&#39; &#x4e2d;')).toEqual([
      { text: 'A & B <标准> "质量" \'x\' 中', mark: false },
    ]);
  });

  it('shows any other tag as text, so an excerpt can never become markup', () => {
    const parts = excerptParts('<img src=x onerror=alert(1)><mark><b>hit</b></mark>');
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)>', mark: false },
      { text: '<b>hit</b>', mark: true },
    ]);
  });
});
