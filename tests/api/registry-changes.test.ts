/** The registry's read model kept up to date: changes patched over the base, and the base built in slices. */
import { describe, expect, it } from 'vitest';
import type { PublicFilingRow } from '../../db/queries/registry/registry.ts';
import { random } from '../../functions/demo/synthetic.ts';
import { buildRegistry, type RegistryQuery } from '../../functions/registry/index.ts';
import { buildSteps, runNow, runSliced } from '../../functions/registry/model.ts';
import { numbers, row, rows } from '../support/registry-rows.ts';

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
