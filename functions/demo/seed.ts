/**
 * Demo data for `npm start` (演示数据): one account per role, city reviewers for every 市州, and enterprises whose
 * filings stand at different steps of the workflow, all made through the real workflow code. Every demo
 * account is flagged `demo` and every demo enterprise is named “（演示）”. Runs once per database.
 */
import {
  findAccount,
  findAccountByLogin,
  listDemoAccounts,
  markDemo,
} from '../../db/queries/accounts/accounts.ts';
import type { FilingDraft } from '../../src/shared/filings/form.ts';
import { cities, type EnterpriseType, gradesOf } from '../../src/shared/labels.ts';
import { createStaffAccount } from '../accounts/reviewers.ts';
import { registerEnterprise } from '../accounts/service.ts';
import type { Deps, SignedIn } from '../deps.ts';
import { addAttachment } from '../filings/attachments.ts';
import { act, createFiling, saveDraft } from '../filings/service.ts';
import { seedDemoRegistry } from './bulk.ts';
import { seedDemoEvents } from './events.ts';
import { enterpriseName, idNumber, mobile, personName, type Random, random, uscc } from './synthetic.ts';

export const DEMO_PASSWORD = 'Demo-2026-cqo';

/** The smallest well-formed PDF: a stand-in for scanned certificates in demo filings. */
const demoPdf = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

async function signedIn(deps: Deps, id: string): Promise<SignedIn> {
  const account = await findAccount(deps.db, id);
  if (!account) throw new Error('demo account missing');
  return { ...account, sessionId: 'demo-seed' };
}

async function staff(deps: Deps, login: string) {
  const account = await findAccountByLogin(deps.db, login);
  if (!account) throw new Error(`demo account ${login} missing`);
  return { ...account, sessionId: 'demo-seed' };
}

export function demoForm(
  r: Random,
  city: string,
  type: EnterpriseType,
  name = personName(r),
): { form: FilingDraft; idNumber: string } {
  const grades = gradesOf(type);
  const startYear = 2012 + r.int(8);
  return {
    idNumber: idNumber(r, city, 1970 + r.int(22)),
    form: {
      grade: grades.length ? (grades[grades.length - 2] ?? null) : null,
      licenseNo: type === 'travel_agency' ? `L-JL-${String(10000 + r.int(89999))}` : null,
      address: `${cities.find((c) => c.code === city)?.name ?? ''}某路 ${1 + r.int(300)} 号（演示）`,
      legalRep: personName(r),
      contactName: personName(r),
      contactPhone: `0431-8${String(r.int(1e7)).padStart(7, '0')}`,
      cqoName: name,
      position: r.pick(['副总经理', '质量总监', '总经理助理', '运营副总']),
      mobile: mobile(r),
      email: `cqo${r.int(10000)}@example.com`,
      degree: r.pick(['bachelor', 'bachelor', 'master']),
      school: r.pick(['吉林大学', '东北师范大学', '长春理工大学', '延边大学', '北华大学']),
      major: r.pick(['旅游管理', '酒店管理', '工商管理', '质量管理工程']),
      qualification: {
        kind: 'certificate',
        level: 'intermediate',
        certificateNo: `ZL${2015 + r.int(8)}${String(r.int(1e6)).padStart(6, '0')}`,
        issuer: '吉林省人力资源和社会保障厅',
        issuedOn: `${2016 + r.int(6)}-06-20`,
      },
      experiences: [
        {
          from: `${startYear}-03`,
          to: null,
          employer: '本企业（演示）',
          position: '质量管理部经理',
          qualityDuties: true,
          description: '负责服务质量标准制定、质量检查和游客投诉处理',
        },
      ],
      appointedOn: '2025-09-01',
      duties: [
        '负责制定企业质量发展战略、年度质量工作计划和质量安全保障措施',
        '制定和实施旅游服务质量标准，确保服务流程规范化',
      ],
      truthful: true,
      publishConsent: r.next() < 0.85,
    },
  };
}

/** Fills, documents and submits a filing for an enterprise account. */
export async function submitDemoFiling(
  deps: Deps,
  me: SignedIn,
  r: Random,
  city: string,
  type: EnterpriseType,
  filingKind: 'new' | 'change' = 'new',
) {
  const created = await createFiling(deps, me, filingKind);
  if (!created.ok) throw new Error(created.message);
  const { form, idNumber: id } = demoForm(r, city, type);
  const saved = await saveDraft(deps, me, created.value.id, form, id);
  if (!saved.ok) throw new Error(saved.message);
  for (const kind of ['degree', 'qualification', 'appointment', 'stamped_form'] as const) {
    const added = await addAttachment(
      deps,
      me,
      created.value.id,
      kind,
      new File([demoPdf], `${kind}.pdf`, { type: 'application/pdf' }),
    );
    if (!added.ok) throw new Error(added.message);
  }
  const submitted = await act(deps, me, created.value.id, { action: 'submit' });
  if (!submitted.ok) throw new Error(`${submitted.message} ${JSON.stringify(submitted.fields)}`);
  return created.value.id;
}

type Stage = 'none' | 'submitted' | 'city_approved' | 'awaiting_training' | 'recognized';

/** Walks a submitted filing through review, training and recognition up to `stage`. */
export async function advance(deps: Deps, filingId: string, cityLogin: string, stage: Stage) {
  const steps: [Stage, string, Parameters<typeof act>[3]][] = [
    ['city_approved', cityLogin, { action: 'city_approve', note: '材料齐全，符合任职条件（演示）' }],
    ['awaiting_training', 'province', { action: 'province_approve' }],
    [
      'recognized',
      'samr',
      {
        action: 'record_training',
        onlineHours: 24,
        date: '2026-10-15',
        passed: true,
        certificateNo: 'PX2026-001',
      },
    ],
    ['recognized', 'samr', { action: 'recognize' }],
  ];
  const order: Stage[] = ['none', 'submitted', 'city_approved', 'awaiting_training', 'recognized'];
  for (const [reached, login, input] of steps) {
    if (order.indexOf(reached) > order.indexOf(stage)) break;
    const done = await act(deps, await staff(deps, login), filingId, input);
    if (!done.ok) throw new Error(done.message);
  }
}

const cityLogins: Record<string, string> = { '220100': 'cc-city', '220200': 'jl-city' };
export const cityLogin = (code: string) => cityLogins[code] ?? `city-${code.toLowerCase()}`;

export type DemoLogin = { role: string; login: string; displayName: string };

/**
 * Creates the demo data unless it exists; returns the demo logins to print. Writes into whatever database it is
 * given: `npm start` asks functions/demo/policy.ts first (a new local database, or DEMO_DATA=on).
 */
export async function seedDemo(deps: Deps): Promise<DemoLogin[]> {
  if ((await listDemoAccounts(deps.db)).length === 0) {
    for (const c of cities) {
      const made = await createStaffAccount(deps, {
        role: 'city_tourism',
        login: cityLogin(c.code),
        displayName: `${c.name}文旅部门审核员（演示）`,
        city: c.code,
        password: DEMO_PASSWORD,
        demo: true,
      });
      if (!made.ok) throw new Error(made.message);
    }
    for (const [role, login, displayName] of [
      ['province_tourism', 'province', '省文化和旅游厅复审员（演示）'],
      ['market_regulation', 'samr', '省市场监督管理厅审核员（演示）'],
      ['admin', 'admin', '系统管理员（演示）'],
    ] as const) {
      const made = await createStaffAccount(deps, {
        role,
        login,
        displayName,
        password: DEMO_PASSWORD,
        demo: true,
      });
      if (!made.ok) throw new Error(made.message);
    }
    const r = random(2026);
    const demoEnterprises: [string, EnterpriseType, Stage][] = [
      ['220100', 'travel_agency', 'none'],
      ['220100', 'star_hotel', 'submitted'],
      ['220200', 'scenic_spot', 'recognized'],
      ['222400', 'rural_tourism', 'awaiting_training'],
      ['220200', 'star_hotel', 'city_approved'],
    ];
    for (const [city, type, stage] of demoEnterprises) {
      const grades = gradesOf(type);
      const registered = await registerEnterprise(deps, {
        uscc: uscc(r, city, type === 'rural_tourism'),
        name: `${enterpriseName(r, city, type)}（演示）`,
        type,
        grade: grades.length ? (grades[grades.length - 2] ?? null) : null,
        city,
        contactName: personName(r),
        contactPhone: `0431-8${String(r.int(1e7)).padStart(7, '0')}`,
        password: DEMO_PASSWORD,
      });
      if (!registered.ok) throw new Error(registered.message);
      await markDemo(deps.db, registered.value.account.id);
      if (stage === 'none') continue;
      const me = await signedIn(deps, registered.value.account.id);
      const filingId = await submitDemoFiling(deps, me, r, city, type);
      await advance(deps, filingId, cityLogin(city), stage);
    }
  }
  // Outside the once-only block: an older demo database gets the events too, and existing ones are kept.
  await seedDemoEvents(deps);
  // The public registry needs more than one recognized CQO to be worth looking at (cheap bulk rows, no accounts).
  await seedDemoRegistry(deps);
  return (await listDemoAccounts(deps.db)).map((a) => ({
    role: a.role,
    login: a.login,
    displayName: a.displayName,
  }));
}
