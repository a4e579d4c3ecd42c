/** One public CQO record and its QR code, the open-data files and statistics, and the per-address limits on them. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filings } from '../../db/schema/index.ts';
import { createApp } from '../../functions/app.ts';
import { openDataTimings } from '../../functions/registry/open-data.ts';
import { verifyQrSvg } from '../../functions/registry/qr.ts';
import { cities } from '../../src/shared/labels.ts';
import type {
  CqoRecord,
  PublicCqo,
  PublicCqoList,
  RegistryStats,
} from '../../src/shared/registry/answers.ts';
import { Client } from '../support/api.ts';
import { everyListed, PUBLIC_KEYS, registryWorld } from '../support/registry.ts';

let world: Awaited<ReturnType<typeof registryWorld>>['world'];
let anyone: Client;
let samr: Client;

beforeAll(async () => {
  ({ world, anyone, samr } = await registryWorld());
});
afterAll(() => world.close());

describe('one CQO and its QR code', () => {
  it('verifies a CQO by 备案编号 in any case, and answers 404 in Chinese for an unknown one', async () => {
    const [one] = await everyListed(anyone);
    const reply = await anyone.get<CqoRecord>(`/api/cqos/${one?.filingNo.toLowerCase()}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...one, supersededAt: null, currentFilingNo: null });
    expect(reply.headers.get('cache-control')).toContain('public');
    const missing = await anyone.get('/api/cqos/JL-CQO-1999-9999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('未找到');
  });

  it('draws a QR code of the verify page, cached for a day', async () => {
    const [one] = await everyListed(anyone);
    const reply = await anyone.get(`/api/cqos/${one?.filingNo}/qr.svg`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('image/svg+xml');
    expect(reply.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(reply.text).toBe(await verifyQrSvg('http://localhost', one?.filingNo as string));
    expect((await anyone.get('/api/cqos/JL-CQO-1999-9999/qr.svg')).status).toBe(404);
  });
});

describe('open data and statistics', () => {
  it('offers the registry as CSV with a BOM and Chinese headers, and as JSON, both as downloads', async () => {
    const total = (await anyone.get<PublicCqoList>('/api/cqos')).body.total;
    const res = await world.app.request('http://localhost/api/open-data/cqos.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      '"备案编号","姓名","企业名称","统一社会信用代码","企业类型","等级","市州","认定日期","状态","注销日期"',
    );
    expect(lines).toHaveLength(total + 1);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    const json = await anyone.get('/api/open-data/cqos.json');
    expect(json.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(json.body.count).toBe(total);
    expect(json.body.items).toHaveLength(total);
    expect(json.body.licence).toMatch(/[\u4e00-\u9fff]/);
    expect(Object.keys(json.body.items[0]).sort()).toEqual(PUBLIC_KEYS);
    expect(json.body.items).toEqual(
      (await anyone.get<PublicCqoList>(`/api/cqos?pageSize=100`)).body.items.concat(
        json.body.items.slice(100),
      ),
    );
  });

  it('sends gzip to clients that take it, with an ETag, and 304 for a copy the client already has', async () => {
    for (const path of ['/api/open-data/cqos.csv', '/api/open-data/cqos.json']) {
      const plain = await world.app.request(`http://localhost${path}`);
      const plainBytes = new Uint8Array(await plain.arrayBuffer());
      const etag = plain.headers.get('etag') as string;
      expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(plain.headers.get('vary')).toContain('Accept-Encoding');

      const zipped = await world.app.request(`http://localhost${path}`, {
        headers: { 'Accept-Encoding': 'gzip, deflate, br' },
      });
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(zipped.headers.get('etag')).toBe(etag);
      const zippedBytes = new Uint8Array(await zipped.arrayBuffer());
      expect(Number(zipped.headers.get('content-length'))).toBe(zippedBytes.length);
      expect(zippedBytes.length).toBeLessThan(plainBytes.length / 2);
      const unzipped = new Uint8Array(
        await new Response(
          new Blob([zippedBytes]).stream().pipeThrough(new DecompressionStream('gzip')),
        ).arrayBuffer(),
      );
      expect(unzipped).toEqual(plainBytes);

      const again = await world.app.request(`http://localhost${path}`, {
        headers: { 'If-None-Match': etag },
      });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect((await again.arrayBuffer()).byteLength).toBe(0);
      const other = await world.app.request(`http://localhost${path}`, {
        headers: { 'If-None-Match': '"x"' },
      });
      expect(other.status).toBe(200);
    }
  });

  it('counts valid CQOs by unit and type, draws them as accessible SVG charts, and offers them as CSV', async () => {
    const reply = await anyone.get<RegistryStats>('/api/stats');
    expect(reply.headers.get('cache-control')).toBe('public, max-age=60');
    const stats = reply.body;
    expect(stats.byCity).toHaveLength(11);
    expect(stats.byType).toHaveLength(4);
    expect(stats.byCity.reduce((s, c) => s + c.count, 0)).toBe(stats.total);
    expect(stats.byMonth).toHaveLength(24);
    expect(stats.byMonth.at(-1)?.month).toBe('2026-11');
    const chart = await anyone.get('/api/stats/city.svg');
    expect(chart.headers.get('content-type')).toContain('image/svg+xml');
    expect(chart.text).toContain('role="img"');
    expect(chart.text).toMatch(/<title id="chart-title">[^<]+<\/title>/);
    const csv = await anyone.get('/api/stats/figures.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.startsWith('"分类","项目","人数"')).toBe(true);
    const raw = new Uint8Array(
      await (await world.app.request('http://localhost/api/stats/figures.csv')).arrayBuffer(),
    );
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text).toContain(`"合计","目前有效的首席质量官","${stats.total}"`);
    for (const c of stats.byCity) {
      const name = cities.find((x) => x.code === c.city)?.name as string;
      expect(chart.text).toContain(`${name}：${c.count} 人`);
      expect(csv.text).toContain(`"市州（目前有效）","${name}","${c.count}"`);
    }
    expect(chart.text).not.toContain('<script');
    expect((await anyone.get('/api/stats/month.svg')).text).toContain('年');
  });
});

describe('the per-address rate limits', () => {
  const appWith = (requests: number) =>
    createApp({
      ...world.deps,
      clientIp: (c) => c.req.header('x-test-ip'),
      publicRateLimit: { requests, windowMs: 60_000 },
    });

  it('answers 429 with Retry-After and a Chinese message past the limit, per address', async () => {
    const app = appWith(3);
    const from = (ip: string) => new Client(app, { 'x-test-ip': ip });
    const a = from('203.0.113.7');
    for (let i = 0; i < 3; i++) expect((await a.get('/api/cqos')).status).toBe(200);
    const refused = await a.get('/api/stats');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.error.message).toMatch(/查询过于频繁，请 \d+ 秒后再试/);
    expect((await from('203.0.113.8').get('/api/cqos')).status).toBe(200);
    world.advanceClock(Number(refused.headers.get('retry-after')) * 1000);
    expect((await a.get('/api/cqos')).status).toBe(200);
  });

  it('documents Retry-After on every 429 of the OpenAPI document', async () => {
    const doc = (await anyone.get('/api/openapi.json')).body;
    const limited = [
      '/api/cqos',
      '/api/cqos/{filingNo}',
      '/api/open-data/cqos.csv',
      '/api/stats/figures.csv',
    ];
    for (const path of limited) {
      const refused = doc.paths[path].get.responses['429'];
      expect(refused.headers['Retry-After'], path).toMatchObject({ schema: { type: 'integer' } });
    }
    expect(doc.paths['/api/open-data/cqos.json'].get.responses['304']).toBeDefined();
  });

  it('counts IPv6 addresses of one /64 together, and other /64s apart', async () => {
    const app = appWith(3);
    const from = (ip: string) => new Client(app, { 'x-test-ip': ip });
    for (const host of ['1', 'abcd:1', 'ffff:ffff:ffff:fffe'])
      expect((await from(`2001:db8:aa:bb::${host}`).get('/api/cqos')).status).toBe(200);
    expect((await from('2001:db8:aa:bb:1234::9').get('/api/cqos')).status).toBe(429);
    expect((await from('2001:db8:aa:bc::1').get('/api/cqos')).status).toBe(200);
  });

  it('limits open-data downloads to 10 a minute per address, apart from the lookup', async () => {
    const app = appWith(1000);
    const a = new Client(app, { 'x-test-ip': '198.51.100.9' });
    for (let i = 0; i < 10; i++) expect((await a.get('/api/open-data/cqos.json')).status).toBe(200);
    const refused = await a.get('/api/open-data/cqos.csv');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.error.message).toMatch(/下载过于频繁，请 \d+ 秒后再试/);
    expect((await a.get('/api/cqos')).status).toBe(200);
    expect(
      (await new Client(app, { 'x-test-ip': '198.51.100.10' }).get('/api/open-data/cqos.csv')).status,
    ).toBe(200);
  });

  it('remakes the open-data files after the registry changed, at most once per interval', async () => {
    const saved = openDataTimings.remakeMs;
    const statusIn = async (filingNo: string) => {
      const reply = await anyone.get('/api/open-data/cqos.json');
      return {
        etag: reply.headers.get('etag'),
        status: (reply.body.items as PublicCqo[]).find((i) => i.filingNo === filingNo)?.status,
      };
    };
    try {
      const [one] = (await anyone.get<PublicCqoList>('/api/cqos?status=valid')).body.items;
      const filingNo = one?.filingNo as string;
      openDataTimings.remakeMs = 0;
      await expect.poll(async () => (await statusIn(filingNo)).status).toBe('valid');
      const fresh = await statusIn(filingNo);
      openDataTimings.remakeMs = 60_000;
      const [row] = await world.deps.db.select().from(filings).where(eq(filings.filingNo, filingNo));
      const done = await samr.post(`/api/filings/${row?.id}/actions`, {
        action: 'deregister',
        reason: '首席质量官离职',
      });
      expect(done.status, done.text).toBe(200);
      // Within the interval the file made before the change is served (the open-data page says so).
      expect(await statusIn(filingNo)).toEqual(fresh);
      openDataTimings.remakeMs = 0;
      await expect.poll(async () => (await statusIn(filingNo)).status).toBe('deregistered');
      expect((await statusIn(filingNo)).etag).not.toBe(fresh.etag);
    } finally {
      openDataTimings.remakeMs = saved;
    }
  });
});
