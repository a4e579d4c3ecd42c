export const prerender = true;

import { getCollection } from 'astro:content';
import type { APIContext } from 'astro';
import { feed, sampleTitle } from '../../lib/feeds.ts';

export async function GET(context: APIContext) {
  const cases = await getCollection('cases');
  return feed(
    context.site,
    '优秀案例',
    '旅游企业首席质量官制度优秀案例；标题带【示例】的为示例内容',
    cases.map((c) => ({
      title: sampleTitle(c.data.title, c.data.sample),
      link: `/cases/${c.id}/`,
      pubDate: c.data.date,
      description: c.data.summary,
    })),
  );
}
