import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

const origin = 'https://cqo.example.gov.cn';

const gunzip = async (bytes: Uint8Array) =>
  new Uint8Array(
    await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer(),
  );

describe('the public registry in workerd', () => {
  // First in the file: the isolate has no read model yet, so the first request starts its build.
  it('keeps answering when the request that started the first build is cancelled', async () => {
    const cancelled = new AbortController();
    const first = SELF.fetch(`${origin}/api/cqos?pageSize=1`, { signal: cancelled.signal }).catch(
      () => undefined,
    );
    cancelled.abort();
    await first;
    const started = Date.now();
    const next = await SELF.fetch(`${origin}/api/cqos?pageSize=1`);
    expect(next.status).toBe(200);
    expect(((await next.json()) as { total: number }).total).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(25_000);
  });

  it('builds its read model over libSQL HTTP and answers searches, statistics, charts and open data', async () => {
    const list = await SELF.fetch(`${origin}/api/cqos?q=${encodeURIComponent('长春 旅行社')}&pageSize=5`);
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({ items: expect.any(Array), page: 1, pageSize: 5 });
    const stats = await SELF.fetch(`${origin}/api/stats`);
    expect(((await stats.json()) as { byCity: unknown[] }).byCity).toHaveLength(11);
    const chart = await SELF.fetch(`${origin}/api/stats/type.svg`);
    expect(chart.headers.get('content-type')).toContain('image/svg+xml');
    expect(await chart.text()).toContain('role="img"');
    const figures = await SELF.fetch(`${origin}/api/stats/figures.csv`);
    expect(await figures.text()).toContain('"分类","项目","人数"');
    const csv = new Uint8Array(await (await SELF.fetch(`${origin}/api/open-data/cqos.csv`)).arrayBuffer());
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const missing = await SELF.fetch(`${origin}/api/cqos/JL-CQO-1999-9999/qr.svg`);
    expect(missing.status).toBe(404);
  });

  it('sends the open data gzipped once (not twice), with an ETag and 304 for a copy the client has', async () => {
    const plain = new Uint8Array(await (await SELF.fetch(`${origin}/api/open-data/cqos.json`)).arrayBuffer());
    const zipped = await SELF.fetch(`${origin}/api/open-data/cqos.json`, {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(zipped.status).toBe(200);
    const etag = zipped.headers.get('etag') as string;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    let body = new Uint8Array(await zipped.arrayBuffer());
    // Whether or not the runtime decoded it on the way, one gunzip at most gives the JSON.
    if (body[0] === 0x1f && body[1] === 0x8b) body = await gunzip(body);
    expect(body).toEqual(plain);
    expect(JSON.parse(new TextDecoder().decode(body)).count).toBeGreaterThan(0);
    const again = await SELF.fetch(`${origin}/api/open-data/cqos.json`, {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('draws the QR code of a listed CQO with qrcode’s browser build', async () => {
    const list = (await (await SELF.fetch(`${origin}/api/cqos?pageSize=1`)).json()) as {
      items: { filingNo: string }[];
    };
    const [first] = list.items;
    expect(first).toBeDefined();
    const qr = await SELF.fetch(`${origin}/api/cqos/${first?.filingNo}/qr.svg`);
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    expect(await qr.text()).toMatch(/^<svg [^>]*role="img"/);
  });
});
