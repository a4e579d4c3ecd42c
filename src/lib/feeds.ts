import rss from '@astrojs/rss';

type FeedItem = { title: string; link: string; pubDate: Date; description: string };

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
