/**
 * The public registry (公开查询): anonymous, rate-limited per address, served from the in-memory read model.
 * - `/api/cqos` searches the listed CQOs, `/api/cqos/{filingNo}` verifies one 备案编号 (listed or not,
 *   superseded too), `…/qr.svg` is the QR code of its verify page;
 * - `/api/open-data/cqos.csv|json`: the whole registry as downloads (listed records, public fields only), with
 *   its own, low rate limit;
 * - `/api/stats`: its figures as JSON, as accessible SVG bar charts usable as `<img src>`, and as a CSV table
 *   (the figures without JavaScript: the statistics page links it).
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { cqoListQuery } from '../../src/shared/registry/requests.ts';
import type { AppEnv } from '../deps.ts';
import { download } from '../http/download.ts';
import { apiError } from '../http/errors.ts';
import { openDataRateLimit, publicRateLimit } from '../http/rate-limit.ts';
import { backgroundOf, withRegistry } from '../http/registry-access.ts';
import { validate } from '../http/validate.ts';
import { type ChartKind, statsChart, statsCsv } from '../registry/charts.ts';
import { type OpenDataKind, openDataFile } from '../registry/open-data.ts';
import { verifyQrSvg } from '../registry/qr.ts';

/**
 * Every use revalidates (a weak ETag makes an unchanged answer a cheap 304): a withdrawn consent to publish a
 * name, or a deregistration, never lingers in a browser's or a proxy's copy.
 */
const LOOKUP_CACHE = 'public, no-cache';
/**
 * Every download revalidates (ETag, 304 while unchanged): a name whose consent was withdrawn is gone from the
 * next file, never served from a browser's or a proxy's copy of the old one.
 */
const OPEN_DATA_CACHE = 'public, no-cache';
/** The statistics page says the figures are updated every minute. */
const STATS_CACHE = 'public, max-age=60';

const notFound = '未找到该备案编号。请核对编号，或按企业名称查询';

const cqos = new Hono<AppEnv>()
  .use(publicRateLimit())
  .use(etag({ weak: true }))
  .get('/', validate('query', cqoListQuery), (c) =>
    withRegistry(c, (registry) => {
      c.header('Cache-Control', LOOKUP_CACHE);
      return c.json(registry.search(c.req.valid('query')));
    }),
  )
  .get('/:filingNo', (c) =>
    withRegistry(c, (registry) => {
      const filingNo = c.req.param('filingNo');
      const found = filingNo.length <= 40 ? registry.find(filingNo) : undefined;
      if (!found) return apiError(c, 404, 'not_found', notFound);
      c.header('Cache-Control', LOOKUP_CACHE);
      return c.json(found);
    }),
  )
  .get('/:filingNo/qr.svg', (c) =>
    withRegistry(c, async (registry) => {
      const deps = c.get('deps');
      const filingNo = c.req.param('filingNo');
      const found = filingNo.length <= 40 ? registry.find(filingNo) : undefined;
      // A replaced number gets no new QR code: the enterprise displays its current one.
      if (!found || found.status === 'superseded') return apiError(c, 404, 'not_found', notFound);
      const origin = deps.origin ?? new URL(c.req.url).origin;
      return c.body(await verifyQrSvg(origin, found.filingNo), 200, {
        'Content-Type': 'image/svg+xml; charset=UTF-8',
        'Cache-Control': 'public, max-age=86400',
      });
    }),
  );

const files: Record<OpenDataKind, { contentType: string; fileName: string; asciiName: string }> = {
  csv: {
    contentType: 'text/csv; charset=UTF-8',
    fileName: '吉林省旅游行业首席质量官公开名录.csv',
    asciiName: 'jilin-cqo-registry.csv',
  },
  json: {
    contentType: 'application/json; charset=UTF-8',
    fileName: '吉林省旅游行业首席质量官公开名录.json',
    asciiName: 'jilin-cqo-registry.json',
  },
};

/** Whether an If-None-Match header names `etag` (or is `*`). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** Whether the client takes gzip (and did not refuse it with q=0). */
function takesGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q) > 0);
  });
}

/**
 * An open-data file from memory (registry/open-data.ts): gzipped bytes to clients that accept gzip, a strong
 * ETag and 304 for a copy the client already has.
 */
function serve(c: Context<AppEnv>, kind: OpenDataKind) {
  return withRegistry(c, async (registry) => {
    const file = await openDataFile(c.get('deps').db, registry, kind, backgroundOf(c));
    const common = { ETag: file.etag, 'Cache-Control': OPEN_DATA_CACHE, Vary: 'Accept-Encoding' };
    if (matches(c.req.header('If-None-Match'), file.etag))
      return new Response(null, { status: 304, headers: common });
    const gzip = file.gzip && takesGzip(c.req.header('Accept-Encoding')) ? file.gzip : undefined;
    const body = gzip ?? file.bytes;
    const res = download(body, { ...files[kind], cache: OPEN_DATA_CACHE, size: body.length });
    for (const [name, value] of Object.entries(common)) res.headers.set(name, value);
    if (gzip) res.headers.set('Content-Encoding', 'gzip');
    // Workers would otherwise gzip the gzipped bytes again: they are sent as they are.
    return new Response(res.body, {
      status: 200,
      headers: res.headers,
      encodeBody: 'manual',
    } as ResponseInit);
  });
}

const openData = new Hono<AppEnv>()
  .use(openDataRateLimit())
  .get('/cqos.csv', (c) => serve(c, 'csv'))
  .get('/cqos.json', (c) => serve(c, 'json'));

function chart(c: Context<AppEnv>, kind: ChartKind) {
  return withRegistry(c, (registry) => {
    const deps = c.get('deps');
    return new Response(statsChart(registry.stats(deps.now()), kind), {
      headers: { 'Content-Type': 'image/svg+xml; charset=UTF-8', 'Cache-Control': STATS_CACHE },
    });
  });
}

const stats = new Hono<AppEnv>()
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

/** Mounted at the API's root: its three parts keep their public paths. */
export const registry = new Hono<AppEnv>()
  .route('/cqos', cqos)
  .route('/open-data', openData)
  .route('/stats', stats);
