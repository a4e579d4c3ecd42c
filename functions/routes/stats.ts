/** Registry statistics: figures as JSON and as accessible SVG bar charts usable as `<img src>`. */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../deps.ts';
import { publicRateLimit } from '../http/rate-limit.ts';
import { type ChartKind, statsChart } from '../registry/charts.ts';
import { registryOf } from '../registry/index.ts';

const CACHE = 'public, max-age=300';

async function chart(deps: Deps, kind: ChartKind) {
  const registry = await registryOf(deps.db);
  return new Response(statsChart(registry.stats(deps.now()), kind), {
    headers: { 'Content-Type': 'image/svg+xml; charset=UTF-8', 'Cache-Control': CACHE },
  });
}

export const stats = new Hono<AppEnv>()
  .use(publicRateLimit())
  .get('/', async (c) => {
    const deps = c.get('deps');
    const registry = await registryOf(deps.db);
    c.header('Cache-Control', CACHE);
    return c.json(registry.stats(deps.now()));
  })
  .get('/city.svg', (c) => chart(c.get('deps'), 'city'))
  .get('/type.svg', (c) => chart(c.get('deps'), 'type'))
  .get('/month.svg', (c) => chart(c.get('deps'), 'month'));
