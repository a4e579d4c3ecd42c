/** Quality bars checked on the built site (dist/client): run after `npm run build`. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot, siteRoot } from '../support/server.ts';
import { unzip } from '../support/zip.ts';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const files = walk(siteRoot).filter((f) => !f.includes('/pagefind/'));
const pages = files.filter((f) => f.endsWith('.html'));
const urlOf = (file: string) => `/${relative(siteRoot, file).replace(/index\.html$/, '')}`;
/**
 * Pages allowed to ship JavaScript: the search, the self-check and the public registry pages, and the
 * signed-in workspaces (account, filing form, review, admin). Every other page is content: 0 bytes of script.
 */
const islandPage = (url: string) =>
  /^\/(search|self-check|lookup|verify|statistics|account|review|admin)\//.test(url) ||
  /^\/filing\/(edit|view|print)\//.test(url) ||
  /^\/forums\/(register|registration)\/$/.test(url) ||
  announcementPage(url);
/** The forum announcements (/forums/ and /forums/<slug>/) ship one small island: the live seat counts. */
function announcementPage(url: string) {
  return /^\/forums\/([^/]+\/)?$/.test(url) && !/^\/forums\/(register|registration)\/$/.test(url);
}

/** Gzipped bytes of a built script and every module it imports. */
function scriptBytes(src: string, seen = new Set<string>()): number {
  if (seen.has(src)) return 0;
  seen.add(src);
  const code = readFileSync(join(siteRoot, src), 'utf8');
  const imports = [...code.matchAll(/(?:from|import)\s*"(\.\/[^"]+)"/g)].map((m) =>
    join(src, '..', m[1] ?? ''),
  );
  return gzipSync(code).length + imports.reduce((sum, i) => sum + scriptBytes(i, seen), 0);
}
const contentPages = pages.filter((p) => !islandPage(urlOf(p)));

function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>/g)].map(
    (m) => /src="([^"]+)"/.exec(m[1] ?? '')?.[1] ?? 'inline',
  );
}

/** The frontmatter of every entry of a content collection, by file name. */
function contentEntries(dir: string): { id: string; data: Record<string, unknown> }[] {
  const base = join(projectRoot, 'content', dir);
  return readdirSync(base)
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({
      id: f.replace(/\.md$/, ''),
      data: parse(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(base, f), 'utf8'))?.[1] ?? '') as Record<
        string,
        unknown
      >,
    }));
}

/** The page's <main>: the header and footer (which mention 示例 on every page) left out. */
const mainOf = (html: string) => /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? '';

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');

function resolveTarget(href: string, from: string): string | undefined {
  const url = new URL(href, `http://site${urlOf(from)}`);
  const path = decodeURIComponent(url.pathname);
  const candidates = path.endsWith('/')
    ? [join(siteRoot, path, 'index.html')]
    : [join(siteRoot, path), join(siteRoot, path, 'index.html')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

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

  it('publishes RSS feeds for cases and announcements, 【示例】 exactly on the sample entries', () => {
    for (const [feed, collection, section] of [
      ['cases/rss.xml', 'cases', 'cases'],
      ['forums/rss.xml', 'forums', 'forums'],
    ] as const) {
      const xml = readFileSync(join(siteRoot, feed), 'utf8');
      expect(xml).toContain('<rss');
      const items = [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => m[1] ?? '');
      const entries = contentEntries(collection);
      expect(items).toHaveLength(entries.length);
      for (const { id, data } of entries) {
        const item = items.find((i) => i.includes(`/${section}/${id}/</link>`)) ?? '';
        const title = /<title>([^<]*)<\/title>/.exec(item)?.[1] ?? '';
        expect(title, `${feed}: ${id}`).toBe(data.sample ? `【示例】${data.title}` : data.title);
      }
    }
  });

  it('serves /sitemap.xml and names it in robots.txt, with exactly the pages that are not noindex', () => {
    const index = readFileSync(join(siteRoot, 'sitemap.xml'), 'utf8');
    expect(index).toBe(readFileSync(join(siteRoot, 'sitemap-index.xml'), 'utf8'));
    const robots = readFileSync(join(siteRoot, 'robots.txt'), 'utf8');
    const sitemapLine = /^Sitemap: (\S+)$/m.exec(robots)?.[1] ?? '';
    expect(new URL(sitemapLine).pathname).toBe('/sitemap.xml');
    const site = new URL(sitemapLine).origin;
    const listed = locs(index).flatMap((chunk) => {
      expect(chunk.startsWith(`${site}/`), chunk).toBe(true);
      return locs(readFileSync(join(siteRoot, new URL(chunk).pathname), 'utf8'));
    });
    const indexable = pages
      .filter((p) => !/<meta name="robots" content="noindex"/.test(readFileSync(p, 'utf8')))
      .map(urlOf);
    expect(listed.map((u) => new URL(u).pathname).sort()).toEqual(indexable.sort());
    for (const u of ['/search/', '/account/', '/review/', '/admin/events/']) {
      expect(listed.map((l) => new URL(l).pathname)).not.toContain(u);
    }
  });

  it('gives every page but the 404 page a canonical URL that is a page of the site', () => {
    const notFound = readFileSync(join(siteRoot, '404.html'), 'utf8');
    expect(notFound).not.toContain('rel="canonical"');
    for (const page of pages.filter((p) => !p.endsWith('404.html'))) {
      const href = /<link rel="canonical" href="([^"]+)"/.exec(readFileSync(page, 'utf8'))?.[1];
      expect(href, urlOf(page)).toBeDefined();
      expect(new URL(href ?? '').pathname, urlOf(page)).toBe(urlOf(page));
    }
  });

  it('ends every breadcrumb trail with the current page as text, never a link to itself', () => {
    const wrong: string[] = [];
    for (const page of pages) {
      const trail = /<nav class="breadcrumbs[^"]*" aria-label="当前位置">([\s\S]*?)<\/nav>/.exec(
        readFileSync(page, 'utf8'),
      )?.[1];
      if (trail === undefined) continue;
      const items = [...trail.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1] ?? '');
      const last = items.at(-1) ?? '';
      if (!/^<span aria-current="page">[^<]+<\/span>$/.test(last)) {
        wrong.push(`${urlOf(page)}: ${last}`);
      }
      if (items.some((i) => i.includes(`href="${urlOf(page)}"`)))
        wrong.push(`${urlOf(page)} links to itself`);
    }
    expect(wrong).toEqual([]);
  });

  it('marks every sample case, template and announcement as 示例 inside the page body, and real ones not', () => {
    const body = (url: string) => mainOf(readFileSync(join(siteRoot, url, 'index.html'), 'utf8'));
    for (const [collection, section] of [
      ['cases', 'cases'],
      ['forums', 'forums'],
      ['duty-templates', 'duties/templates'],
    ] as const) {
      const entries = contentEntries(collection);
      expect(entries.length, collection).toBeGreaterThan(0);
      for (const { id, data } of entries) {
        const main = body(`/${section}/${id}/`);
        const marked = main.includes('class="sample-badge"') && main.includes('class="sample-note"');
        expect(marked, `/${section}/${id}/`).toBe(data.sample === true);
        if (data.sample !== true) expect(main, `/${section}/${id}/`).not.toContain('sample-');
      }
      const anySample = entries.some((e) => e.data.sample === true);
      const list = collection === 'duty-templates' ? '/duties/' : `/${section}/`;
      expect(body(list).includes('class="sample-badge"'), list).toBe(anySample);
    }
    const home = body('/');
    const samples = [...contentEntries('cases'), ...contentEntries('forums')].filter((e) => e.data.sample);
    for (const e of samples) {
      const item = new RegExp(`<a href="/(cases|forums)/${e.id}/"[^>]*>[^<]*</a> <span class="sample-badge"`);
      if (home.includes(`/${e.id}/"`)) expect(home, `home: ${e.id}`).toMatch(item);
    }
  });

  it('keeps a 示例 line inside each sample template, where printing does not hide it', () => {
    for (const { id, data } of contentEntries('duty-templates')) {
      const html = readFileSync(join(siteRoot, 'duties/templates', id, 'index.html'), 'utf8');
      const article = /<article class="template"[^>]*>([\s\S]*?)<\/article>/.exec(html)?.[1] ?? '';
      expect(article.includes('class="sample-mark"'), id).toBe(data.sample === true);
    }
  });

  it('offers each duty-list template as an editable Word document with the same content', () => {
    for (const { id, data } of contentEntries('duty-templates')) {
      const page = readFileSync(join(siteRoot, 'duties/templates', id, 'index.html'), 'utf8');
      expect(page, id).toContain(`href="/duties/templates/${id}.docx"`);
      const files = unzip(readFileSync(join(siteRoot, 'duties/templates', `${id}.docx`)));
      expect(files.get('[Content_Types].xml')?.toString('utf8'), id).toContain(
        'wordprocessingml.document.main+xml',
      );
      const text = (files.get('word/document.xml')?.toString('utf8') ?? '').replace(/<[^>]+>/g, '');
      expect(text, id).toContain(data.title);
      const groups = data.groups as { heading: string; items: string[] }[];
      for (const g of groups) {
        expect(text, id).toContain(g.heading);
        for (const item of g.items) expect(text, id).toContain(item);
      }
      expect(text.includes('【示例】'), id).toBe(data.sample === true);
      expect(files.get('word/numbering.xml')?.toString('utf8'), id).toContain('w:numFmt w:val="decimal"');
    }
  });

  it('lists announcements on the home page with their dates, without calling past events 近期', () => {
    const home = mainOf(readFileSync(join(siteRoot, 'index.html'), 'utf8'));
    expect(home).not.toContain('近期活动');
    const section = /<section aria-labelledby="announcements"[\s\S]*?<\/section>/.exec(home)?.[0] ?? '';
    const items = [...section.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1] ?? '');
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item).toMatch(/活动时间：<time datetime="\d{4}-\d{2}-\d{2}T/);
  });

  it('shows on /filing/ every way back in the process: 退回, 撤回, 不予通过 and a failed training', () => {
    const flow =
      /<ol class="flow"[\s\S]*?<\/ol>/.exec(readFileSync(join(siteRoot, 'filing/index.html'), 'utf8'))?.[0] ??
      '';
    const loops = [...flow.matchAll(/<li class="loop"[^>]*>([\s\S]*?)<\/li>/g)].map((m) =>
      (m[1] ?? '').replace(/<[^>]+>/g, ''),
    );
    for (const expected of [
      /撤回.*已撤回/,
      /退回修改.*回到第 1 步/,
      /不予通过.*结束/,
      /未合格.*再次参加培训/,
    ]) {
      expect(
        loops.some((l) => expected.test(l)),
        String(expected),
      ).toBe(true);
    }
    expect(loops.filter((l) => /退回修改.*回到第 1 步/.test(l))).toHaveLength(2);
  });

  it('states conformance, testing, known limitations, a (sample) contact and the last review on /accessibility/', () => {
    const main = mainOf(readFileSync(join(siteRoot, 'accessibility/index.html'), 'utf8'));
    const section = (id: string) =>
      new RegExp(`<h2 id="${id}"[\\s\\S]*?(?=<h2 |$)`).exec(main)?.[0].replace(/<[^>]+>/g, '') ?? '';
    expect(section('status')).toMatch(/WCAG.*2\.2.*AA/);
    expect(section('testing')).toContain('axe-core');
    expect(section('limitations')).toContain('JavaScript');
    expect(section('limitations')).toMatch(/活动公告.*实时名额/);
    expect(section('feedback')).toMatch(/@|电话/);
    expect(/<h2 id="feedback"[^>]*>[^<]*<span class="sample-badge">示例<\/span>/.test(main)).toBe(true);
    expect(/<h2 id="review"[\s\S]*<time datetime="\d{4}-\d{2}-\d{2}">/.test(main)).toBe(true);
    // Announcement pages ship a script, so the statement must not say content never needs JavaScript.
    expect(main).not.toMatch(/内容页面不依赖 JavaScript/);
  });

  it('indexes the pages for Chinese search', () => {
    const entry = JSON.parse(readFileSync(join(siteRoot, 'pagefind/pagefind-entry.json'), 'utf8'));
    expect(Object.keys(entry.languages).some((l) => l.startsWith('zh'))).toBe(true);
  });
});
