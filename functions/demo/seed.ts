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
import { cities, type EnterpriseType, gradesOf } from '../../src/shared/labels.ts';
import { createStaffAccount } from '../accounts/reviewers.ts';
import { registerEnterprise } from '../accounts/service.ts';
import type { Deps, SignedIn } from '../deps.ts';
import { addAttachment } from '../filings/attachments.ts';
import { act, createFiling, saveDraft } from '../filings/service.ts';
import { seedDemoRegistry } from './bulk.ts';
import { seedDemoEvents } from './events.ts';
import { demoForm } from './form.ts';
import { enterpriseName, personName, type Random, random, uscc } from './synthetic.ts';

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
