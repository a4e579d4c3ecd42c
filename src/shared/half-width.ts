/**
 * Turns full-width digits and Latin letters (U+FF10–FF19, U+FF21–FF3A, U+FF41–FF5A), which a Chinese IME
 * produces easily, into their ASCII forms. Other characters are left alone so that validation can still
 * name them in its message.
 */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}
