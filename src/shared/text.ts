/**
 * The one rule for free text typed into any form (filing, account, event registration, review notes): what
 * may be in it and how it is normalised. It runs in the browser and in the API through the zod types below,
 * so both refuse the same input with the same message naming the field.
 *
 * Refused everywhere: C0 and C1 control characters (a newline, carriage return and tab only in multi-line
 * fields), bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069: they make a name or an
 * address display differently from what is stored), unpaired surrogates and noncharacters (U+FDD0–U+FDEF and
 * every U+xFFFE/U+xFFFF), which no keyboard produces and which break exports. Kept: everything a real text
 * needs, CJK of every plane included. Stored in NFC, so the same name typed two ways is one name.
 */
import { z } from 'zod';

/** `line`: one line; `lines`: a paragraph field (textarea); `name`: a person's name. */
export type TextKind = 'line' | 'lines' | 'name';

/** The middle dot of minority names (阿卜杜拉·买买提) and the look-alikes IMEs produce for it. */
const NAME_DOTS = /[\u2022\u30FB\uFF65]/g;
/** What a person's name may hold: letters and marks of any script, spaces, the middle dot, - ' and . of Latin names. */
const NAME_CHARACTERS = /^[\p{L}\p{M} ·'.-]*$/u;

function isControl(c: number) {
  return c <= 0x1f || (c >= 0x7f && c <= 0x9f);
}

function isDirectionControl(c: number) {
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

function isNoncharacter(c: number) {
  return (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) === 0xfffe;
}

type Flaw = 'control' | 'newline' | 'invalid';

/** The first thing wrong with the characters of `s`, read code point by code point. */
function flawOf(s: string, kind: TextKind): Flaw | undefined {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = s.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return 'invalid';
      c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return 'invalid';
    if (isNoncharacter(c)) return 'invalid';
    if (c === 0x0a || c === 0x0d) {
      if (kind !== 'lines') return 'newline';
    } else if (c === 0x09) {
      if (kind !== 'lines') return 'control';
    } else if (isControl(c) || isDirectionControl(c)) return 'control';
  }
  return undefined;
}

function hiddenProblem(s: string, label: string, kind: TextKind): string | undefined {
  const flaw = flawOf(s, kind);
  if (flaw === 'control') return `${label}含有不可见的控制字符，请删除后重新输入`;
  if (flaw === 'newline') return `${label}请写在一行内，不要换行`;
  if (flaw === 'invalid') return `${label}含有无法识别的字符（常见于从其他文档复制），请删除后重新输入`;
  return undefined;
}

/** The Chinese message for what is wrong with `s` as the field `label`, or undefined when it may be stored. */
export function textProblem(s: string, label: string, kind: TextKind = 'line'): string | undefined {
  const hidden = hiddenProblem(s, label, kind);
  if (hidden || kind !== 'name') return hidden;
  return NAME_CHARACTERS.test(normalizeText(s, kind))
    ? undefined
    : `${label}只能填写汉字、字母、空格和间隔号“·”`;
}

/** NFC; in names, the look-alike middle dots become U+00B7 and the ideographic space a plain one. */
export function normalizeText(s: string, kind: TextKind = 'line'): string {
  const nfc = s.normalize('NFC');
  return kind === 'name' ? nfc.replace(NAME_DOTS, '·').replace(/\u3000/g, ' ') : nfc;
}

function ruled(label: string, max: number, kind: TextKind, missing: string, complete: boolean) {
  return z
    .string({ error: missing })
    .trim()
    .superRefine((s, ctx) => {
      const message = complete ? textProblem(s, label, kind) : hiddenProblem(s, label, kind);
      if (message) ctx.addIssue({ code: 'custom', message });
    })
    .overwrite((s) => normalizeText(s, kind))
    .max(max, `${label}不能超过 ${max} 个字`);
}

/**
 * A string field that may be empty (drafts, optional notes): hidden characters are refused and names normalised,
 * but a name's letters are only checked once the form is complete, so a draft saves whatever was typed so far.
 */
export const optionalText = (label: string, max: number, kind: TextKind = 'line') =>
  ruled(label, max, kind, `${label}须为文字`, false);

const required = (label: string, max: number, kind: TextKind) =>
  ruled(label, max, kind, `请填写${label}`, true).min(1, `请填写${label}`);

/** One line of free text with a length limit and a message that says what to write. */
export const text = (label: string, max = 100) => required(label, max, 'line');

/** A paragraph (textarea): newlines and tabs allowed. */
export const multilineText = (label: string, max: number) => required(label, max, 'lines');

/** A person's name: CJK, Latin letters, spaces and the middle dot of minority names. */
export const personName = (label: string, max: number) => required(label, max, 'name');
