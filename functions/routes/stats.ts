/**
 * Registry statistics: figures as JSON, as accessible SVG bar charts usable as `<img src>`, and as a CSV table
 * (the figures without JavaScript: the statistics page links it).
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../deps.ts';
import { download } from '../http/download.ts';
import { publicRateLimit } from '../http/rate-limit.ts';
import { withRegistry } from '../http/registry-access.ts';
import { type ChartKind, statsChart, statsCsv } from '../registry/charts.ts';

/** The statistics page says the figures are updated every minute. */
export const STATS_CACHE = 'public, max-age=60';

function chart(c: Context<AppEnv>, kind: ChartKind) {
  return withRegistry(c, (registry) => {
    const deps = c.get('deps');
    return new Response(statsChart(registry.stats(deps.now()), kind), {
      headers: { 'Content-Type': 'image/svg+xml; charset=UTF-8', 'Cache-Control': STATS_CACHE },
    });
  });
}

export const stats = new Hono<AppEnv>()
  .use(publicRateLimit())
  .get('/', (c) =>
    withRegistry(c, (registry) => {
      c.header('Cache-Control', STATS_CACHE);
      return c.json(registry.stats(c.get('deps').now()));
    }),
  )
  .get('/figures.csv', (c) =>
    withRegistry(c, (registry) =>
      download(new TextEncoder().encode(statsCsv(registry.stats(c.get('deps').now()))), {
        contentType: 'text/csv; charset=UTF-8',
        fileName: '吉林省旅游行业首席质量官统计.csv',
        asciiName: 'jilin-cqo-statistics.csv',
        cache: STATS_CACHE,
      }),
    ),
  )
  .get('/city.svg', (c) => chart(c, 'city'))
  .get('/type.svg', (c) => chart(c, 'type'))
  .get('/month.svg', (c) => chart(c, 'month'));
