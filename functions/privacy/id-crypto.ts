/**
 * 身份证号 at rest: AES-256-GCM with a random IV (`v1.<iv>.<ciphertext>`, base64), plus HMAC-SHA-256 under a
 * separate key for duplicate detection without decrypting. Keys are 32 random bytes (base64) from secrets.
 */
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';

export type IdKeys = { encryptionKey: string; hashKey: string };

const importAes = (key: string) =>
  crypto.subtle.importKey('raw', new Uint8Array(decodeBase64(key)), 'AES-GCM', false, ['encrypt', 'decrypt']);
const importHmac = (key: string) =>
  crypto.subtle.importKey(
    'raw',
    new Uint8Array(decodeBase64(key)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );

export async function encryptId(keys: IdKeys, idNumber: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    await importAes(keys.encryptionKey),
    new TextEncoder().encode(idNumber),
  );
  return `v1.${encodeBase64(iv)}.${encodeBase64(new Uint8Array(sealed))}`;
}

export async function decryptId(keys: IdKeys, cipher: string): Promise<string> {
  const [version, iv, data] = cipher.split('.');
  if (version !== 'v1' || !iv || !data) throw new Error('unknown ID cipher format');
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: new Uint8Array(decodeBase64(iv)) },
    await importAes(keys.encryptionKey),
    new Uint8Array(decodeBase64(data)),
  );
  return new TextDecoder().decode(plain);
}

export async function hashId(keys: IdKeys, idNumber: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await importHmac(keys.hashKey),
    new TextEncoder().encode(idNumber),
  );
  return encodeBase64(new Uint8Array(mac));
}
