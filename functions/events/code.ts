import { CODE_ALPHABET, CODE_LENGTH } from '../../src/shared/events/labels.ts';

/**
 * A new confirmation code: 80 bits from the platform's CSPRNG, written as 16 characters of a 32-letter
 * alphabet (5 bits each). Whoever holds it can view and cancel that registration, so it must be unguessable.
 */
export function newConfirmationCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array((CODE_LENGTH * 5) / 8));
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      code += CODE_ALPHABET[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return code;
}
