/**
 * When `npm start` writes demo data. Demo accounts share a published password, so they must never appear in a
 * database that holds real accounts or that lives elsewhere (Turso, a server) unless someone asked for them.
 */

import type { Database } from '../../db/database.ts';
import { countAccounts, listDemoAccounts } from '../../db/queries/accounts/accounts.ts';

export type DemoDataFacts = {
  databaseUrl: string;
  /** The DEMO_DATA variable as set (undefined when unset). */
  setting: string | undefined;
  accounts: number;
  demoAccounts: number;
};

export type DemoDataPlan = { seed: boolean; note?: string };

/**
 * - DEMO_DATA=off: never (and demo accounts cannot sign in, see Deps.refuseDemoAccounts);
 * - DEMO_DATA=on: always, into any database;
 * - unset: only into a local `file:` database that has no accounts yet (a fresh clone's first `npm start`), or
 *   one that already holds the demo data from such a start (which it then keeps up to date and prints).
 */
export function decideDemoData(facts: DemoDataFacts): DemoDataPlan {
  const setting = facts.setting?.trim().toLowerCase();
  if (setting === 'off') return { seed: false };
  if (setting === 'on') return { seed: true };
  const unknown = setting ? `DEMO_DATA=${facts.setting} 无法识别（只可为 on 或 off），按未设置处理。` : '';
  if (!facts.databaseUrl.startsWith('file:')) {
    return {
      seed: false,
      note: `${unknown}数据库不是本机文件，未写入演示数据。如确需演示数据，请设置 DEMO_DATA=on。`,
    };
  }
  if (facts.accounts === 0 || facts.demoAccounts > 0) return { seed: true, note: unknown || undefined };
  return {
    seed: false,
    note: `${unknown}数据库中已有正式账号，未写入演示数据。如确需演示数据，请设置 DEMO_DATA=on；生产环境请设置 DEMO_DATA=off。`,
  };
}

/** Reads what decideDemoData needs from the database (nothing for a remote one unless DEMO_DATA says so). */
export async function planDemoData(
  db: Database,
  databaseUrl: string,
  setting: string | undefined,
): Promise<DemoDataPlan> {
  const needsCounts =
    databaseUrl.startsWith('file:') && !['on', 'off'].includes(setting?.trim().toLowerCase() ?? '');
  return decideDemoData({
    databaseUrl,
    setting,
    accounts: needsCounts ? await countAccounts(db) : 0,
    demoAccounts: needsCounts ? (await listDemoAccounts(db)).length : 0,
  });
}
