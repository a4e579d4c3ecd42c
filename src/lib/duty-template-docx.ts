/**
 * The editable 职责清单 (三(二)) an enterprise downloads and adapts: a Word document (.docx) made at build time
 * from the same content entry as the template page, so the two never differ.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from 'docx';

export type DutyTemplateContent = {
  title: string;
  groups: { heading: string; items: string[] }[];
  sample: boolean;
  /** The entry's Markdown body: how the template was made and how to adapt it. */
  note: string;
};

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const numerals = '一二三四五六七八九十';
const blank = (width: number) => new TextRun({ text: '\u3000'.repeat(width), underline: {} });

/** One line of labelled blanks, e.g. 企业名称：＿＿＿ 首席质量官：＿＿. */
function fillLine(parts: (string | number)[]): Paragraph {
  const children: ParagraphChild[] = parts.map((p) => (typeof p === 'number' ? blank(p) : new TextRun(p)));
  return new Paragraph({ children, spacing: { line: 480 } });
}

/** Markdown of the note as plain paragraphs: emphasis and link syntax removed, the words kept. */
function plainParagraphs(markdown: string): string[] {
  return markdown
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .replace(/^#+\s*/gm, '')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
        .replace(/[*_`]{1,2}([^*_`]+)[*_`]{1,2}/g, '$1')
        .replace(/\s*\n\s*/g, '')
        .trim(),
    )
    .filter(Boolean);
}

/** The template as a .docx: A4, 宋体, headings 一、二、…, each group's duties as a numbered list. */
export async function dutyTemplateDocx(t: DutyTemplateContent): Promise<ArrayBuffer> {
  const body: Paragraph[] = [];
  if (t.sample) {
    body.push(
      new Paragraph({
        children: [
          new TextRun({
            text: '【示例】本模板为示例，请按本企业实际修改、增删条目并填写空白处后使用。',
            color: '9A1C1C',
          }),
        ],
      }),
    );
  }
  body.push(
    new Paragraph({ text: t.title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }),
    fillLine(['企业名称：', 16, '\u3000首席质量官：', 8]),
    fillLine(['任命日期：', 8, '\u3000本清单经', 6, '会议审议通过']),
  );
  t.groups.forEach((g, gi) => {
    body.push(
      new Paragraph({ text: `${numerals[gi] ?? gi + 1}、${g.heading}`, heading: HeadingLevel.HEADING_1 }),
    );
    for (const item of g.items) {
      // One numbering instance per group: each group's list starts again at 1.
      body.push(new Paragraph({ text: item, numbering: { reference: 'duties', level: 0, instance: gi } }));
    }
  });
  body.push(
    fillLine(['企业（盖章）：', 8, '\u3000法定代表人签字：', 6, '\u3000日期：', 6]),
    new Paragraph({ text: '说明', heading: HeadingLevel.HEADING_1 }),
    ...plainParagraphs(t.note).map((text) => new Paragraph({ text })),
  );

  const doc = new Document({
    creator: '吉林省旅游行业首席质量官平台',
    title: t.title,
    description: '首席质量官职责清单模板（吉文旅联发〔2024〕26号 三（二））',
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun' },
            size: 24,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: { line: 360 } },
        },
        title: { run: { size: 36, bold: true, color: '000000' } },
        heading1: {
          run: { size: 28, bold: true, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
      },
    },
    numbering: {
      config: [
        {
          reference: 'duties',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 480, hanging: 480 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          // A4 in twentieths of a point, margins as on the printed template page (20 mm / 18 mm).
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1021, right: 1021 },
          },
        },
        children: body,
      },
    ],
  });
  return Packer.toArrayBuffer(doc);
}
