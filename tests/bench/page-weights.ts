/**
 * Gzipped weight (HTML + linked CSS + scripts) of one page of each type in dist/client. A page, stylesheet or
 * script chunk that is missing throws: a table that silently left a page out would look better than it is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One page of each type: its label and its URL (a directory URL means its index.html). */
export const pageTypes: Record<string, string> = {
  首页: '/',
  政策原文: '/policy/',
  职责清单: '/duties/',
  职责清单模板: '/duties/templates/star-hotel/',
  案例列表: '/cases/',
  案例筛选: '/cases/f/star_hotel/220100/all/',
  案例详情: '/cases/changchun-hotel-complaint-loop/',
  活动列表: '/forums/',
  活动公告: '/forums/provincial-quality-forum-2027/',
  活动报名: '/forums/register/',
  报名回执: '/forums/registration/',
  备案流程: '/filing/',
  任职条件自测: '/self-check/',
  站内搜索: '/search/',
  首席质量官查询: '/lookup/',
  核验页: '/verify/',
  统计: '/statistics/',
  开放数据: '/open-data/',
  无障碍声明: '/accessibility/',
  登录: '/account/login/',
  企业注册: '/account/register/',
  账号首页: '/account/',
  修改密码: '/account/password/',
  我的报名: '/account/registrations/',
  备案登记表: '/filing/edit/',
  备案查看: '/filing/view/',
  备案打印: '/filing/print/',
  审核工作台: '/review/',
  审核备案: '/review/filing/',
  账号管理: '/admin/accounts/',
  活动管理: '/admin/events/',
  活动编辑: '/admin/events/edit/',
  报名名单: '/admin/events/roster/',
  签到: '/admin/events/check-in/',
  '404 页面': '/404.html',
};

export type PageWeight = { type: string; path: string; htmlCssGzip: number; jsGzip: number };

function readOrThrow(file: string, what: string): string {
  if (!existsSync(file))
    throw new Error(`页面体积：缺少${what} ${file}（先 npm run build，或更新 page-weights.ts）`);
  return readFileSync(file, 'utf8');
}

export function pageWeights(siteRoot: string): PageWeight[] {
  const out: PageWeight[] = [];
  for (const [type, path] of Object.entries(pageTypes)) {
    const html = readOrThrow(
      join(siteRoot, path.endsWith('/') ? join(path, 'index.html') : path),
      `页面「${type}」`,
    );
    const linked = (re: RegExp) =>
      [...html.matchAll(re)]
        .map((m) => readOrThrow(join(siteRoot, m[1] ?? ''), `「${type}」的样式表`))
        .join('');
    const css = linked(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
    // A page's script and every chunk it imports, followed transitively.
    const seen = new Set<string>();
    const queue = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => join(siteRoot, m[1] ?? ''));
    let js = '';
    while (queue.length > 0) {
      const file = queue.shift() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readOrThrow(file, `「${type}」的脚本`);
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
