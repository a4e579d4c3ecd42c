/** The built site (dist/client) as files and pages, for the build tests: run them after `npm run build`. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { projectRoot, siteRoot } from './server.ts';

/** Every file under `dir`, recursively. */
export function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export const files = walk(siteRoot).filter((f) => !f.includes('/pagefind/'));
export const pages = files.filter((f) => f.endsWith('.html'));
export const urlOf = (file: string) => `/${relative(siteRoot, file).replace(/index\.html$/, '')}`;
/**
 * Pages allowed to ship JavaScript: the search, the self-check and the public registry pages, and the
 * signed-in workspaces (account, filing form, review, admin). Every other page is content: 0 bytes of script.
 */
export const islandPage = (url: string) =>
  /^\/(search|self-check|lookup|verify|statistics|account|review|admin)\//.test(url) ||
  /^\/filing\/(edit|view|print)\//.test(url) ||
  /^\/forums\/(register|registration)\/$/.test(url) ||
  announcementPage(url);
/** The forum announcements (/forums/ and /forums/<slug>/) ship one small island: the live seat counts. */
export function announcementPage(url: string) {
  return /^\/forums\/([^/]+\/)?$/.test(url) && !/^\/forums\/(register|registration)\/$/.test(url);
}

/** Gzipped bytes of a built script and every module it imports. */
export function scriptBytes(src: string, seen = new Set<string>()): number {
  if (seen.has(src)) return 0;
  seen.add(src);
  const code = readFileSync(join(siteRoot, src), 'utf8');
  const imports = [...code.matchAll(/(?:from|import)\s*"(\.\/[^"]+)"/g)].map((m) =>
    join(src, '..', m[1] ?? ''),
  );
  return gzipSync(code).length + imports.reduce((sum, i) => sum + scriptBytes(i, seen), 0);
}
export const contentPages = pages.filter((p) => !islandPage(urlOf(p)));

export function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>/g)].map(
    (m) => /src="([^"]+)"/.exec(m[1] ?? '')?.[1] ?? 'inline',
  );
}

/** The frontmatter of every entry of a content collection, by file name. */
export function contentEntries(dir: string): { id: string; data: Record<string, unknown> }[] {
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
export const mainOf = (html: string) => /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? '';

/** The URLs of a sitemap. */
export const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');

/** The built file a link points to, if there is one. */
export function resolveTarget(href: string, from: string): string | undefined {
  const url = new URL(href, `http://site${urlOf(from)}`);
  const path = decodeURIComponent(url.pathname);
  const candidates = path.endsWith('/')
    ? [join(siteRoot, path, 'index.html')]
    : [join(siteRoot, path), join(siteRoot, path, 'index.html')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}
