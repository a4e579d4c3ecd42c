/** Enterprise accounts made as a user makes them: POST /api/auth/register with a valid 统一社会信用代码. */
import { usccCheckChar } from '../../src/shared/uscc.ts';
import type { Client } from './api.ts';

/** The password every enterprise registered by the tests signs in with, unless a test gives another. */
export const ENTERPRISE_PASSWORD = 'a-long-enough-password';

/** A valid 统一社会信用代码: `first17` and its check character. */
export function usccOf(first17: string): string {
  const check = usccCheckChar(first17);
  if (check === null) throw new Error(`not 17 characters of the USCC alphabet: ${first17}`);
  return first17 + check;
}

/** What a registration says unless a test says otherwise: a 长春 travel agency and its contact. */
const usual = {
  name: '长春市测试旅行社有限公司',
  type: 'travel_agency' as string,
  grade: null as string | null,
  city: '220100',
  contactName: '王芳',
  contactPhone: '0431-88886666',
  password: ENTERPRISE_PASSWORD,
};

export type Registration = typeof usual & { uscc: string };

/** A valid registration body: a 长春 travel agency unless `fields` say otherwise. */
export function registration(fields: Partial<Registration> & Pick<Registration, 'uscc'>): Registration {
  return { ...usual, ...fields };
}

/** Registers an enterprise through the API; `client` is signed in as it afterwards. Throws unless 201. */
export async function registerEnterprise(
  client: Client,
  fields: Partial<Registration> & Pick<Registration, 'uscc'>,
): Promise<Client> {
  const made = await client.post('/api/auth/register', registration(fields));
  if (made.status !== 201) throw new Error(`register ${fields.uscc}: ${made.status} ${made.text}`);
  return client;
}
