/**
 * Synthetic recognized filings in bulk, for the load test (`npm run seed`) and the demo's public registry.
 * Bypasses the per-filing workflow (which costs several queries per step) but writes the rows it would have
 * written: status, 备案编号 from `filing_counters`, dates, training, the complete form, the encrypted 身份证号 and
 * its keyed hash, and an audit event per transition. About 3% are deregistered, about 10% did not consent to
 * publishing the name, and about 2% of enterprises changed their CQO (the old filing superseded).
 */
import { existingUsccs, insertBulk, reserveFilingSequences } from '../../db/queries/registry/bulk.ts';
import { countPublicFilings } from '../../db/queries/registry/registry.ts';
import type { enterprises, filingEvents, filings } from '../../db/schema/index.ts';
import { chinaDate } from '../../src/shared/china-date.ts';
import { checkIdNumber, maskIdNumber } from '../../src/shared/id-number.ts';
import { type CityCode, cities, type EnterpriseType, gradesOf } from '../../src/shared/labels.ts';
import type { Deps } from '../deps.ts';
import { encryptId, hashId } from '../privacy/id-crypto.ts';
import { demoForm } from './seed.ts';
import { enterpriseName, idNumber, personName, type Random, random, uscc } from './synthetic.ts';

export type BulkOptions = {
  /** Filings listed in the public registry (superseded predecessors come on top). */
  count: number;
  seed?: number;
  /** Recognitions fall between these (default: 2024-10-01, after the notice, until now). */
  from?: Date;
  to?: Date;
  /** Appended to enterprise names and addresses, e.g. “（演示）” for demo data. */
  label?: string;
  /** Filings per transaction. */
  batch?: number;
  /**
   * How the registry's change log records the load: 'all' (default) makes running read models rebuild in full;
   * 'each' records every filing, so they patch themselves (a few filings at a time, e.g. the bench's churn).
   */
  changes?: 'each' | 'all';
};

/** Rough share of the province's tourism businesses per unit, so the figures look like Jilin's. */
const cityWeights: Record<CityCode, number> = {
  '220100': 20,
  '220200': 14,
  '220300': 6,
  '220400': 4,
  '220500': 8,
  '220600': 7,
  '220700': 6,
  '220800': 5,
  '222400': 16,
  '220581': 4,
  CBS: 10,
};
const typeWeights: Record<EnterpriseType, number> = {
  travel_agency: 35,
  scenic_spot: 25,
  rural_tourism: 25,
  star_hotel: 15,
};
const brands = [
  ...'鑫源 华美 金龙 山水 祥和 锦绣 松涛 白桦 雪域 北国 长青 天池 紫荆 瑞丰 宏达 恒信 嘉禾 兴隆 福源 东方 乐途 悦行 畅游 友谊 和平 新世纪 银河 光明 红叶 枫林 森林 冰雪 温泉 湖光 江城 关东 满韵 朝鲜族 雾凇 鹿鸣'.split(
    ' ',
  ),
];
// Where a synthetic name's place ends and its business suffix starts (leftmost match wins).
const suffixStart =
  /(国际旅行社|假日旅行社|青年旅行社|旅行社|风景区|旅游度假区|景区运营|生态旅游区|民俗村|农家乐|乡村旅游|田园|大酒店|国际饭店|温泉酒店|宾馆)/;

function weighted<T extends string>(r: Random, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as [T, number][];
  let x = r.next() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [key, w] of entries) {
    x -= w;
    if (x < 0) return key;
  }
  return (entries[entries.length - 1] as [T, number])[0];
}

function businessName(r: Random, city: string, type: EnterpriseType): string {
  const base = enterpriseName(r, city, type);
  const at = base.search(suffixStart);
  return at > 0 ? `${base.slice(0, at)}${r.pick(brands)}${base.slice(at)}` : base;
}

/** A USCC with at least one letter, so no generated code can be mistaken for an 18-digit ID number in tests. */
function lettered(r: Random, city: string, cooperative: boolean, taken: Set<string>): string {
  for (;;) {
    const code = uscc(r, city, cooperative);
    if (/[A-Z]/.test(code) && !taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

const DAY = 86_400_000;

type Recognition = { at: number; entry: number; predecessor: boolean; filingNo?: string };

/** Inserts `count` publicly listed filings (and their enterprises, without accounts); returns what it wrote. */
export async function loadRegistryFilings(deps: Deps, options: BulkOptions) {
  const r = random(options.seed ?? 20240731);
  const to = (options.to ?? deps.now()).getTime();
  const from = Math.min((options.from ?? new Date('2024-10-01T00:00:00Z')).getTime(), to - DAY);
  const label = options.label ?? '';
  const batch = options.batch ?? 5000;
  const n = options.count;

  // Recognition times of the listed filings and of the superseded ones they replaced, numbered in time order.
  const recognitions: Recognition[] = [];
  const listedAt: number[] = [];
  const hasPredecessor: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const at = from + r.next() * (to - from);
    listedAt.push(at);
    recognitions.push({ at, entry: i, predecessor: false });
    hasPredecessor.push(r.next() < 0.02 && at - from > 30 * DAY);
    if (hasPredecessor[i])
      recognitions.push({ at: from + r.next() * (at - from - 30 * DAY), entry: i, predecessor: true });
  }
  recognitions.sort((a, b) => a.at - b.at);
  const perYear = new Map<number, Recognition[]>();
  for (const rec of recognitions) {
    // 备案编号 years are China's calendar years (as in the workflow).
    const year = chinaDate(new Date(rec.at)).year;
    perYear.get(year)?.push(rec) ?? perYear.set(year, [rec]);
  }
  const filingNos = new Map<string, string>();
  for (const [year, list] of perYear) {
    const first = await reserveFilingSequences(deps.db, year, list.length);
    list.forEach((rec, k) => {
      const no = `JL-CQO-${year}-${String(first + k).padStart(4, '0')}`;
      filingNos.set(`${rec.entry}/${rec.predecessor ? 'old' : 'new'}`, no);
    });
  }
  const predecessorAt = new Map(recognitions.filter((x) => x.predecessor).map((x) => [x.entry, x.at]));

  const taken = await existingUsccs(deps.db);
  const people = new Set<string>();
  const totals = { filings: 0, enterprises: 0, listed: n, deregistered: 0, superseded: 0, withoutConsent: 0 };

  for (let startAt = 0; startAt < n; startAt += batch) {
    const enterpriseRows: (typeof enterprises.$inferInsert)[] = [];
    const filingRows: (typeof filings.$inferInsert)[] = [];
    const eventRows: (typeof filingEvents.$inferInsert)[] = [];
    const pending: Promise<void>[] = [];
    for (let i = startAt; i < Math.min(n, startAt + batch); i++) {
      // Every unit and every type appears even in a small load.
      const city = i < cities.length ? (cities[i] as (typeof cities)[number]).code : weighted(r, cityWeights);
      const type = i < 4 ? (Object.keys(typeWeights)[i] as EnterpriseType) : weighted(r, typeWeights);
      const grades = gradesOf(type);
      const grade = grades.length ? r.pick(grades) : null;
      const enterprise = {
        id: crypto.randomUUID(),
        uscc: lettered(r, city, type === 'rural_tourism' && r.next() < 0.5, taken),
        name: `${businessName(r, city, type)}${label}`,
        type,
        grade,
        city,
        contactName: personName(r),
        contactPhone: `0431-8${String(r.int(1e7)).padStart(7, '0')}`,
        createdAt: new Date(from - 30 * DAY),
      };
      enterpriseRows.push(enterprise);
      const at = listedAt[i] as number;
      // The first of each unit is valid and listed, so every unit shows at least one in the public registry.
      const showcase = i < cities.length;
      const deregistered = r.next() < 0.03 && !showcase;
      const deregisteredAt = deregistered ? at + r.next() * (to - at) : null;
      const versions: { old: boolean; at: number }[] = [];
      const before = predecessorAt.get(i);
      if (before !== undefined) versions.push({ old: true, at: before });
      versions.push({ old: false, at });
      let previousId: string | null = null;
      for (const version of versions) {
        const filingId = crypto.randomUUID();
        let id = idNumber(r, city, 1966 + r.int(36));
        while (people.has(id)) id = idNumber(r, city, 1966 + r.int(36));
        people.add(id);
        const { form } = demoForm(r, city, type, personName(r));
        const consent = r.next() >= 0.1 || (showcase && !version.old);
        Object.assign(form, {
          grade,
          publishConsent: consent,
          address: `${form.address?.replace('（演示）', '') ?? ''}${label}`,
          contactName: enterprise.contactName,
          contactPhone: enterprise.contactPhone,
        });
        const status = version.old ? 'superseded' : deregistered ? 'deregistered' : 'recognized';
        const recognizedAt = new Date(version.at);
        const updatedAt = new Date(version.old ? at : (deregisteredAt ?? version.at));
        const filingNo = filingNos.get(`${i}/${version.old ? 'old' : 'new'}`) as string;
        const checked = checkIdNumber(id, { today: recognizedAt });
        const row: typeof filings.$inferInsert = {
          id: filingId,
          enterpriseId: enterprise.id,
          kind: previousId ? 'change' : 'new',
          supersedesId: previousId,
          status,
          city,
          filingNo,
          enterpriseName: enterprise.name,
          uscc: enterprise.uscc,
          enterpriseType: type,
          grade,
          cqoName: form.cqoName ?? null,
          publishConsent: consent,
          form,
          idMasked: maskIdNumber(id),
          birthDate: checked.ok ? checked.birthDate : null,
          sex: checked.ok ? checked.sex : null,
          training: {
            onlineHours: 20 + r.int(12),
            attempts: [
              {
                date: new Date(version.at - (3 + r.int(20)) * DAY).toISOString().slice(0, 10),
                passed: true,
                certificateNo: `PX${chinaDate(recognizedAt).year}-${String(r.int(1e5)).padStart(5, '0')}`,
              },
            ],
          },
          deregistrationRequested: status === 'deregistered',
          createdAt: new Date(version.at - (50 + r.int(40)) * DAY),
          submittedAt: new Date(version.at - (40 + r.int(10)) * DAY),
          updatedAt,
          recognizedAt,
          deregisteredAt:
            status === 'deregistered' && deregisteredAt !== null ? new Date(deregisteredAt) : null,
          version: status === 'recognized' ? 7 : 8,
        };
        pending.push(
          Promise.all([encryptId(deps.idKeys, id), hashId(deps.idKeys, id)]).then(([cipher, hash]) => {
            row.idCipher = cipher;
            row.idHash = hash;
          }),
        );
        filingRows.push(row);
        const actor = {
          filingId,
          actorId: 'bulk-load',
          actorName: '省市场监督管理厅（批量导入）',
          actorRole: 'market_regulation',
        };
        eventRows.push({
          ...actor,
          at: recognizedAt,
          action: 'recognize',
          fromStatus: 'trained',
          toStatus: 'recognized',
          reason: null,
        });
        if (status === 'superseded')
          eventRows.push({
            ...actor,
            at: new Date(at),
            action: 'supersede',
            fromStatus: 'recognized',
            toStatus: 'superseded',
            reason: '已由新的备案替换',
          });
        if (status === 'deregistered')
          eventRows.push({
            ...actor,
            at: updatedAt,
            action: 'deregister',
            fromStatus: 'recognized',
            toStatus: 'deregistered',
            reason: '企业申请注销（首席质量官离职）',
          });
        totals.filings++;
        if (status === 'superseded') totals.superseded++;
        if (status === 'deregistered') totals.deregistered++;
        if (!version.old && !consent) totals.withoutConsent++;
        previousId = filingId;
      }
      totals.enterprises++;
    }
    await Promise.all(pending);
    await insertBulk(
      deps.db,
      { enterprises: enterpriseRows, filings: filingRows, events: eventRows },
      options.changes,
    );
  }
  return totals;
}

/**
 * Demo data: about 70 recognized CQOs across all 11 units — at least 50 of them valid and listed (consented) —
 * unless the registry already lists 50 valid ones.
 */
export async function seedDemoRegistry(deps: Deps) {
  if ((await countPublicFilings(deps.db)) >= 50) return;
  await loadRegistryFilings(deps, { count: 70, seed: 2026_11, label: '（演示）' });
}
