import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../functions/http/security-headers.ts';

const origin = 'https://cqo.example.gov.cn';

/** Every header of functions/http/security-headers.ts, with its exact value. */
function expectSecurityHeaders(res: Response, what: string) {
  for (const [name, value] of Object.entries(securityHeaders))
    expect(res.headers.get(name), `${name} on ${what}`).toBe(value);
}

/** The first same-origin script of a page: an Astro-built asset under /_astro/. */
async function astroAsset(page: string): Promise<string> {
  const html = await (await SELF.fetch(`${origin}${page}`)).text();
  const src = /<script[^>]+src="(\/_astro\/[^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error(`no /_astro/ script on ${page}`);
  return src;
}

describe('security headers from the Worker', () => {
  it('sets every security header on a page, an /_astro asset, an /api answer and a 404', async () => {
    const asset = await astroAsset('/lookup/');
    const cases: [string, string, number][] = [
      ['page', '/', 200],
      ['asset', asset, 200],
      ['api', '/api/health', 200],
      ['api error', '/api/cqos/JL-CQO-1999-9999', 404],
      ['404 page', '/no-such-page/', 404],
    ];
    for (const [what, path, status] of cases) {
      const res = await SELF.fetch(`${origin}${path}`);
      expect(res.status, `${what} ${path}`).toBe(status);
      expectSecurityHeaders(res, `${what} ${path}`);
      await res.arrayBuffer();
    }
  });

  it('serves the /_astro asset as JavaScript and the 404 page in Chinese', async () => {
    const asset = await SELF.fetch(`${origin}${await astroAsset('/lookup/')}`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await asset.text()).length).toBeGreaterThan(0);
    const missing = await SELF.fetch(`${origin}/no-such-page/`);
    expect(missing.headers.get('content-type')).toContain('text/html');
    const html = await missing.text();
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain('<h1>未找到页面</h1>');
  });
});

describe('static pages from the Worker', () => {
  const pages: [string, string][] = [
    ['/policy/', '政策原文'],
    ['/duties/', '任职条件与职责清单'],
    ['/cases/', '优秀案例'],
    ['/forums/', '论坛与活动'],
    ['/filing/', '备案流程'],
    ['/lookup/', '查询首席质量官'],
    ['/verify/', '核验首席质量官备案'],
    ['/statistics/', '统计'],
    ['/open-data/', '开放数据'],
    ['/account/login/', '登录'],
    ['/account/register/', '注册企业账号'],
    ['/search/', '搜索'],
  ];
  for (const [path, title] of pages) {
    it(`serves ${path} (${title}) with its security headers`, async () => {
      const res = await SELF.fetch(`${origin}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expectSecurityHeaders(res, path);
      const html = await res.text();
      expect(html).toContain('<html lang="zh-CN"');
      expect(html).toContain(`<title>${title} - `);
    });
  }
});

describe('the public lookup through the Worker', () => {
  it('finds listed CQOs, answers a single 备案编号 and serves its /verify/<no>/ page', async () => {
    type Listed = { filingNo: string; enterpriseName: string; uscc: string };
    const list = (await (await SELF.fetch(`${origin}/api/cqos?pageSize=1`)).json()) as { items: Listed[] };
    const [first] = list.items;
    if (!first) throw new Error('the demo registry is empty');
    // Search by part of the enterprise name and by the exact USCC in lower case: both find it.
    const part = [...first.enterpriseName].slice(0, 4).join('');
    for (const q of [part, first.uscc.toLowerCase()]) {
      const search = await SELF.fetch(`${origin}/api/cqos?q=${encodeURIComponent(q)}&pageSize=100`);
      expect(search.status).toBe(200);
      const found = (await search.json()) as { items: Listed[]; total: number };
      expect(found.total, q).toBeGreaterThan(0);
      expect(
        found.items.map((i) => i.filingNo),
        q,
      ).toContain(first.filingNo);
    }

    const one = await SELF.fetch(`${origin}/api/cqos/${encodeURIComponent(first.filingNo)}`);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({
      filingNo: first.filingNo,
      enterpriseName: first.enterpriseName,
    });
    const lower = await SELF.fetch(`${origin}/api/cqos/${encodeURIComponent(first.filingNo.toLowerCase())}`);
    expect(lower.status).toBe(200);

    const verify = await SELF.fetch(`${origin}/verify/${first.filingNo}/`);
    expect(verify.status).toBe(200);
    expectSecurityHeaders(verify, '/verify/<no>/');
    const page = await verify.text();
    expect(page).toBe(await (await SELF.fetch(`${origin}/verify/`)).text());
    const bare = await SELF.fetch(`${origin}/verify/${first.filingNo}?from=qr`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe(`${origin}/verify/${first.filingNo}/?from=qr`);
  });

  it('answers 404 with a Chinese message for a number that is not listed', async () => {
    const res = await SELF.fetch(`${origin}/api/cqos/JL-CQO-1999-9999`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
