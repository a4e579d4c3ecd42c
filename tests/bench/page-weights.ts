/** Gzipped weight (HTML + linked CSS + scripts) of one page of each type in dist/client. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const pageTypes: Record<string, string> = {
  首页: '/',
  政策原文: '/policy/',
  职责清单: '/duties/',
  职责清单模板: '/duties/templates/star-hotel/',
  案例列表: '/cases/',
  案例详情: '/cases/changchun-hotel-complaint-loop/',
  活动列表: '/forums/',
  活动公告: '/forums/provincial-quality-forum-2027/',
  备案流程: '/filing/',
  任职条件自测: '/self-check/',
  站内搜索: '/search/',
  首席质量官查询: '/lookup/',
  核验页: '/verify/',
  备案登记表: '/filing/edit/',
  审核工作台: '/review/',
};

export type PageWeight = { type: string; path: string; htmlCssGzip: number; jsGzip: number };

export function pageWeights(siteRoot: string): PageWeight[] {
  const out: PageWeight[] = [];
  for (const [type, path] of Object.entries(pageTypes)) {
    const file = join(siteRoot, path, 'index.html');
    if (!existsSync(file)) continue;
    const html = readFileSync(file, 'utf8');
    const linked = (re: RegExp) =>
      [...html.matchAll(re)].map((m) => readFileSync(join(siteRoot, m[1] ?? ''), 'utf8')).join('');
    const css = linked(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
    // A page's script and every chunk it imports, followed transitively.
    const seen = new Set<string>();
    const queue = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => join(siteRoot, m[1] ?? ''));
    let js = '';
    while (queue.length > 0) {
      const file = queue.shift() as string;
      if (seen.has(file) || !existsSync(file)) continue;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      js += text;
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+\.js)"/g))
        queue.push(join(dirname(file), m[1] ?? ''));
    }
    out.push({
      type,
      path,
      htmlCssGzip: gzipSync(html + css).length,
      jsGzip: js ? gzipSync(js).length : 0,
    });
  }
  return out;
}
