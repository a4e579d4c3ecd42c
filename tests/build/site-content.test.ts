/** What the built site (dist/client) publishes: feeds, sitemap, links between pages, samples marked as such. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentEntries, locs, mainOf, pages, urlOf } from '../support/built-site.ts';
import { siteRoot } from '../support/server.ts';
import { unzip } from '../support/zip.ts';

describe('the built site’s content', () => {
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
