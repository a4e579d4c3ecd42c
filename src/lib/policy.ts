/**
 * Splits the notice's Markdown body into its parts so each heading and numbered item gets a stable
 * anchor (#part-2, #part-2-3) that does not depend on the wording.
 */
const numerals = '一二三四五六七八九十';

export type PolicyItem = { id: string; label: string; text: string };
export type PolicyPart = { id: string; heading: string; items: PolicyItem[] };
export type PolicyDocument = { preamble: string[]; parts: PolicyPart[] };

function numeralValue(n: string): number {
  return numerals.indexOf(n) + 1;
}

export function parsePolicy(body: string): PolicyDocument {
  const doc: PolicyDocument = { preamble: [], parts: [] };
  const paragraphs = body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const paragraph of paragraphs) {
    const heading = paragraph.match(/^##\s+([一二三四五六七八九十])、(.+)$/);
    if (heading) {
      doc.parts.push({
        id: `part-${numeralValue(heading[1] ?? '')}`,
        heading: `${heading[1]}、${heading[2]}`,
        items: [],
      });
      continue;
    }
    const part = doc.parts.at(-1);
    if (!part) {
      doc.preamble.push(paragraph);
      continue;
    }
    const item = paragraph.match(/^（([一二三四五六七八九十])）/);
    const n = item ? numeralValue(item[1] ?? '') : part.items.length + 1;
    // A label for the contents: the item's own title up to the first 。, or its opening words.
    const firstSentence = paragraph.split('。')[0] ?? paragraph;
    const label = firstSentence.length <= 20 ? firstSentence : `${firstSentence.slice(0, 18)}……`;
    part.items.push({ id: `${part.id}-${n}`, label, text: paragraph });
  }
  return doc;
}
