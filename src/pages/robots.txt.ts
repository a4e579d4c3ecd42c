export const prerender = true;

import type { APIContext } from 'astro';

/**
 * robots.txt with the sitemap's absolute address, which follows SITE_URL (a static file in public/ could not).
 * Pages that must not be indexed carry `noindex` themselves; crawlers must be able to fetch them to see it.
 */
export function GET(context: APIContext) {
  const sitemap = new URL('/sitemap.xml', context.site ?? 'https://cqo.example.gov.cn');
  const body = ['User-agent: *', 'Disallow: /api/', '', `Sitemap: ${sitemap.href}`, ''].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
