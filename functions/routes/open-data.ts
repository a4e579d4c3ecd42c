/**
 * Open data: the whole public registry as CSV and JSON downloads (listed records, public fields only).
 * Served from memory (registry/open-data.ts): gzipped bytes to clients that accept gzip, a strong ETag and
 * 304 for a copy the client already has; its own, low per-address rate limit.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../deps.ts';
import { download } from '../http/download.ts';
import { openDataRateLimit } from '../http/rate-limit.ts';
import { backgroundOf, withRegistry } from '../http/registry-access.ts';
import { type OpenDataKind, openDataFile } from '../registry/open-data.ts';

/**
 * Every download revalidates (ETag, 304 while unchanged): a name whose consent was withdrawn is gone from the
 * next file, never served from a browser's or a proxy's copy of the old one.
 */
export const OPEN_DATA_CACHE = 'public, no-cache';

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

export const openData = new Hono<AppEnv>()
  .use(openDataRateLimit())
  .get('/cqos.csv', (c) => serve(c, 'csv'))
  .get('/cqos.json', (c) => serve(c, 'json'));
