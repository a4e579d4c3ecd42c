import rss from '@astrojs/rss';

type FeedItem = { title: string; link: string; pubDate: Date; description: string };

/** A feed item's title: sample content says so before anything else, as the pages do with their badge. */
export function sampleTitle(title: string, sample: boolean): string {
  return sample ? `【示例】${title}` : title;
}

/** An RSS 2.0 feed of one section of the site. */
export function feed(site: URL | undefined, title: string, description: string, items: FeedItem[]) {
  return rss({
    title: `${title} - 吉林省旅游行业首席质量官平台`,
    description,
    site: site ?? 'https://cqo.example.gov.cn',
    items: items.sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime()),
    customData: '<language>zh-cn</language>',
  });
}
