/** The public registry API as the public sees it, over the demo data (about 60 listed CQOs in 11 units). */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLogin } from '../../db/queries/accounts.ts';
import { filings } from '../../db/schema/index.ts';
import { createApp } from '../../functions/app.ts';
import { advance, submitDemoFiling } from '../../functions/demo/seed.ts';
import { random } from '../../functions/demo/synthetic.ts';
import { decryptId } from '../../functions/privacy/id-crypto.ts';
import { verifyQrSvg } from '../../functions/registry/qr.ts';
import type { PublicCqo, PublicCqoList } from '../../src/shared/api-types.ts';
import { cities } from '../../src/shared/labels.ts';
import { Client, demoWorld } from '../support/api.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
let anyone: Client;
let samr: Client;

type FilingRow = typeof filings.$inferSelect;
const PUBLIC_KEYS = [
  'filingNo',
  'name',
  'enterpriseName',
  'uscc',
  'enterpriseType',
  'grade',
  'city',
  'recognizedAt',
  'status',
  'deregisteredAt',
].sort();

async function allFilings(): Promise<FilingRow[]> {
  return world.deps.db.select().from(filings);
}

async function everyListed(): Promise<PublicCqo[]> {
  return (await anyone.get<PublicCqoList>('/api/cqos?pageSize=100')).body.items;
}

/** Everything private about the demo filings, as it would appear in a response if it leaked. */
async function privateValues(rows: FilingRow[]): Promise<string[]> {
  const values: string[] = [];
  for (const f of rows) {
    const form = f.form as Record<string, any>;
    if (f.idCipher) values.push(await decryptId(world.deps.idKeys, f.idCipher));
    values.push(
      ...[f.idMasked, f.birthDate, f.idHash, form.mobile, form.email, form.contactPhone, form.address]
        .concat(form.qualification?.certificateNo, f.returnNote)
        .concat(f.training.attempts.map((a) => a.certificateNo))
        .filter((v): v is string => typeof v === 'string' && v.length > 0),
    );
  }
  return values;
}

beforeAll(async () => {
  world = await demoWorld();
  anyone = world.client();
  samr = await world.as('samr');
});
afterAll(() => world.close());

describe('the public list', () => {
  it('lists at least 50 CQOs across all 11 units with only the public fields', async () => {
    const list = (await anyone.get<PublicCqoList>('/api/cqos?pageSize=100')).body;
    expect(list.total).toBeGreaterThanOrEqual(50);
    expect(list.page).toBe(1);
    expect(list.pageSize).toBe(100);
    for (const item of list.items) expect(Object.keys(item).sort()).toEqual(PUBLIC_KEYS);
    expect(new Set(list.items.map((i) => i.city))).toEqual(new Set(cities.map((c) => c.code)));
    const dates = list.items.map((i) => i.recognizedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
  });

  it('never shows an ID number, birth date, phone, e-mail or certificate number in any public answer', async () => {
    const listed = await everyListed();
    const one = listed[0] as PublicCqo;
    const texts = await Promise.all(
      [
        '/api/cqos?pageSize=100',
        '/api/cqos?pageSize=100&page=2',
        `/api/cqos/${one.filingNo}`,
        `/api/cqos/${one.filingNo}/qr.svg`,
        '/api/open-data/cqos.csv',
        '/api/open-data/cqos.json',
        '/api/stats',
        '/api/stats/city.svg',
        '/api/stats/type.svg',
        '/api/stats/month.svg',
      ].map(async (path) => {
        const reply = await anyone.get(path);
        expect(reply.status, path).toBe(200);
        return [path, reply.text] as const;
      }),
    );
    const secrets = await privateValues(await allFilings());
    expect(secrets.length).toBeGreaterThan(200);
    for (const [path, text] of texts) {
      expect(text, path).not.toMatch(/\b\d{17}[\dX]\b/);
      expect(text, path).not.toMatch(/\b1[3-9]\d{9}\b/);
      expect(text, path).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
      for (const secret of secrets) expect(text.includes(secret), `${path} shows ${secret}`).toBe(false);
    }
  });

  it('never shows a name without publication consent, and a search by it finds nothing', async () => {
    const rows = await allFilings();
    const publicStatus = ['recognized', 'deregistered'];
    const consented = new Set(
      rows.filter((f) => f.publishConsent && publicStatus.includes(f.status)).map((f) => f.cqoName),
    );
    const hidden = rows.filter(
      (f) => !f.publishConsent && publicStatus.includes(f.status) && f.cqoName && !consented.has(f.cqoName),
    );
    expect(hidden.length).toBeGreaterThan(0);
    const everything = (await anyone.get('/api/open-data/cqos.json')).text;
    let searched = 0;
    for (const f of hidden) {
      const name = f.cqoName as string;
      // A name that is also part of some enterprise's name is rightly found by that enterprise.
      if (!everything.includes(name)) {
        searched++;
        const found = (await anyone.get<PublicCqoList>(`/api/cqos?q=${encodeURIComponent(name)}`)).body;
        expect(
          found.items.some((i) => i.filingNo === f.filingNo),
          name,
        ).toBe(false);
        expect(found.items.every((i) => i.name !== name)).toBe(true);
      }
      expect(everything).not.toContain(`"name":"${name}"`);
      const byUscc = (await anyone.get<PublicCqoList>(`/api/cqos?q=${f.uscc.toLowerCase()}`)).body;
      expect(byUscc.items[0]).toMatchObject({ filingNo: f.filingNo, name: null });
    }
    expect(searched).toBeGreaterThan(0);
  });
});

describe('searching', () => {
  it('finds a person by full name and by two characters of it, exact name first', async () => {
    const listed = await everyListed();
    const person = listed.find((i) => i.name && [...i.name].length >= 3) as PublicCqo;
    const name = person.name as string;
    const full = (await anyone.get<PublicCqoList>(`/api/cqos?q=${encodeURIComponent(name)}`)).body;
    expect(full.items[0]?.name).toBe(name);
    const two = [...name].slice(0, 2).join('');
    const part = (await anyone.get<PublicCqoList>(`/api/cqos?q=${encodeURIComponent(two)}`)).body;
    expect(part.items.map((i) => i.filingNo)).toContain(person.filingNo);
    const twoCharacterName = listed.find((i) => i.name && [...i.name].length === 2);
    if (twoCharacterName) {
      const exact = (
        await anyone.get<PublicCqoList>(`/api/cqos?q=${encodeURIComponent(twoCharacterName.name as string)}`)
      ).body;
      expect(exact.items[0]?.name).toBe(twoCharacterName.name);
    }
  });

  it('finds enterprises by a part of the name', async () => {
    const [one] = await everyListed();
    const part = [...(one as PublicCqo).enterpriseName].slice(2, 6).join('');
    const found = (await anyone.get<PublicCqoList>(`/api/cqos?q=${encodeURIComponent(part)}`)).body;
    expect(found.items.map((i) => i.filingNo)).toContain(one?.filingNo);
    expect(found.items.every((i) => i.enterpriseName.includes(part) || i.name?.includes(part))).toBe(true);
  });

  it('finds an exact 备案编号 or 统一社会信用代码 in lower case and ranks it first', async () => {
    const listed = await everyListed();
    const one = listed[7] as PublicCqo;
    const byNo = (await anyone.get<PublicCqoList>(`/api/cqos?q=${one.filingNo.toLowerCase()}`)).body;
    expect(byNo.items[0]?.filingNo).toBe(one.filingNo);
    const byUscc = (await anyone.get<PublicCqoList>(`/api/cqos?q=${one.uscc.toLowerCase()}`)).body;
    expect(byUscc.items[0]?.uscc).toBe(one.uscc);
  });

  it('filters by 市州, type and status, and combines them', async () => {
    const list = (await anyone.get<PublicCqoList>('/api/cqos?city=220100&type=travel_agency&status=valid'))
      .body;
    expect(list.total).toBeGreaterThan(0);
    expect(
      list.items.every(
        (i) => i.city === '220100' && i.enterpriseType === 'travel_agency' && i.status === 'valid',
      ),
    ).toBe(true);
    const empty = (await anyone.get<PublicCqoList>('/api/cqos?q=&city=&type=&status=')).body;
    expect(empty.total).toBe((await anyone.get<PublicCqoList>('/api/cqos')).body.total);
  });

  it('answers a page past the end with no items and the right total', async () => {
    const total = (await anyone.get<PublicCqoList>('/api/cqos')).body.total;
    const past = (await anyone.get<PublicCqoList>('/api/cqos?page=50&pageSize=100')).body;
    expect(past).toEqual({ items: [], total, page: 50, pageSize: 100 });
  });

  it.each([
    ['pageSize=101', 'pageSize', '每页最多 100 条'],
    ['pageSize=0', 'pageSize', '每页至少 1 条'],
    ['page=0', 'page', '页码从 1 开始'],
    ['page=abc', 'page', '页码须为数字'],
    ['city=110100', 'city', '市州参数不正确'],
    ['type=museum', 'type', '企业类型参数不正确'],
    ['status=recognized', 'status', '状态参数不正确'],
    [`q=${'长'.repeat(51)}`, 'q', '搜索词不能超过 50 个字'],
    ['q=a&q=b', 'q', '搜索词格式不正确'],
  ])('refuses %s with 400 and a Chinese message', async (query, field, message) => {
    const reply = await anyone.get(`/api/cqos?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid');
    expect(reply.body.error.fields[field]).toContain(message);
    expect(reply.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('one CQO and its QR code', () => {
  it('verifies a CQO by 备案编号 in any case, and answers 404 in Chinese for an unknown one', async () => {
    const [one] = await everyListed();
    const reply = await anyone.get<PublicCqo>(`/api/cqos/${one?.filingNo.toLowerCase()}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(one);
    expect(reply.headers.get('cache-control')).toContain('public');
    const missing = await anyone.get('/api/cqos/JL-CQO-1999-9999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('未找到');
  });

  it('draws a QR code of the verify page, cached for a day', async () => {
    const [one] = await everyListed();
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
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    const json = await anyone.get('/api/open-data/cqos.json');
    expect(json.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(json.body.count).toBe(total);
    expect(json.body.items).toHaveLength(total);
    expect(json.body.licence).toMatch(/[\u4e00-\u9fff]/);
    expect(Object.keys(json.body.items[0]).sort()).toEqual(PUBLIC_KEYS);
  });

  it('counts valid CQOs by unit and type and draws them as accessible SVG charts', async () => {
    const stats = (await anyone.get('/api/stats')).body;
    const valid = (await anyone.get<PublicCqoList>('/api/cqos?status=valid')).body.total;
    expect(stats.total).toBe(valid);
    expect(stats.byCity).toHaveLength(11);
    expect(stats.byType).toHaveLength(4);
    expect(stats.byCity.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(valid);
    expect(stats.byMonth).toHaveLength(24);
    expect(stats.byMonth.at(-1).month).toBe('2026-11');
    const chart = await anyone.get('/api/stats/city.svg');
    expect(chart.headers.get('content-type')).toContain('image/svg+xml');
    expect(chart.text).toContain('role="img"');
    expect(chart.text).toMatch(/<title id="chart-title">[^<]+<\/title>/);
    for (const c of stats.byCity) {
      const name = cities.find((x) => x.code === c.city)?.name as string;
      expect(chart.text).toContain(`${name}：${c.count} 人`);
    }
    expect(chart.text).not.toContain('<script');
    expect((await anyone.get('/api/stats/month.svg')).text).toContain('年');
  });
});

describe('keeping up with the workflow', () => {
  it('lists a CQO as soon as market regulation recognizes it, and shows a deregistration with its date', async () => {
    const rural = await world.as(world.logins.yanbianRural);
    const filingId = (await rural.get('/api/filings')).body.items[0].id as string;
    expect(
      (
        await samr.post(`/api/filings/${filingId}/actions`, {
          action: 'record_training',
          onlineHours: 24,
          date: '2026-11-20',
          passed: true,
        })
      ).status,
    ).toBe(200);
    const before = (await anyone.get<PublicCqoList>('/api/cqos')).body.total;
    const recognized = await samr.post(`/api/filings/${filingId}/actions`, { action: 'recognize' });
    expect(recognized.status).toBe(200);
    const filingNo = recognized.body.filingNo as string;
    expect((await anyone.get<PublicCqoList>('/api/cqos')).body.total).toBe(before + 1);
    const listed = (await anyone.get<PublicCqo>(`/api/cqos/${filingNo}`)).body;
    expect(listed).toMatchObject({
      filingNo,
      status: 'valid',
      deregisteredAt: null,
      recognizedAt: '2026-11-26',
    });

    world.advanceClock(24 * 3600_000);
    samr = await world.as('samr');
    const deregistered = await samr.post(`/api/filings/${filingId}/actions`, {
      action: 'deregister',
      reason: '首席质量官离职',
    });
    expect(deregistered.status).toBe(200);
    expect((await anyone.get<PublicCqo>(`/api/cqos/${filingNo}`)).body).toMatchObject({
      status: 'deregistered',
      deregisteredAt: '2026-11-27',
    });
    const onlyDeregistered = (await anyone.get<PublicCqoList>('/api/cqos?status=deregistered&pageSize=100'))
      .body;
    expect(onlyDeregistered.items.map((i) => i.filingNo)).toContain(filingNo);
  });

  it('drops a superseded CQO and lists the enterprise’s new one', async () => {
    const login = world.logins.jilinScenic;
    const account = await findAccountByLogin(world.deps.db, login);
    if (!account?.enterpriseId) throw new Error('demo enterprise missing');
    const [old] = await world.deps.db
      .select()
      .from(filings)
      .where(eq(filings.enterpriseId, account.enterpriseId));
    const oldNo = old?.filingNo as string;
    expect((await anyone.get(`/api/cqos/${oldNo}`)).status).toBe(200);
    const change = await submitDemoFiling(
      world.deps,
      { ...account, sessionId: 'test' },
      random(99),
      '220200',
      'scenic_spot',
      'change',
    );
    await advance(world.deps, change, 'jl-city', 'recognized');
    expect((await anyone.get(`/api/cqos/${oldNo}`)).status).toBe(404);
    expect((await anyone.get(`/api/cqos/${oldNo}/qr.svg`)).status).toBe(404);
    const byUscc = (await anyone.get<PublicCqoList>(`/api/cqos?q=${account.login}`)).body;
    expect(byUscc.items).toHaveLength(1);
    expect(byUscc.items[0]?.filingNo).not.toBe(oldNo);
    expect(byUscc.items[0]?.status).toBe('valid');
  });
});

describe('changes made outside this process', () => {
  it('shows up within about a second, through the version check', async () => {
    const [one] = (await anyone.get<PublicCqoList>('/api/cqos?status=valid')).body.items;
    const filingNo = one?.filingNo as string;
    await world.deps.db
      .update(filings)
      .set({
        status: 'deregistered',
        deregisteredAt: new Date(),
        updatedAt: new Date('2030-01-01T00:00:00Z'),
      })
      .where(eq(filings.filingNo, filingNo));
    await new Promise((r) => setTimeout(r, 1100));
    expect((await anyone.get<PublicCqo>(`/api/cqos/${filingNo}`)).body.status).toBe('deregistered');
  });
});

describe('the per-address rate limit', () => {
  it('answers 429 with Retry-After and a Chinese message past the limit, per address', async () => {
    const app = createApp({
      ...world.deps,
      clientIp: (c) => c.req.header('x-test-ip'),
      publicRateLimit: { requests: 3, windowMs: 60_000 },
    });
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
});
