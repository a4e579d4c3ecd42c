/** Hand-made rows of the public registry for the read model's unit tests. */
import type { PublicFilingRow } from '../../db/queries/registry/registry.ts';
import type { Registry } from '../../functions/registry/index.ts';

/** A recognized, consented filing of a 长春 travel agency, unless `over` says otherwise. */
export const row = (
  over: Partial<PublicFilingRow> & { filingNo: string; recognizedAt: Date },
): PublicFilingRow => ({
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

/** Hand-made filings: names that share characters, one without consent, one superseded, one deregistered. */
export const rows: PublicFilingRow[] = [
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

/** The 备案编号 a search of `registry` lists, in order. */
export const numbers = (r: Registry, q: string, more: Record<string, string> = {}) =>
  r.search({ q, page: 1, pageSize: 100, ...more }).items.map((i) => i.filingNo);
