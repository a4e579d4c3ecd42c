/** What must never reach a public page or answer: an 18-character ID number or an 11-digit mobile number. */
import { expect } from 'vitest';

export const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/;
export const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

/** `text` (a page's HTML, a response body) carries no ID number and no mobile number. */
export function expectNoPrivateNumbers(text: string, where: string) {
  expect(text, where).not.toMatch(ID_NUMBER);
  expect(text, where).not.toMatch(MOBILE);
}
