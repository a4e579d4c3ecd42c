import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/lib/policy.ts';
import { projectRoot } from '../support/server.ts';

const source = readFileSync(join(projectRoot, '../shared/source/notice-jiwenlvlianfa-2024-26.txt'), 'utf8');
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
