/**
 * What the public registry tests share: a demo world with the public and market regulation, the fields a public
 * answer has, everything listed, and a CQO replaced through a change filing.
 */
import { and, eq } from 'drizzle-orm';
import { findAccountByLogin } from '../../db/queries/accounts/accounts.ts';
import { filings } from '../../db/schema/index.ts';
import { advance, submitDemoFiling } from '../../functions/demo/seed.ts';
import { random } from '../../functions/demo/synthetic.ts';
import type { Deps } from '../../functions/deps.ts';
import type { PublicCqo, PublicCqoList } from '../../src/shared/registry/answers.ts';
import { type Client, demoWorld } from './api.ts';

export type FilingRow = typeof filings.$inferSelect;

/** The demo world, an anonymous client and market regulation (省市场监管厅) signed in. */
export async function registryWorld() {
  const world = await demoWorld();
  return { world, anyone: world.client(), samr: await world.as('samr') };
}

/** The fields of a public registry record, sorted: nothing else may appear. */
export const PUBLIC_KEYS = [
  'filingNo',
  'name',
  'enterpriseName',
  'uscc',
  'enterpriseType',
  'grade',
  'city',
  'recognizedAt',
  'status',
  'deregisteredAt',
].sort();

/** Every listed CQO (the demo data has fewer than 100). */
export async function everyListed(anyone: Client): Promise<PublicCqo[]> {
  return (await anyone.get<PublicCqoList>('/api/cqos?pageSize=100')).body.items;
}

/**
 * Takes the recognized filing of the 吉林 scenic area `login` (a demo enterprise) through a change filing, its
 * form drawn from `seed`, to recognition: the old filing is superseded. Returns the account and both filings.
 */
export async function changeCqo(deps: Deps, login: string, seed: number) {
  const account = await findAccountByLogin(deps.db, login);
  if (!account?.enterpriseId) throw new Error('demo enterprise missing');
  const [old] = await deps.db
    .select()
    .from(filings)
    .where(and(eq(filings.enterpriseId, account.enterpriseId), eq(filings.status, 'recognized')));
  const me = { ...account, sessionId: 'test' };
  const change = await submitDemoFiling(deps, me, random(seed), '220200', 'scenic_spot', 'change');
  await advance(deps, change, 'jl-city', 'recognized');
  const [now] = await deps.db.select().from(filings).where(eq(filings.id, change));
  return { account, old: old as FilingRow, now: now as FilingRow };
}
