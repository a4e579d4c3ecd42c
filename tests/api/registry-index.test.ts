/** The registry's read model on hand-made rows: what a search finds, in which order, and what it never shows. */
import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../functions/registry/index.ts';
import { numbers, rows } from '../support/registry-rows.ts';

const registry = buildRegistry(rows, new Date('2026-11-26T02:00:00Z'));
const search = (q: string, more: Record<string, string> = {}) => numbers(registry, q, more);

describe('searching the registry', () => {
  it('puts the exact name first, then names and enterprise names containing it, newest first', () => {
    expect(search('王伟')).toEqual(['JL-CQO-2025-0001', 'JL-CQO-2025-0003', 'JL-CQO-2025-0002']);
  });

  it('finds a single character in names and enterprise names', () => {
    expect(search('伟').sort()).toEqual(['JL-CQO-2025-0001', 'JL-CQO-2025-0002', 'JL-CQO-2025-0003']);
  });

  it('finds enterprise names by any part of them', () => {
    expect(search('松花湖大酒')).toEqual(['JL-CQO-2025-0002']);
    expect(search('温泉酒店')).toEqual(['JL-CQO-2025-0005']);
  });

  it('puts an exact 备案编号 first, in any case and in full-width characters', () => {
    expect(search('jl-cqo-2025-0001')).toEqual(['JL-CQO-2025-0001', 'JL-CQO-2026-0001']);
    expect(search('ＪＬ－ＣＱＯ－２０２５－０００１')[0]).toBe('JL-CQO-2025-0001');
  });

  it('finds an exact 统一社会信用代码 in lower case or typed with spaces, and not a part of one', () => {
    expect(search('91220101ma0000001x')).toEqual(['JL-CQO-2025-0001']);
    expect(search('9122 0101 MA00 0000 1X')).toEqual(['JL-CQO-2025-0001']);
    expect(search('91220101MA')).toEqual([]);
  });

  it('needs every word of a multi-word query, in any of the searchable fields', () => {
    expect(search('长春 国际')).toEqual(['JL-CQO-2025-0001']);
    expect(search('国际  长春')).toEqual(['JL-CQO-2025-0001']);
    expect(search('王伟 长春')).toEqual(['JL-CQO-2025-0001']);
    expect(search('王伟 松花湖')).toEqual(['JL-CQO-2025-0002']);
    expect(search('长春 酒店')).toEqual([]);
    expect(search('jl-cqo-2025-0001 主题')).toEqual(['JL-CQO-2026-0001']);
    expect(search('有限公司 王伟')).toEqual(['JL-CQO-2025-0001', 'JL-CQO-2025-0003', 'JL-CQO-2025-0002']);
  });

  it('does not list a CQO without publication consent: not by name, enterprise, USCC or number', () => {
    for (const q of ['李娜', '娜', '五女峰景区', '91220500MA0000004Y', 'JL-CQO-2025-0004', '']) {
      expect(search(q), q).not.toContain('JL-CQO-2025-0004');
    }
    expect(JSON.stringify(registry.items())).not.toContain('五女峰');
    expect(registry.size).toBe(5);
  });

  it('answers a CQO without publication consent by its exact number: valid, with the enterprise, no name', () => {
    expect(registry.find('jl-cqo-2025-0004')).toMatchObject({
      filingNo: 'JL-CQO-2025-0004',
      name: null,
      enterpriseName: '通化五女峰景区运营管理有限公司',
      status: 'valid',
      supersededAt: null,
      currentFilingNo: null,
    });
  });

  it('answers a superseded number as 已变更 with the date and the enterprise’s current number, never lists it', () => {
    expect(registry.find('JL-CQO-2024-0007')).toMatchObject({
      filingNo: 'JL-CQO-2024-0007',
      status: 'superseded',
      supersededAt: '2025-05-01',
      currentFilingNo: 'JL-CQO-2025-0002',
      deregisteredAt: null,
    });
    expect(search('钱多')).toEqual([]);
    expect(search('JL-CQO-2024-0007')).toEqual([]);
    expect(search('91220200MA0000002Z')).toEqual(['JL-CQO-2025-0002']);
  });

  it('combines the search with 市州, type and status filters', () => {
    expect(search('王伟', { city: '220200' })).toEqual(['JL-CQO-2025-0002']);
    expect(search('有限公司', { type: 'star_hotel' })).toEqual(['JL-CQO-2025-0005', 'JL-CQO-2025-0002']);
    expect(search('', { status: 'deregistered' })).toEqual(['JL-CQO-2025-0005']);
    expect(search('', { city: 'CBS', status: 'valid' })).toEqual([]);
    expect(search('', { city: '220100', type: 'travel_agency' })).toEqual([
      'JL-CQO-2026-0001',
      'JL-CQO-2025-0001',
    ]);
  });

  it('pages the results and answers a page past the end with no items and the right total', () => {
    const page2 = registry.search({ page: 2, pageSize: 3 });
    expect(page2.items.map((i) => i.filingNo)).toEqual(['JL-CQO-2025-0002', 'JL-CQO-2025-0001']);
    expect(page2.total).toBe(5);
    expect(registry.search({ page: 9, pageSize: 4 })).toEqual({ items: [], total: 5, page: 9, pageSize: 4 });
  });
});

describe('what an entry shows', () => {
  it('gives China-time dates and the deregistration date', () => {
    expect(registry.find('jl-cqo-2025-0005')).toEqual({
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
      supersededAt: null,
      currentFilingNo: null,
    });
  });

  it('counts every valid CQO (listed or not) per unit and type, and every recognition per month', () => {
    const stats = registry.stats(new Date('2026-11-26T02:00:00Z'));
    // Valid: 0001, 0002, 0003, 0004 (not listed), 2026-0001.
    expect(stats.total).toBe(5);
    expect(stats.byCity).toHaveLength(11);
    expect(stats.byCity.find((c) => c.city === 'CBS')?.count).toBe(0);
    expect(stats.byCity.find((c) => c.city === '220100')?.count).toBe(2);
    expect(stats.byCity.find((c) => c.city === '220500')?.count).toBe(1);
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
    // The superseded filing was recognized in November 2024: it counts there although it is no longer listed.
    const older = registry.stats(new Date('2025-11-26T02:00:00Z'));
    expect(older.byMonth.find((m) => m.month === '2024-11')?.count).toBe(1);
  });
});
