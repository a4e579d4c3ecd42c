import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** House style: a file is short enough to read in one sitting. */
const MAX_LINES = 300;
const root = resolve(import.meta.dirname, '../..');
const folders = ['functions', 'src', 'db', 'tests'];
const extensions = /\.(ts|mjs|astro|css)$/;

/** The only files that may be longer, each with why. Keep it short: split a file rather than list it. */
const allowed: Record<string, string> = {
  'db/migrations/': 'written by drizzle-kit from the schema, never by hand',
};

/** Lines as `wc -l` counts them: a last line without a newline still counts. */
function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extensions.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((path) => !path.split('/').includes('node_modules'));
}

/** Each source file over the limit that the allow-list does not excuse, with its length. */
function tooLong(files: Record<string, string>): string[] {
  return Object.entries(files)
    .filter(([path]) => !Object.keys(allowed).some((prefix) => path.startsWith(prefix)))
    .map(([path, text]) => ({ path, lines: lineCount(text) }))
    .filter(({ lines }) => lines > MAX_LINES)
    .map(({ path, lines }) => `${path}: ${lines} lines`)
    .sort();
}

describe(`source files of at most ${MAX_LINES} lines`, () => {
  it('counts lines as wc -l does, so a 301-line file is caught and a 300-line one is not', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('one')).toBe(1);
    expect(lineCount('one\ntwo\n')).toBe(2);
    const long = 'const x = 1;\n'.repeat(MAX_LINES + 1);
    expect(tooLong({ 'functions/long.ts': long, 'src/ok.ts': 'const x = 1;\n'.repeat(MAX_LINES) })).toEqual([
      'functions/long.ts: 301 lines',
    ]);
    expect(tooLong({ 'db/migrations/0000_init.ts': long })).toEqual([]);
  });

  it('finds the sources of every layer, tests included', () => {
    const files = folders.flatMap(sourceFiles);
    for (const known of ['functions/app.ts', 'src/styles/global.css', 'db/schema/index.ts']) {
      expect(files).toContain(known);
    }
    expect(files).toContain('tests/build/code-size.test.ts');
    expect(files.some((f) => f.endsWith('.astro'))).toBe(true);
  });

  it(`has no file over ${MAX_LINES} lines outside the allow-list`, () => {
    const files = folders.flatMap(sourceFiles);
    expect(tooLong(Object.fromEntries(files.map((f) => [f, readFileSync(join(root, f), 'utf8')])))).toEqual(
      [],
    );
  });
});
