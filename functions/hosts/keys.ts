/**
 * The Node host's keys for 身份证号 encryption and hashing: from ID_ENCRYPTION_KEY / ID_HASH_KEY, or generated
 * once into a file readable only by the owner (data/keys.json by default) so a local install works at once.
 * Production sets both variables from a secret store; losing the encryption key makes stored numbers unreadable.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IdKeys } from '../privacy/id-crypto.ts';

export function loadIdKeys(env: NodeJS.ProcessEnv, keyFile: string): IdKeys {
  if (env.ID_ENCRYPTION_KEY && env.ID_HASH_KEY)
    return { encryptionKey: env.ID_ENCRYPTION_KEY, hashKey: env.ID_HASH_KEY };
  if (existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as IdKeys;
  const keys: IdKeys = {
    encryptionKey: randomBytes(32).toString('base64'),
    hashKey: randomBytes(32).toString('base64'),
  };
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, JSON.stringify(keys), { mode: 0o600 });
  console.log(
    `已生成身份证号加密密钥：${keyFile}（生产环境请改用 ID_ENCRYPTION_KEY 和 ID_HASH_KEY 环境变量，并妥善备份）`,
  );
  return keys;
}
