import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePolicy } from '../../src/lib/policy.ts';
import { SELF_ASSESSED_CONDITIONS } from '../../src/shared/filings/eligibility.ts';
import { projectRoot } from '../support/server.ts';

// The notice as published (吉文旅联发〔2024〕26号), copied byte for byte into the repository so the check
// needs nothing outside it.
const source = readFileSync(join(import.meta.dirname, 'fixtures/notice-jiwenlvlianfa-2024-26.txt'), 'utf8');
const markdown = readFileSync(join(projectRoot, 'content/policy/notice.md'), 'utf8');
const [, frontmatter = '', body = ''] = markdown.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/) ?? [];

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter(Boolean);

describe('the policy page text', () => {
  it('is the notice verbatim, every line from the opening paragraph to 四（三）', () => {
    const sourceLines = lines(source);
    const first = sourceLines.findIndex((l) => l.startsWith('为深入贯彻'));
    const last = sourceLines.findIndex((l) => l.startsWith('（三）各市（州）文旅部门'));
    expect(first).toBeGreaterThan(0);
    const published = lines(body).map((l) => l.replace(/^##\s+/, ''));
    expect(published).toEqual(sourceLines.slice(first, last + 1));
  });

  it('carries the document number, issuers, date and addressees as printed', () => {
    for (const line of lines(source).slice(0, 4)) {
      if (line.startsWith('吉文旅联发')) expect(frontmatter).toContain(line);
      if (line.startsWith('各市')) expect(frontmatter).toContain(line.replace(/：$/, ''));
    }
    expect(frontmatter).toContain('吉林省文化和旅游厅');
    expect(frontmatter).toContain('吉林省市场监督管理厅');
    expect(frontmatter).toMatch(/date: 2024-07-31/);
  });

  it('gives each heading and numbered item a stable anchor', () => {
    const doc = parsePolicy(body);
    expect(doc.parts.map((p) => p.id)).toEqual(['part-1', 'part-2', 'part-3', 'part-4']);
    expect(doc.parts[1]?.items.map((i) => i.id)).toEqual([
      'part-2-1',
      'part-2-2',
      'part-2-3',
      'part-2-4',
      'part-2-5',
    ]);
    expect(doc.parts[1]?.items[1]?.label).toBe('（二）任职条件');
    expect(doc.parts[2]?.items).toHaveLength(6);
    const ids = doc.parts.flatMap((p) => [p.id, ...p.items.map((i) => i.id)]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the 任职条件 (二（二）)', () => {
  const conditions = parse(
    readFileSync(join(projectRoot, 'content/duties/conditions.md'), 'utf8').split('---')[1] ?? '',
  ) as { items: string[] };
  const paragraph = lines(source).find((l) => l.startsWith('（二）任职条件')) ?? '';

  it("are listed on the duties page in the notice's own words, every one of them", () => {
    expect(conditions.items).toHaveLength(6);
    const plain = (s: string) => s.replace(/[，、。；]/g, '');
    for (const item of conditions.items) expect(plain(paragraph)).toContain(plain(item));
  });

  it('are all in the self-check: three checked by the shared rules, the others for the enterprise to judge', () => {
    expect(SELF_ASSESSED_CONDITIONS).toHaveLength(3);
    for (const c of SELF_ASSESSED_CONDITIONS) expect(conditions.items).toContain(c);
    const checked = conditions.items.filter(
      (i) => !(SELF_ASSESSED_CONDITIONS as readonly string[]).includes(i),
    );
    expect(checked).toEqual([
      '具备大学本科及以上学历',
      '取得中级及以上质量专业技术人员职业资格证书，或具有同等专业能力证明',
      '具备3年以上旅游服务行业质量管理工作经验',
    ]);
  });
});
