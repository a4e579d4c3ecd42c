/**
 * `npm run account:create -- --role city_tourism --city 220100 --login cc-zhang --name 张三`
 * Creates a reviewer or admin account on the Node host's database. The password comes from ACCOUNT_PASSWORD,
 * or a random one is generated and printed once; it is never a default.
 */
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { staffAccount } from '../../src/shared/accounts/requests.ts';
import { createStaffAccount } from '../accounts/reviewers.ts';
import { migrateDatabase, nodeDeps, openDatabase } from './node.ts';
import { keepPrivate } from './private-files.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    city: { type: 'string' },
    login: { type: 'string' },
    name: { type: 'string' },
  },
});
const password = process.env.ACCOUNT_PASSWORD ?? randomBytes(12).toString('base64url');
const parsed = staffAccount.safeParse({
  role: values.role,
  city: values.city,
  login: values.login,
  displayName: values.name,
  password,
});
if (!parsed.success) {
  for (const issue of parsed.error.issues)
    console.error(`${issue.path.join('.') || '参数'}：${issue.message}`);
  console.error(
    '用法：npm run account:create -- --role city_tourism|province_tourism|market_regulation|admin [--city 220100] --login 登录名 --name 姓名',
  );
  process.exit(2);
}
keepPrivate();
const { db } = await openDatabase({
  databaseUrl: process.env.DATABASE_URL ?? 'file:data/cqo.db',
  databaseAuthToken: process.env.DATABASE_AUTH_TOKEN,
});
await migrateDatabase(db, join(projectRoot, 'db/migrations'));
const result = await createStaffAccount(nodeDeps(db, join(projectRoot, 'data')), parsed.data);
if (!result.ok) {
  console.error(result.message);
  process.exit(1);
}
console.log(`已创建账号 ${parsed.data.login}（${parsed.data.displayName}）。`);
if (!process.env.ACCOUNT_PASSWORD)
  console.log(`初始密码（只显示这一次，请安全转交并要求首次登录后修改）：${password}`);
