/**
 * The server's word on a new password: the shared rules (src/shared/accounts/password-rules.ts) plus the
 * common-password list, which is too large to send to every browser. The list is zxcvbn-ts's common dictionary
 * (@zxcvbn-ts/language-common: about 49,000 passwords from leaked-password corpora, most frequent first); only
 * its entries of 10 characters or more can ever be typed here. It is loaded on the first password set, so
 * neither host pays for it at start.
 */
import {
  PASSWORD_HINT,
  PASSWORD_MIN,
  type PasswordOwner,
  passwordProblem,
} from '../../src/shared/accounts/password-rules.ts';
import { refuse } from '../result.ts';

let common: Promise<Set<string>> | undefined;

function commonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) =>
      new Set(
        dictionary['passwords-common'].filter((p) => p.length >= PASSWORD_MIN).map((p) => p.toLowerCase()),
      ),
  );
  return common;
}

/** Why `password` may not be set for `owner` (a Chinese message saying what would do), or undefined. */
export async function newPasswordProblem(
  password: string,
  owner: PasswordOwner,
): Promise<string | undefined> {
  const problem = passwordProblem(password, owner);
  if (problem) return problem;
  if ((await commonPasswords()).has(password.normalize('NFKC').toLowerCase()))
    return `这个密码在泄露密码的常用名单中，别人很容易猜到。${PASSWORD_HINT}`;
  return undefined;
}

/** The refusal of a weak password, in the shape of an invalid field (400, like any other wrong answer). */
export async function weakPassword(password: string, owner: PasswordOwner, field: string) {
  const message = await newPasswordProblem(password, owner);
  return message ? refuse(400, 'invalid', message, { [field]: message }) : undefined;
}
