/**
 * Files for the upload cases: good ones (PDF, PNG, JPEG by content, under hostile names), ones that are not
 * what they claim, an empty one, and ones around the 10 MB limit; and multipart bodies made of them.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { jsonSchemaOf } from './fuzz-inputs.ts';
import { KB } from './fuzz-judge.ts';
import { MAX_ATTACHMENT_BYTES } from './fuzz-operations.ts';
import { validValue } from './fuzz-schema.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const pdf = bytes('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
export const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0]);
export const file = (content: Uint8Array, name: string, type = '') =>
  new File([content as BlobPart], name, { type });
export const goodFiles = [
  file(pdf, '学历证书.pdf', 'application/pdf'),
  file(png, 'scan.PNG', 'image/png'),
  file(jpeg, 'photo.jpg', 'image/jpeg'),
  file(pdf, '../../etc/passwd.pdf'),
  file(pdf, 'a"b\r\nX-Injected: 1.pdf'),
  file(pdf, '\u202eFDP.exe'),
  file(pdf, `${'长'.repeat(300)}.pdf`),
  file(png, 'no-extension', 'text/plain'),
  file(pdf, '🙂\u0000\u200b.pdf'),
];
/** Not PDF, JPEG or PNG by content, whatever the name says. */
export const notAllowed = [
  file(bytes('hello, this is text'), '任命文件.pdf', 'application/pdf'),
  file(bytes('MZ\x90\x00\x03\x00\x00\x00'), 'certificate.pdf', 'application/pdf'),
  file(bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'scan.png', 'image/png'),
  file(bytes('%pdf-1.4 lower case'), 'scan.pdf'),
  file(bytes('%PDF'), 'short.pdf'),
  file(bytes(' %PDF-1.4'), 'space.pdf'),
  file(bytes('GIF89a'), 'anim.png'),
];
export const emptyFile = file(new Uint8Array(0), '空文件.pdf', 'application/pdf');
let bigFiles: { exactly: File; over: File; overLimit: File } | undefined;
export function big() {
  if (!bigFiles) {
    const sized = (n: number) => {
      const b = new Uint8Array(n);
      b.set(pdf);
      return b;
    };
    bigFiles = {
      exactly: file(sized(MAX_ATTACHMENT_BYTES), 'exactly-10MB.pdf'),
      over: file(sized(MAX_ATTACHMENT_BYTES + 1), 'just-over-10MB.pdf'),
      overLimit: file(sized(MAX_ATTACHMENT_BYTES + 64 * KB + 1), 'over-the-body-limit.pdf'),
    };
  }
  return bigFiles;
}

export type Part = string | File | undefined;
export function form(parts: Record<string, Part | Part[]>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(parts))
    for (const item of Array.isArray(v) ? v : [v]) if (item !== undefined) data.append(k, item);
  return data;
}

/** A valid multipart body from the operation's schema: its string fields as generated, each binary one a real file. */
export function uploadOf(schema: z.ZodType) {
  const json = jsonSchemaOf(schema);
  const binary = new Set(
    Object.entries(json.properties ?? {}).flatMap(([k, p]) => (p.format === 'binary' ? [k] : [])),
  );
  return fc.tuple(validValue(json), fc.constantFrom(...goodFiles)).map(([fields, good]) => {
    const parts: Record<string, Part> = {};
    for (const [k, v] of Object.entries(fields as Record<string, unknown>))
      parts[k] = binary.has(k) ? good : String(v);
    return form(parts);
  });
}

export const attachmentKinds = [
  'degree',
  'qualification',
  'appointment',
  'experience',
  'training',
  'stamped_form',
];
