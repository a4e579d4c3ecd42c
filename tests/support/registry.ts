/** What the public registry tests share: the fields a public answer has, and everything listed. */
import type { PublicCqo, PublicCqoList } from '../../src/shared/registry/answers.ts';
import type { Client } from './api.ts';

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
