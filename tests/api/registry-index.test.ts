/** The registry's read model on hand-made rows: what a search finds, in which order, and what it never shows. */
import { describe, expect, it } from 'vitest';
import type { PublicFilingRow } from '../../db/queries/registry.ts';
import { slidingWindow } from '../../functions/http/rate-limit.ts';
import { buildRegistry } from '../../functions/registry/index.ts';

const row = (over: Partial<PublicFilingRow> & { filingNo: string; recognizedAt: Date }): PublicFilingRow => ({
  cqoName: null,
  publishConsent: true,
  enterpriseName: '长春某某旅行社有限公司',
  uscc: `91220100${over.filingNo.slice(-4)}ABCDE0`,
  enterpriseType: 'travel_agency',
  grade: null,
  city: '220100',
  status: 'recognized',
  deregisteredAt: null,
  ...over,
});

const rows: PublicFilingRow[] = [
  row({
    filingNo: 'JL-CQO-2025-0001',
    cqoName: '王伟',
    enterpriseName: '长春南湖国际旅行社有限公司',
    uscc: '91220101MA0000001X',
    recognizedAt: new Date('2025-03-01T02:00:00Z'),
  }),
  row({
    filingNo: 'JL-CQO-2025-0002',
    cqoName: '王伟东',
    enterpriseName: '吉林松花湖大酒店有限公司',
    enterpriseType: 'star_hotel',
    grade: '四星',
    city: '220200',
    recognizedAt: new Date('2025-05-01T02:00:00Z'),
  }),
  row({
    filingNo: 'JL-CQO-2025-0003',
    cqoName: '赵敏',
    enterpriseName: '王伟农家乐有限公司',
    enterpriseType: 'rural_tourism',
    grade: 'AAA',
    city: '222400',
    recognizedAt: new Date('2025-07-01T02:00:00Z'),
  }),
  row({
    filingNo: 'JL-CQO-2025-0004',
    cqoName: '李娜',
    publishConsent: false,
    enterpriseName: '通化五女峰景区运营管理有限公司',
    enterpriseType: 'scenic_spot',
    grade: '4A',
    city: '220500',
    uscc: '91220500MA0000004Y',
    recognizedAt: new Date('2025-08-01T02:00:00Z'),
  }),
  row({
    filingNo: 'JL-CQO-2025-0005',
    cqoName: '孙丽',
    enterpriseName: '长白山池北温泉酒店有限公司',
    enterpriseType: 'star_hotel',
    city: 'CBS',
    status: 'deregistered',
    // 2025-09-30 20:00 UTC is 1 October in China.
    deregisteredAt: new Date('2025-09-30T20:00:00Z'),
    recognizedAt: new Date('2025-06-15T17:00:00Z'),
  }),
  row({
    filingNo: 'JL-CQO-2026-0001',
    cqoName: '周杰',
    enterpriseName: 'jl-cqo-2025-0001 主题酒店有限公司',
    recognizedAt: new Date('2026-01-10T02:00:00Z'),
  }),
];

const registry = buildRegistry(rows, new Date('2026-11-26T02:00:00Z'));
const search = (q: string, more: Record<string, string> = {}) =>
  registry.search({ q, page: 1, pageSize: 20, ...more }).items.map((i) => i.filingNo);

describe('searching the registry', () => {
  it('puts the exact name first, then names and enterprise names containing it, newest first', () => {
    expect(search('王伟')).toEqual(['JL-CQO-2025-0001', 'JL-CQO-2025-0003', 'JL-CQO-2025-0002']);
  });

  it('finds a single character in names and enterprise names', () => {
    expect(search('伟').sort()).toEqual(['JL-CQO-2025-0001', 'JL-CQO-2025-0002', 'JL-CQO-2025-0003']);
  });

  it('finds enterprise names by any part of them', () => {
    expect(search('松花湖大酒')).toEqual(['JL-CQO-2025-0002']);
    expect(search('五女峰景区')).toEqual(['JL-CQO-2025-0004']);
  });

  it('puts an exact 备案编号 first, in any case and in full-width characters', () => {
    expect(search('jl-cqo-2025-0001')).toEqual(['JL-CQO-2025-0001', 'JL-CQO-2026-0001']);
    expect(search('ＪＬ－ＣＱＯ－２０２５－０００１')[0]).toBe('JL-CQO-2025-0001');
  });

  it('finds an exact 统一社会信用代码 in lower case, and not a part of one', () => {
    expect(search('91220101ma0000001x')).toEqual(['JL-CQO-2025-0001']);
    expect(search('91220101MA')).toEqual([]);
  });

  it('never shows or finds a name without publication consent, but still finds its enterprise', () => {
    expect(search('李娜')).toEqual([]);
    expect(search('娜')).toEqual([]);
    const byUscc = registry.search({ q: '91220500MA0000004Y', page: 1, pageSize: 20 }).items;
    expect(byUscc).toHaveLength(1);
    expect(byUscc[0]?.name).toBeNull();
    expect(JSON.stringify(registry.items())).not.toContain('李娜');
  });

  it('combines the search with 市州, type and status filters', () => {
    expect(search('王伟', { city: '220200' })).toEqual(['JL-CQO-2025-0002']);
    expect(search('有限公司', { type: 'star_hotel' })).toEqual(['JL-CQO-2025-0005', 'JL-CQO-2025-0002']);
    expect(search('', { status: 'deregistered' })).toEqual(['JL-CQO-2025-0005']);
    expect(search('', { city: 'CBS', status: 'valid' })).toEqual([]);
  });

  it('pages the results and answers a page past the end with no items and the right total', () => {
    const page2 = registry.search({ page: 2, pageSize: 4 });
    expect(page2.items.map((i) => i.filingNo)).toEqual(['JL-CQO-2025-0002', 'JL-CQO-2025-0001']);
    expect(page2.total).toBe(6);
    expect(registry.search({ page: 9, pageSize: 4 })).toEqual({ items: [], total: 6, page: 9, pageSize: 4 });
  });
});

describe('what an entry shows', () => {
  it('gives China-time dates and the deregistration date', () => {
    const cqo = registry.find('jl-cqo-2025-0005');
    expect(cqo).toEqual({
      filingNo: 'JL-CQO-2025-0005',
      name: '孙丽',
      enterpriseName: '长白山池北温泉酒店有限公司',
      uscc: expect.any(String),
      enterpriseType: 'star_hotel',
      grade: null,
      city: 'CBS',
      recognizedAt: '2025-06-16',
      status: 'deregistered',
      deregisteredAt: '2025-10-01',
    });
  });

  it('counts valid CQOs per unit and type, and recognitions per month over 24 months', () => {
    const stats = registry.stats(new Date('2026-11-26T02:00:00Z'));
    expect(stats.total).toBe(5);
    expect(stats.byCity).toHaveLength(11);
    expect(stats.byCity.find((c) => c.city === 'CBS')?.count).toBe(0);
    expect(stats.byCity.find((c) => c.city === '220100')?.count).toBe(2);
    expect(stats.byType.map((t) => t.type)).toEqual([
      'travel_agency',
      'scenic_spot',
      'rural_tourism',
      'star_hotel',
    ]);
    expect(stats.byMonth).toHaveLength(24);
    expect(stats.byMonth[0]?.month).toBe('2024-12');
    expect(stats.byMonth[23]?.month).toBe('2026-11');
    expect(stats.byMonth.find((m) => m.month === '2025-06')?.count).toBe(1);
  });
});

describe('the per-address sliding window', () => {
  it('lets the limit through, refuses the next with the wait, and lets it through once the window slid', () => {
    const limit = slidingWindow({ requests: 3, windowMs: 60_000 });
    const t = 1_000_000_020_000;
    expect([limit.hit('a', t), limit.hit('a', t), limit.hit('a', t)]).toEqual([0, 0, 0]);
    const wait = limit.hit('a', t + 1000);
    expect(wait).toBeGreaterThan(0);
    expect(limit.hit('b', t + 1000)).toBe(0);
    expect(limit.hit('a', t + 1000 + wait)).toBe(0);
  });
});
