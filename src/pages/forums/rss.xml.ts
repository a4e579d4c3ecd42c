export const prerender = true;

import { getCollection } from 'astro:content';
import type { APIContext } from 'astro';
import { feed } from '../../lib/feeds.ts';

export async function GET(context: APIContext) {
  const events = await getCollection('forums');
  return feed(
    context.site,
    '论坛与活动',
    '旅游服务质量论坛、经验分享会公告（含示例内容）',
    events.map((e) => ({
      title: `【示例】${e.data.title}`,
      link: `/forums/${e.id}/`,
      pubDate: new Date(e.data.registrationOpens),
      description: e.data.summary,
    })),
  );
}
