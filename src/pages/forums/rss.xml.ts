export const prerender = true;

import { getCollection } from 'astro:content';
import type { APIContext } from 'astro';
import { feed, sampleTitle } from '../../lib/feeds.ts';

export async function GET(context: APIContext) {
  const events = await getCollection('forums');
  return feed(
    context.site,
    '论坛与活动',
    '旅游服务质量论坛、经验分享会公告；标题带【示例】的为示例内容',
    events.map((e) => ({
      title: sampleTitle(e.data.title, e.data.sample),
      link: `/forums/${e.id}/`,
      pubDate: new Date(e.data.registrationOpens),
      description: e.data.summary,
    })),
  );
}
