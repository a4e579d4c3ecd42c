import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

const origin = 'https://cqo.example.gov.cn';

describe('the public registry in workerd', () => {
  it('builds its read model over libSQL HTTP and answers searches, statistics, charts and open data', async () => {
    const list = await SELF.fetch(`${origin}/api/cqos?q=${encodeURIComponent('长春')}&pageSize=5`);
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({ items: expect.any(Array), page: 1, pageSize: 5 });
    const stats = await SELF.fetch(`${origin}/api/stats`);
    expect(((await stats.json()) as { byCity: unknown[] }).byCity).toHaveLength(11);
    const chart = await SELF.fetch(`${origin}/api/stats/type.svg`);
    expect(chart.headers.get('content-type')).toContain('image/svg+xml');
    expect(await chart.text()).toContain('role="img"');
    const csv = new Uint8Array(await (await SELF.fetch(`${origin}/api/open-data/cqos.csv`)).arrayBuffer());
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const missing = await SELF.fetch(`${origin}/api/cqos/JL-CQO-1999-9999/qr.svg`);
    expect(missing.status).toBe(404);
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
