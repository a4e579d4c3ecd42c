/** The registry's read model on hand-made rows: what a search finds, in which order, and what it never shows. */
import { describe, expect, it } from 'vitest';
import type { PublicFilingRow } from '../../db/queries/registry/registry.ts';
import { random } from '../../functions/demo/synthetic.ts';
import { rateLimitKey, slidingWindow } from '../../functions/http/rate-limit.ts';
import { buildRegistry, type Registry, type RegistryQuery } from '../../functions/registry/index.ts';
import { buildSteps, runNow, runSliced } from '../../functions/registry/model.ts';

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
  updatedAt: over.recognizedAt,
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
  // Replaced by JL-CQO-2025-0002 (same enterprise) on 2025-05-01.
  row({
    filingNo: 'JL-CQO-2024-0007',
    cqoName: '钱多',
    enterpriseName: '吉林松花湖大酒店有限公司',
    enterpriseType: 'star_hotel',
    city: '220200',
    uscc: '91220200MA0000002Z',
    status: 'superseded',
    recognizedAt: new Date('2024-11-05T02:00:00Z'),
    updatedAt: new Date('2025-05-01T02:00:00Z'),
  }),
];
// The enterprise of the superseded filing is the one of JL-CQO-2025-0002.
(rows[1] as PublicFilingRow).uscc = '91220200MA0000002Z';

const registry = buildRegistry(rows, new Date('2026-11-26T02:00:00Z'));
const numbers = (r: Registry, q: string, more: Record<string, string> = {}) =>
  r.search({ q, page: 1, pageSize: 100, ...more }).items.map((i) => i.filingNo);
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

describe('changes patched over the base', () => {
  it('shows a deregistration, a new recognition and a withdrawn consent at once, in display order', () => {
    const r = buildRegistry(rows, new Date());
    const before = r.stamp();
    r.apply(
      [
        {
          ...(rows[0] as PublicFilingRow),
          status: 'deregistered',
          deregisteredAt: new Date('2026-02-01T02:00:00Z'),
        },
        row({
          filingNo: 'JL-CQO-2026-0002',
          cqoName: '王伟',
          enterpriseName: '长春净月潭国际酒店',
          recognizedAt: new Date('2026-02-02T02:00:00Z'),
        }),
        { ...(rows[2] as PublicFilingRow), publishConsent: false },
      ],
      3,
    );
    expect(r.version).toBe(3);
    expect(r.stamp()).not.toBe(before);
    expect(numbers(r, '王伟')).toEqual(['JL-CQO-2026-0002', 'JL-CQO-2025-0001', 'JL-CQO-2025-0002']);
    expect(r.find('JL-CQO-2025-0001')?.status).toBe('deregistered');
    expect(r.find('JL-CQO-2025-0003')).toMatchObject({ status: 'valid', name: null });
    expect(numbers(r, '', { status: 'deregistered' })).toEqual(['JL-CQO-2025-0005', 'JL-CQO-2025-0001']);
    expect(r.items().map((i) => i.filingNo)).toEqual([
      'JL-CQO-2026-0002',
      'JL-CQO-2026-0001',
      'JL-CQO-2025-0005',
      'JL-CQO-2025-0002',
      'JL-CQO-2025-0001',
    ]);
    const stats = r.stats(new Date('2026-11-26T02:00:00Z'));
    expect(stats.total).toBe(5);
    expect(stats.byMonth.find((m) => m.month === '2026-02')?.count).toBe(1);
  });

  it('answers every query exactly as a full rebuild would, after any sequence of changes', () => {
    const r0 = random(4);
    const cities = ['220100', '220200', '222400', 'CBS'];
    const words = ['长春', '吉林', '国际', '松花', '酒店', '旅行社', '王', '李', '张伟', '延吉'];
    const make = (i: number) =>
      row({
        filingNo: `JL-CQO-2025-${String(i).padStart(4, '0')}`,
        cqoName: `${r0.pick(['王', '李', '张'])}${r0.pick(['伟', '娜', '敏', '伟东'])}`,
        enterpriseName: `${r0.pick(words)}${r0.pick(words)}${r0.pick(words)}有限公司`,
        city: r0.pick(cities),
        publishConsent: r0.next() > 0.2,
        // Some share a recognition time: the 备案编号 breaks the tie.
        recognizedAt: new Date(Date.UTC(2025, 0, 1) + r0.int(200) * 86_400_000),
      });
    let current = Array.from({ length: 400 }, (_, i) => make(i + 1));
    const patched = buildRegistry(current, new Date());
    let next = 401;
    for (let round = 1; round <= 6; round++) {
      const changed: PublicFilingRow[] = [];
      for (let k = 0; k < 15; k++) {
        const kind = r0.int(4);
        if (kind === 0) changed.push(make(next++));
        else {
          const at = r0.int(current.length);
          const old = current[at] as PublicFilingRow;
          const now =
            kind === 1
              ? { ...old, status: 'deregistered', deregisteredAt: new Date(Date.UTC(2025, 9, 1)) }
              : kind === 2
                ? { ...old, status: 'superseded', updatedAt: new Date(Date.UTC(2025, 9, 2)) }
                : { ...old, publishConsent: !old.publishConsent };
          changed.push(now);
        }
      }
      for (const c of changed) {
        const at = current.findIndex((x) => x.filingNo === c.filingNo);
        if (at >= 0) current[at] = c;
        else current.push(c);
      }
      current = [...current];
      patched.apply(changed, round);
      const fresh = buildRegistry(current, new Date());
      for (const q of [
        '',
        ...words,
        '王伟',
        '长春 国际',
        '酒店 王',
        'JL-CQO-2025-0003',
        'jl-cqo-2025-0411',
      ]) {
        const filters: Omit<RegistryQuery, 'page' | 'pageSize'>[] = [
          {},
          { status: 'valid' },
          { city: '220200' },
          { type: 'travel_agency' },
        ];
        for (const filter of filters) {
          const query: RegistryQuery = { q, page: 1, pageSize: 100, ...filter };
          const a = patched.search(query);
          const b = fresh.search(query);
          expect(a.total, `${q} ${JSON.stringify(filter)}`).toBe(b.total);
          expect(a.items, `${q} ${JSON.stringify(filter)}`).toEqual(b.items);
        }
      }
      expect(patched.items()).toEqual(fresh.items());
      expect(patched.size).toBe(fresh.size);
      expect(patched.stats(new Date('2026-01-01T00:00:00Z'))).toEqual(
        fresh.stats(new Date('2026-01-01T00:00:00Z')),
      );
      for (const c of changed)
        expect(patched.find(c.filingNo as string)).toEqual(fresh.find(c.filingNo as string));
    }
  });
});

describe('building in slices', () => {
  it('yields to the event loop while it builds, and builds the same model as in one go', async () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      row({
        filingNo: `JL-CQO-2025-${String(i + 1).padStart(5, '0')}`,
        cqoName: `张${i}`,
        recognizedAt: new Date(Date.UTC(2025, 0, 1) + (i % 97) * 3_600_000),
      }),
    );
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const sliced = await runSliced(buildSteps(many, new Date(), 0), 1);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    const whole = runNow(buildSteps(many, new Date(), 0));
    const query = { q: '张1', page: 1, pageSize: 50 };
    expect(sliced.search(query)).toEqual(whole.search(query));
    expect(sliced.items()).toEqual(whole.items());
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

  it('counts IPv6 clients per /64 however the address is written, and IPv4 as it is', () => {
    const net = '2001:db8:1:2::/64';
    expect(rateLimitKey('2001:db8:1:2::1')).toBe(net);
    expect(rateLimitKey('2001:0DB8:0001:0002:ffff:ffff:ffff:fffe')).toBe(net);
    expect(rateLimitKey('[2001:db8:1:2:0:0:0:9]')).toBe(net);
    expect(rateLimitKey('2001:db8:1:2::5%eth0')).toBe(net);
    expect(rateLimitKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(rateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('203.0.113.7')).toBe('203.0.113.7');
  });
});
