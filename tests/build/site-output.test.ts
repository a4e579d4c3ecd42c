/** Quality bars checked on the built site (dist/client): run after `npm run build`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  announcementPage,
  contentPages,
  files,
  pages,
  resolveTarget,
  scriptBytes,
  scriptsOf,
  urlOf,
  walk,
} from '../support/built-site.ts';
import { siteRoot } from '../support/server.ts';

describe('the built site', () => {
  it('has the page types the public needs', () => {
    const urls = pages.map(urlOf);
    for (const u of [
      '/',
      '/policy/',
      '/duties/',
      '/self-check/',
      '/cases/',
      '/forums/',
      '/filing/',
      '/accessibility/',
      '/search/',
      '/account/inbox/',
      '/404.html',
    ]) {
      expect(urls).toContain(u);
    }
    expect(
      urls.filter((u) => /^\/cases\/[^/]+\/$/.test(u) && !u.startsWith('/cases/f/')).length,
    ).toBeGreaterThanOrEqual(6);
    expect(urls.filter((u) => /^\/forums\/[^/]+\/$/.test(u)).length).toBeGreaterThanOrEqual(3);
    expect(urls.filter((u) => u.startsWith('/duties/templates/')).length).toBe(4);
  });

  it('ships 0 bytes of JavaScript on content pages', () => {
    for (const page of contentPages) {
      expect(scriptsOf(readFileSync(page, 'utf8')), urlOf(page)).toEqual([]);
    }
  });

  it('ships only the small live-seats island on the announcement pages', () => {
    const announcements = pages.filter((p) => announcementPage(urlOf(p)));
    expect(announcements.length).toBeGreaterThanOrEqual(4);
    for (const page of announcements) {
      const scripts = scriptsOf(readFileSync(page, 'utf8'));
      expect(scripts, urlOf(page)).toHaveLength(1);
      expect(scriptBytes(scripts[0] ?? ''), urlOf(page)).toBeLessThanOrEqual(5 * 1024);
    }
  });

  it('has no inline script on any page, so the CSP (script-src self) holds', () => {
    for (const page of pages) {
      expect(
        scriptsOf(readFileSync(page, 'utf8')).filter((src) => src === 'inline'),
        urlOf(page),
      ).toEqual([]);
      expect(readFileSync(page, 'utf8'), urlOf(page)).not.toMatch(/\son[a-z]+="/);
    }
  });

  it('keeps every content page at or under 30 KB of gzipped HTML + CSS', () => {
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)]
        .map((m) => readFileSync(join(siteRoot, m[1] ?? ''), 'utf8'))
        .join('');
      const size = gzipSync(html + css).length;
      expect(size, `${urlOf(page)} is ${size} bytes gzipped`).toBeLessThanOrEqual(30 * 1024);
    }
  });

  it('uses no web fonts', () => {
    expect(walk(siteRoot).filter((f) => /\.(woff2?|ttf|otf|eot)$/i.test(f))).toEqual([]);
    for (const f of files.filter((f) => /\.(html|css)$/.test(f))) {
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/@font-face|fonts\.googleapis|@import\s+url/i);
    }
  });

  it('declares lang="zh-CN" on every page', () => {
    for (const page of pages) expect(readFileSync(page, 'utf8'), urlOf(page)).toMatch(/<html lang="zh-CN"/);
  });

  it('has no broken internal link or anchor', () => {
    const broken: string[] = [];
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      for (const [, href = ''] of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
        if (/^(https?:|mailto:|tel:|data:)/.test(href)) continue;
        // The API answers these at run time (open-data downloads, statistics charts); tests/api checks them.
        if (href.startsWith('/api/')) continue;
        const target = href.startsWith('#') ? page : resolveTarget(href, page);
        if (!target) {
          broken.push(`${urlOf(page)} → ${href}`);
          continue;
        }
        const fragment = href.split('#')[1];
        if (
          fragment &&
          target.endsWith('.html') &&
          !readFileSync(target, 'utf8').includes(`id="${decodeURIComponent(fragment)}"`)
        ) {
          broken.push(`${urlOf(page)} → ${href} (no such anchor)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
