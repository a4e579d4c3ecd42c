/**
 * Password hashing with scrypt (node:crypto works in Node and in Workers with nodejs_compat; WebCrypto PBKDF2
 * is capped at 100,000 iterations in Workers). The stored string names its parameters, so they can be raised
 * later without breaking existing hashes: `scrypt$N$r$p$salt$hash` (salt and hash in base64).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export type ScryptCost = { N: number; r: number; p: number };

/** OWASP's scrypt option: N=2^14, r=8, p=5 (16 MiB). */
export const defaultCost: ScryptCost = { N: 2 ** 14, r: 8, p: 5 };

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, cost: ScryptCost = defaultCost): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash to verify against when the account does not exist, so timing does not reveal which accounts exist. */
let decoy: Promise<string> | undefined;
export function decoyHash(cost: ScryptCost = defaultCost): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'), cost);
  return decoy;
}
