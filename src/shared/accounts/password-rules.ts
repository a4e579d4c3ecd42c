/**
 * What a new password must be, for every way one is chosen (self-registration, password change, an admin's
 * new account or reset, `npm run account:create`). Length is the main rule (NIST SP 800-63B: no composition
 * rules); besides it, passwords an attacker tries first are refused: one character repeated, a run along the
 * keyboard or the alphabet, the account's own login or 统一社会信用代码 — and, on the server, the common
 * passwords of functions/accounts/password-rules.ts. These rules run in the browser too, with the same messages.
 */

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** What would be accepted, said after every refusal. */
export const PASSWORD_HINT =
  '可以用一句容易记住、别人猜不到的话，例如“豆豆爱吃包子2019”或 dou-dou-ai-chi-bao-zi';

/** Who the password is for: its login and, for an enterprise, the 统一社会信用代码. */
export type PasswordOwner = { login?: string; uscc?: string };

/** Rows and runs people walk along; a password made only of pieces of these (or their reverse) is refused. */
const RUNS = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890123456789',
  '`1234567890-=',
  '~!@#$%^&*()_+',
  'qwertyuiop[]\\',
  "asdfghjkl;'",
  'zxcvbnm,./',
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/-['=]",
  '7894561230',
].flatMap((run) => [run, [...run].reverse().join('')]);

/** The length of the longest start of `s` that is one character repeated or a stretch of a run. */
function runAt(s: string): number {
  let same = 1;
  while (same < s.length && s[same] === s[0]) same++;
  let longest = same;
  for (const run of RUNS) {
    let n = 0;
    while (n < s.length && run.includes(s.slice(0, n + 1))) n++;
    longest = Math.max(longest, n);
  }
  return longest;
}

/** Whether `s` is nothing but runs of at least 3 characters: 1234567890, qwertyuiop, abcdef123456, aaaaabbbbb. */
function isRuns(s: string): boolean {
  for (let i = 0; i < s.length; ) {
    const n = runAt(s.slice(i));
    if (n < 3 && !(i > 0 && i + n === s.length)) return false;
    i += n;
  }
  return true;
}

/** `s` is a short group said again and again: 1212121212, abcabcabca. */
function isRepeatedGroup(s: string): boolean {
  for (let size = 1; size <= 4; size++)
    if (
      s.length > size * 2 &&
      s ===
        s
          .slice(0, size)
          .repeat(s.length / size + 1)
          .slice(0, s.length)
    )
      return true;
  return false;
}

/** Why `password` would be refused, in Chinese with what would be accepted; undefined when it may be used. */
export function passwordProblem(password: string, owner: PasswordOwner = {}): string | undefined {
  if (password.length < PASSWORD_MIN) return `密码至少 ${PASSWORD_MIN} 位。${PASSWORD_HINT}`;
  if (password.length > PASSWORD_MAX) return `密码不能超过 ${PASSWORD_MAX} 位`;
  const lower = password.normalize('NFKC').toLowerCase();
  if (isRepeatedGroup(lower)) return `密码不能是同一个字符或同一组字符的重复。${PASSWORD_HINT}`;
  if (isRuns(lower))
    return `密码不能是键盘或字母、数字的连续排列（如 1234567890、qwertyuiop、abcdefghij）。${PASSWORD_HINT}`;
  for (const [own, name] of [
    // An enterprise's login is its 统一社会信用代码: name the code, which is what the user typed.
    [owner.uscc, '统一社会信用代码'],
    [owner.login, '登录名'],
  ] as const) {
    if (own && own.length >= 3 && lower.includes(own.toLowerCase()))
      return `密码不能包含${name}，别人最先会试它。${PASSWORD_HINT}`;
  }
  return undefined;
}
