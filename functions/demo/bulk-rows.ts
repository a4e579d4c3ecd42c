/**
 * The rows the bulk loader (bulk.ts) writes for one enterprise: the enterprise, its listed filing and the
 * superseded one before it (if it changed its CQO), and their audit events, as the workflow would have written
 * them. Every value comes from the load's one random stream, in a fixed order, so a seed gives the same data.
 */
import type { enterprises, filingEvents, filings } from '../../db/schema/index.ts';
import { chinaDate } from '../../src/shared/china-date.ts';
import { checkIdNumber, maskIdNumber } from '../../src/shared/id-number.ts';
import { cities, type EnterpriseType, gradesOf } from '../../src/shared/labels.ts';
import type { Deps } from '../deps.ts';
import { encryptId, hashId } from '../privacy/id-crypto.ts';
import { demoForm } from './form.ts';
import {
  businessName,
  cityWeights,
  idNumber,
  lettered,
  personName,
  type Random,
  typeWeights,
  weighted,
} from './synthetic.ts';

export const DAY = 86_400_000;

type EnterpriseRow = typeof enterprises.$inferInsert;
type FilingRow = typeof filings.$inferInsert;
type EventRow = typeof filingEvents.$inferInsert;
type Totals = {
  filings: number;
  enterprises: number;
  listed: number;
  deregistered: number;
  superseded: number;
  withoutConsent: number;
};

/** One load: its random stream, time span and label, and what it has handed out so far. */
export type Load = {
  r: Random;
  deps: Deps;
  from: number;
  to: number;
  label: string;
  /** When listed filing i was recognized, and when its superseded predecessor was (if it has one). */
  listedAt: number[];
  predecessorAt: Map<number, number>;
  /** 备案编号 by `${i}/new` and `${i}/old`. */
  filingNos: Map<string, string>;
  /** USCCs and 身份证号 already used. */
  taken: Set<string>;
  people: Set<string>;
  totals: Totals;
};

/** The rows of one transaction, and the ID encryptions they still wait for. */
export type Batch = {
  enterprises: EnterpriseRow[];
  filings: FilingRow[];
  events: EventRow[];
  pending: Promise<void>[];
};

/** Enterprise i with its listed filing, and the superseded one before it if it changed its CQO. */
export function addEnterprise(load: Load, i: number, rows: Batch) {
  const { r, from, to, label, taken } = load;
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
  rows.enterprises.push(enterprise);
  const at = load.listedAt[i] as number;
  // The first of each unit is valid and listed, so every unit shows at least one in the public registry.
  const showcase = i < cities.length;
  const deregistered = r.next() < 0.03 && !showcase;
  const deregisteredAt = deregistered ? at + r.next() * (to - at) : null;
  const versions: { old: boolean; at: number }[] = [];
  const before = load.predecessorAt.get(i);
  if (before !== undefined) versions.push({ old: true, at: before });
  versions.push({ old: false, at });
  let previousId: string | null = null;
  for (const version of versions) {
    const row = filingOf(load, rows, { i, enterprise, version, showcase, previousId, at, deregisteredAt });
    previousId = row.id as string;
  }
  load.totals.enterprises++;
}

/** One filing to write for enterprise `i`: the listed one, or (`version.old`) the superseded one before it. */
type FilingPlan = {
  i: number;
  enterprise: EnterpriseRow & { type: EnterpriseType };
  version: { old: boolean; at: number };
  showcase: boolean;
  previousId: string | null;
  /** When the listed filing was recognized (the predecessor was superseded then), and deregistered if it was. */
  at: number;
  deregisteredAt: number | null;
};

/** One filing of an enterprise, with its audit events, as the workflow would have written them. */
function filingOf(load: Load, rows: Batch, v: FilingPlan): FilingRow {
  const { r, people, label, deps } = load;
  const { enterprise, version, at, deregisteredAt } = v;
  const { city, type, grade } = enterprise;
  const filingId = crypto.randomUUID();
  let id = idNumber(r, city, 1966 + r.int(36));
  while (people.has(id)) id = idNumber(r, city, 1966 + r.int(36));
  people.add(id);
  const { form } = demoForm(r, city, type, personName(r));
  const consent = r.next() >= 0.1 || (v.showcase && !version.old);
  Object.assign(form, {
    grade,
    publishConsent: consent,
    address: `${form.address?.replace('（演示）', '') ?? ''}${label}`,
    contactName: enterprise.contactName,
    contactPhone: enterprise.contactPhone,
  });
  const status = version.old ? 'superseded' : deregisteredAt !== null ? 'deregistered' : 'recognized';
  const recognizedAt = new Date(version.at);
  const updatedAt = new Date(version.old ? at : (deregisteredAt ?? version.at));
  const checked = checkIdNumber(id, { today: recognizedAt });
  const row: FilingRow = {
    id: filingId,
    enterpriseId: enterprise.id as string,
    kind: v.previousId ? 'change' : 'new',
    supersedesId: v.previousId,
    status,
    city,
    filingNo: load.filingNos.get(`${v.i}/${version.old ? 'old' : 'new'}`) as string,
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
    deregisteredAt: status === 'deregistered' && deregisteredAt !== null ? new Date(deregisteredAt) : null,
    version: status === 'recognized' ? 7 : 8,
  };
  rows.pending.push(
    Promise.all([encryptId(deps.idKeys, id), hashId(deps.idKeys, id)]).then(([cipher, hash]) => {
      row.idCipher = cipher;
      row.idHash = hash;
    }),
  );
  rows.filings.push(row);
  rows.events.push(...auditEvents(filingId, status, recognizedAt, new Date(at), updatedAt));
  const { totals } = load;
  totals.filings++;
  if (status === 'superseded') totals.superseded++;
  if (status === 'deregistered') totals.deregistered++;
  if (!version.old && !consent) totals.withoutConsent++;
  return row;
}

/** The audit trail of a bulk filing: recognized, then superseded (at `replacedAt`) or deregistered. */
function auditEvents(
  filingId: string,
  status: string,
  recognizedAt: Date,
  replacedAt: Date,
  updatedAt: Date,
): EventRow[] {
  const actor = {
    filingId,
    actorId: 'bulk-load',
    actorName: '省市场监督管理厅（批量导入）',
    actorRole: 'market_regulation',
  };
  const events: EventRow[] = [
    {
      ...actor,
      at: recognizedAt,
      action: 'recognize',
      fromStatus: 'trained',
      toStatus: 'recognized',
      reason: null,
    },
  ];
  if (status === 'superseded')
    events.push({
      ...actor,
      at: replacedAt,
      action: 'supersede',
      fromStatus: 'recognized',
      toStatus: 'superseded',
      reason: '已由新的备案替换',
    });
  if (status === 'deregistered')
    events.push({
      ...actor,
      at: updatedAt,
      action: 'deregister',
      fromStatus: 'recognized',
      toStatus: 'deregistered',
      reason: '企业申请注销（首席质量官离职）',
    });
  return events;
}
