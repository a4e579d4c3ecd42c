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
  for (const entry of ['src', 'content', 'public', 'package.json', 'tsconfig.json']) {
    cpSync(join(projectRoot, entry), join(copy, entry), { recursive: true });
  }
  // The schemas live in src/content.config.ts; the adapter and integrations of the real config only make each
  // sync slower (about twice as slow), so the copy gets a bare config.
  writeFileSync(
    join(copy, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n",
  );
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

/** Adds one file to the copy, syncs, and removes it again. */
function syncWith(path: string, text: string) {
  writeFileSync(join(copy, path), text);
  try {
    return sync();
  } finally {
    rmSync(join(copy, path));
  }
}

describe('content schemas', () => {
  it('accept the published content, and real content (sample: false) beside the samples', () => {
    const files = {
      'content/cases/real-case.md':
        "---\ntitle: 测试\nenterprise: 某企业\nenterpriseType: star_hotel\ncity: '220100'\ntopics: [safety]\ndate: 2025-01-01\nsummary: 这是一个用于测试的案例摘要文字。\nsample: false\n---\n正文\n",
      'content/forums/real-event.md':
        "---\ntitle: 测试活动\nkind: forum\ncity: '220100'\nvenue: 某会场\norganizer: 某单位\nstartsAt: '2027-01-10T09:00:00+08:00'\nendsAt: '2027-01-10T17:00:00+08:00'\ncapacity: 10\nmaxPerEnterprise: 2\nregistrationOpens: '2026-12-01T09:00:00+08:00'\nregistrationCloses: '2027-01-09T09:00:00+08:00'\nsummary: 这是一个用于测试的活动摘要文字。\nsample: false\n---\n正文\n",
    };
    for (const [path, text] of Object.entries(files)) writeFileSync(join(copy, path), text);
    const { status, output } = sync();
    for (const path of Object.keys(files)) rmSync(join(copy, path));
    expect(status, output).toBe(0);
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
  it('reject a policy whose 文号 is malformed, naming the file and the field', () => {
    const { status, output } = syncWith(
      'content/policy/bad-docno.md',
      '---\ntitle: 测试通知\ndocNo: 吉文旅联发2024-26\nissuers: [某厅]\ndate: 2024-07-31\naddressees: 各市（州）\n---\n正文\n',
    );
    expect(status).not.toBe(0);
    expect(output).toContain('bad-docno.md');
    expect(output).toContain('docNo');
    expect(output).toContain('文号格式应如：吉文旅联发〔2024〕26号');
  });

  it('reject a duty list whose 出处 is not written like 二（二）, naming the file and the field', () => {
    const { status, output } = syncWith(
      'content/duties/bad-section.md',
      '---\ntitle: 测试\nsection: 二(二)\norder: 9\nitems: [某条]\n---\n',
    );
    expect(status).not.toBe(0);
    expect(output).toContain('bad-section.md');
    expect(output).toContain('section');
    expect(output).toContain('出处应写成如：二（二）');
  });

  it('reject a duty-list template with fewer than 3 groups, naming the file and the field', () => {
    const { status, output } = syncWith(
      'content/duty-templates/bad-groups.md',
      '---\nenterpriseType: star_hotel\ntitle: 测试模板\nsample: true\ngroups:\n  - heading: 一组\n    items: [某条]\n---\n说明\n',
    );
    expect(status).not.toBe(0);
    expect(output).toContain('bad-groups.md');
    expect(output).toContain('groups');
    expect(output).toContain('职责清单至少分 3 组');
  });

  it('reject a case that does not say whether it is a sample, naming the file and the field', () => {
    const { status, output } = syncWith(
      'content/cases/no-sample.md',
      "---\ntitle: 测试\nenterprise: 某企业\nenterpriseType: star_hotel\ncity: '220100'\ntopics: [safety]\ndate: 2025-01-01\nsummary: 这是一个用于测试的案例摘要文字。\n---\n正文\n",
    );
    expect(status).not.toBe(0);
    expect(output).toContain('no-sample.md');
    expect(output).toContain('sample');
    expect(output).toContain('请用 sample: true');
  });
});
