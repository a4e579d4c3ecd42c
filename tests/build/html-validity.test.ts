/**
 * The built pages are valid HTML by the Nu HTML Checker (the W3C validator's engine, npm vnu-jar), one page of
 * every page type, in one Java run. Needs `npm run build` and Java (.ci/run installs default-jre-headless).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteRoot } from '../support/server.ts';

/** The first page (in name order) under `folder`, e.g. one case of many. */
function firstPageUnder(folder: string): string {
  const name = readdirSync(join(siteRoot, folder), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(siteRoot, folder, e.name, 'index.html')))
    .map((e) => e.name)
    .sort()[0];
  if (!name) throw new Error(`no page under ${folder}`);
  return `${folder}/${name}/index.html`;
}

const pages = [
  'index.html',
  '404.html',
  'accessibility/index.html',
  'policy/index.html',
  'duties/index.html',
  firstPageUnder('duties/templates'),
  'cases/index.html',
  firstPageUnder('cases'),
  'cases/f/star_hotel/220100/all/index.html',
  'forums/index.html',
  firstPageUnder('forums'),
  'forums/register/index.html',
  'forums/registration/index.html',
  'lookup/index.html',
  'verify/index.html',
  'statistics/index.html',
  'open-data/index.html',
  'search/index.html',
  'self-check/index.html',
  'account/index.html',
  'account/login/index.html',
  'account/register/index.html',
  'account/password/index.html',
  'account/registrations/index.html',
  'filing/index.html',
  'filing/edit/index.html',
  'filing/view/index.html',
  'filing/print/index.html',
  'review/index.html',
  'review/filing/index.html',
  'admin/accounts/index.html',
  'admin/events/index.html',
  'admin/events/edit/index.html',
  'admin/events/check-in/index.html',
  'admin/events/roster/index.html',
];

type NuMessage = { type: string; url: string; message: string; lastLine?: number; extract?: string };

describe('the built pages', () => {
  it('have no HTML errors by the Nu HTML Checker', () => {
    const jar = String(createRequire(import.meta.url)('vnu-jar'));
    const files = pages.map((p) => join(siteRoot, p));
    for (const f of files) expect(existsSync(f), `${f} (run npm run build first)`).toBe(true);
    let report = '';
    try {
      // The checker writes its JSON report to stderr and exits 1 when it found errors.
      execFileSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], {
        encoding: 'utf8',
        stdio: ['ignore', 'ignore', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (err) {
      const failure = err as { code?: string; stderr?: string };
      if (failure.code === 'ENOENT')
        throw new Error('未找到 java：请安装 Java 11 或更高版本（Debian：default-jre-headless）');
      report = failure.stderr ?? String(err);
    }
    const messages: NuMessage[] = report ? (JSON.parse(report) as { messages: NuMessage[] }).messages : [];
    const errors = messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error')
      .map((m) => `${relative(siteRoot, m.url.replace(/^file:/, ''))}:${m.lastLine ?? '?'} ${m.message}`);
    expect(errors).toEqual([]);
  }, 120_000);
});
