/** Outbox sources about a filing, read inside the transition's own transaction. */
import { type SQL, sql } from 'drizzle-orm';

/**
 * Enabled accounts matching `where` (on `a`), told about `filingId`: `data` plus the filing's 备案编号 as the
 * transaction sees it (recognition issues it in the same transaction, just before).
 */
export function filingSource(where: SQL, filingId: string, data: Record<string, unknown>): SQL {
  return sql`select a.id as account_id,
      json_patch(json(${JSON.stringify(data)}),
        json_object('filingNo', (select f.filing_no from filings f where f.id = ${filingId}))) as data,
      null as dedupe_key
    from accounts a where a.disabled = 0 and (${where})`;
}
