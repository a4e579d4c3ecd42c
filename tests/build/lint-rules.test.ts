import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'cqo-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const longBody = Array.from({ length: 81 }, (_, i) => `  x += ${i};`).join('\n');
const longFunction = `export function long() {\n  let x = 0;\n${longBody}\n  return x;\n}\n`;

/** Lints `files` in a scratch folder with the project's own rules; the exit code and what Biome printed. */
function lint(files: Record<string, string>) {
  const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8'));
  // The scratch folder is no git work tree and has no schema beside it.
  delete config.$schema;
  delete config.vcs;
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const run = spawnSync(join(root, 'node_modules/.bin/biome'), ['lint', '--max-diagnostics=50', '.'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the lint rules npm run check enforces', () => {
  it('fails on an import cycle and on a function over 80 lines, but not on a test table', () => {
    const { status, output } = lint({
      'a.ts': "import { b } from './b.ts';\nexport const a = (): number => b() + 1;\n",
      'b.ts': "import { a } from './a.ts';\nexport const b = (): number => a() - 1;\n",
      'c.ts': "import { d } from './d.ts';\nexport const c = (): number => d();\n",
      'd.ts': 'export const d = (): number => 1;\n',
      'long.ts': longFunction,
      'tests/long.test.ts': longFunction,
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/a\.ts:\d+:\d+ lint\/suspicious\/noImportCycles/);
    expect(output).toMatch(/b\.ts:\d+:\d+ lint\/suspicious\/noImportCycles/);
    expect(output).not.toMatch(/[cd]\.ts:\d+:\d+ lint/);
    expect(output).toMatch(/long\.ts:\d+:\d+ lint\/complexity\/noExcessiveLinesPerFunction/);
    expect(output).not.toMatch(/long\.test\.ts:\d+:\d+ lint/);
  });
});
