/** A bad frontmatter must stop the build with the file and the field named. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/server.ts';

let copy: string;
beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'cqo-content-'));
  for (const entry of ['src', 'content', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    cpSync(join(projectRoot, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(copy, 'node_modules'));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function sync() {
  const run = spawnSync('npx', ['astro', 'sync'], {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

describe('content schemas', () => {
  it('accept the published content', () => {
    expect(sync().status).toBe(0);
  });

  it('reject a case with an unknown 市州, naming the file and the field', () => {
    writeFileSync(
      join(copy, 'content/cases/bad-city.md'),
      "---\ntitle: 测试\nenterprise: 某企业（示例）\nenterpriseType: star_hotel\ncity: '999999'\ntopics: [safety]\ndate: 2025-01-01\nsummary: 这是一个用于测试的示例案例摘要。\nsample: true\n---\n正文\n",
    );
    const { status, output } = sync();
    rmSync(join(copy, 'content/cases/bad-city.md'));
    expect(status).not.toBe(0);
    expect(output).toContain('bad-city.md');
    expect(output).toContain('city');
    expect(output).toContain('市州须为 11 个备案单位代码之一');
  });

  it('reject an announcement whose registration closes after the event starts', () => {
    writeFileSync(
      join(copy, 'content/forums/bad-window.md'),
      "---\ntitle: 测试活动\nkind: forum\ncity: '220100'\nvenue: 某会场\norganizer: 某单位\nstartsAt: '2027-01-10T09:00:00+08:00'\nendsAt: '2027-01-10T17:00:00+08:00'\ncapacity: 10\nmaxPerEnterprise: 2\nregistrationOpens: '2026-12-01T09:00:00+08:00'\nregistrationCloses: '2027-01-11T09:00:00+08:00'\nsummary: 这是一个用于测试的示例活动摘要。\nsample: true\n---\n正文\n",
    );
    const { status, output } = sync();
    rmSync(join(copy, 'content/forums/bad-window.md'));
    expect(status).not.toBe(0);
    expect(output).toContain('bad-window.md');
    expect(output).toContain('报名截止时间不能晚于活动开始时间');
  });
});
