/** The public registry API as the public sees it, over the demo data (about 70 recognized CQOs in 11 units). */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLogin } from '../../db/queries/accounts/accounts.ts';
import { recentRegistryChanges, registryVersion } from '../../db/queries/registry/registry.ts';
import { filings } from '../../db/schema/index.ts';
import { createApp } from '../../functions/app.ts';
import { advance, submitDemoFiling } from '../../functions/demo/seed.ts';
import { random } from '../../functions/demo/synthetic.ts';
import { openDatabase } from '../../functions/hosts/node.ts';
import { decryptId } from '../../functions/privacy/id-crypto.ts';
import { registryTimings } from '../../functions/registry/index.ts';
import { openDataTimings } from '../../functions/registry/open-data.ts';
import { verifyQrSvg } from '../../functions/registry/qr.ts';
import { cities } from '../../src/shared/labels.ts';
import type {
  CqoRecord,
  PublicCqo,
  PublicCqoList,
  RegistryStats,
} from '../../src/shared/registry/answers.ts';
import { Client, demoWorld } from '../support/api.ts';
import { expectNoPrivateNumbers } from '../support/private-numbers.ts';

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

/** Valid (recognized) filings without consent to publish the name. */
async function unconsented(): Promise<FilingRow[]> {
  return (await allFilings()).filter((f) => f.status === 'recognized' && !f.publishConsent && f.filingNo);
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

/** Takes a filing of the demo enterprise `login` through a change filing to recognition; returns both numbers. */
async function changeCqo(login: string) {
  const account = await findAccountByLogin(world.deps.db, login);
  if (!account?.enterpriseId) throw new Error('demo enterprise missing');
  const [old] = await world.deps.db
    .select()
    .from(filings)
    .where(and(eq(filings.enterpriseId, account.enterpriseId), eq(filings.status, 'recognized')));
  const change = await submitDemoFiling(
    world.deps,
    { ...account, sessionId: 'test' },
    random(99),
    '220200',
    'scenic_spot',
    'change',
  );
  await advance(world.deps, change, 'jl-city', 'recognized');
  const [now] = await world.deps.db.select().from(filings).where(eq(filings.id, change));
  return { account, old: old as FilingRow, now: now as FilingRow };
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

  it('has at least 50 valid listed CQOs in the demo, and a valid one in every one of the 11 units', async () => {
    const valid = (await anyone.get<PublicCqoList>('/api/cqos?status=valid&pageSize=100')).body;
    expect(valid.total).toBeGreaterThanOrEqual(50);
    for (const c of cities) {
      const inUnit = (await anyone.get<PublicCqoList>(`/api/cqos?status=valid&city=${c.code}`)).body;
      expect(inUnit.total, c.name).toBeGreaterThanOrEqual(1);
      expect(inUnit.items.every((i) => i.status === 'valid' && i.city === c.code && i.name)).toBe(true);
    }
  });

  it('never shows an ID number, birth date, phone, e-mail or certificate number in any public answer', async () => {
    const listed = await everyListed();
    const one = listed[0] as PublicCqo;
    const hidden = (await unconsented())[0] as FilingRow;
    const texts = await Promise.all(
      [
        '/api/cqos?pageSize=100',
        '/api/cqos?pageSize=100&page=2',
        `/api/cqos/${one.filingNo}`,
        `/api/cqos/${hidden.filingNo}`,
        `/api/cqos/${one.filingNo}/qr.svg`,
        '/api/open-data/cqos.csv',
        '/api/open-data/cqos.json',
        '/api/stats',
        '/api/stats/figures.csv',
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
      expectNoPrivateNumbers(text, path);
      expect(text, path).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
      for (const secret of secrets) expect(text.includes(secret), `${path} shows ${secret}`).toBe(false);
    }
  });
});

describe('a CQO without consent to publish the name (DOMAIN.md: not listed publicly)', () => {
  it('is not in search, browse-all or open data: not by name, enterprise, USCC or number', async () => {
    const hidden = await unconsented();
    expect(hidden.length).toBeGreaterThan(0);
    const browse = (await anyone.get<PublicCqoList>('/api/cqos?pageSize=100')).body;
    const total = browse.total;
    const pages = await Promise.all(
      Array.from({ length: Math.ceil(total / 100) }, (_, i) =>
        anyone.get<PublicCqoList>(`/api/cqos?pageSize=100&page=${i + 1}`),
      ),
    );
    const everyNumber = new Set(pages.flatMap((p) => p.body.items.map((i) => i.filingNo)));
    const openJson = (await anyone.get('/api/open-data/cqos.json')).body;
    const openCsv = (await anyone.get('/api/open-data/cqos.csv')).text;
    for (const f of hidden) {
      const no = f.filingNo as string;
      expect(everyNumber.has(no), no).toBe(false);
      expect(openJson.items.some((i: PublicCqo) => i.filingNo === no)).toBe(false);
      expect(openCsv).not.toContain(no);
      for (const q of [no, no.toLowerCase(), f.uscc, f.enterpriseName, f.cqoName as string]) {
        const found = (await anyone.get<PublicCqoList>(`/api/cqos?q=${encodeURIComponent(q)}`)).body;
        expect(
          found.items.some((i) => i.filingNo === no),
          q,
        ).toBe(false);
      }
    }
    expect(openJson.items.every((i: PublicCqo) => i.name)).toBe(true);
  });

  it('is still answered by its exact number: 有效, the enterprise, no name', async () => {
    const [f] = await unconsented();
    const reply = await anyone.get<CqoRecord>(`/api/cqos/${f?.filingNo?.toLowerCase()}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      filingNo: f?.filingNo,
      name: null,
      enterpriseName: f?.enterpriseName,
      status: 'valid',
      supersededAt: null,
      currentFilingNo: null,
    });
    expect(reply.text).not.toContain(f?.cqoName as string);
    expect((await anyone.get(`/api/cqos/${f?.filingNo}/qr.svg`)).status).toBe(200);
  });

  it('counts in the statistics (aggregates): every valid filing, listed or not', async () => {
    const stats = (await anyone.get<RegistryStats>('/api/stats')).body;
    const valid = (await allFilings()).filter((f) => f.status === 'recognized' && f.filingNo);
    expect(stats.total).toBe(valid.length);
    const listedValid = (await anyone.get<PublicCqoList>('/api/cqos?status=valid')).body.total;
    expect(stats.total - listedValid).toBe((await unconsented()).length);
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
    const twoCharacterName = listed.find((i) => i.name && [...i.name].length === 2)?.name;
    expect(twoCharacterName, 'the demo data lists a two-character name').toBeTruthy();
    const exact = (
      await anyone.get<PublicCqoList>(`/api/cqos?q=${encodeURIComponent(`${twoCharacterName}`)}`)
    ).body;
    expect(exact.items[0]?.name).toBe(twoCharacterName);
  });

  it('finds enterprises by a part of the name', async () => {
    const [one] = await everyListed();
    const part = [...(one as PublicCqo).enterpriseName].slice(2, 6).join('');
    const found = (await anyone.get<PublicCqoList>(`/api/cqos?q=${encodeURIComponent(part)}`)).body;
    expect(found.items.map((i) => i.filingNo)).toContain(one?.filingNo);
    expect(found.items.every((i) => i.enterpriseName.includes(part) || i.name?.includes(part))).toBe(true);
  });

  it('finds what has every word of a multi-word query (长春 国际), and nothing for words that never meet', async () => {
    const listed = await everyListed();
    const one = listed.find((i) => [...i.enterpriseName].length >= 8) as PublicCqo;
    const chars = [...one.enterpriseName];
    const [a, b] = [chars.slice(0, 2).join(''), chars.slice(4, 6).join('')];
    const found = (await anyone.get<PublicCqoList>(`/api/cqos?q=${encodeURIComponent(`${a} ${b}`)}`)).body;
    expect(found.items.map((i) => i.filingNo)).toContain(one.filingNo);
    expect(found.items.every((i) => `${i.name} ${i.enterpriseName}`.includes(a))).toBe(true);
    expect(found.items.every((i) => `${i.name} ${i.enterpriseName}`.includes(b))).toBe(true);
    const byName = (await anyone.get<PublicCqoList>(`/api/cqos?q=${encodeURIComponent(`${one.name} ${a}`)}`))
      .body;
    expect(byName.items[0]?.filingNo).toBe(one.filingNo);
    const never = (await anyone.get<PublicCqoList>(`/api/cqos?q=${encodeURIComponent(`${a} 不存在的词`)}`))
      .body;
    expect(never.total).toBe(0);
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
    const reply = await anyone.get<CqoRecord>(`/api/cqos/${one?.filingNo.toLowerCase()}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...one, supersededAt: null, currentFilingNo: null });
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
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
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
    const statsBefore = (await anyone.get<RegistryStats>('/api/stats')).body;
    const recognized = await samr.post(`/api/filings/${filingId}/actions`, { action: 'recognize' });
    expect(recognized.status).toBe(200);
    const filingNo = recognized.body.filingNo as string;
    expect(recognized.body.publishConsent, 'the 延边 demo filing consents to publishing the name').toBe(true);
    expect((await anyone.get<PublicCqoList>('/api/cqos')).body.total).toBe(before + 1);
    expect((await anyone.get<RegistryStats>('/api/stats')).body.total).toBe(statsBefore.total + 1);
    const listed = (await anyone.get<CqoRecord>(`/api/cqos/${filingNo}`)).body;
    expect(listed).toMatchObject({
      filingNo,
      status: 'valid',
      deregisteredAt: null,
      recognizedAt: '2026-11-26',
    });

    // Asking to deregister changes nothing public: the registry's version stays.
    const version = await registryVersion(world.deps.db);
    expect(
      (
        await rural.post(`/api/filings/${filingId}/actions`, {
          action: 'request_deregistration',
          reason: '首席质量官已离职',
        })
      ).status,
    ).toBe(200);
    expect(await registryVersion(world.deps.db)).toBe(version);

    world.advanceClock(24 * 3600_000);
    samr = await world.as('samr');
    const deregistered = await samr.post(`/api/filings/${filingId}/actions`, {
      action: 'deregister',
      reason: '首席质量官离职',
    });
    expect(deregistered.status).toBe(200);
    expect(await registryVersion(world.deps.db)).toBe(version + 1);
    expect((await anyone.get<CqoRecord>(`/api/cqos/${filingNo}`)).body).toMatchObject({
      status: 'deregistered',
      deregisteredAt: '2026-11-27',
    });
    const onlyDeregistered = (await anyone.get<PublicCqoList>('/api/cqos?status=deregistered&pageSize=100'))
      .body;
    expect(onlyDeregistered.items.map((i) => i.filingNo)).toContain(filingNo);
  });

  it('answers a superseded number as 已变更 with the date and the new number, and lists only the new one', async () => {
    const versionBefore = await registryVersion(world.deps.db);
    const monthsBefore = (await anyone.get<RegistryStats>('/api/stats')).body.byMonth;
    const { account, old, now } = await changeCqo(world.logins.jilinScenic);
    const oldNo = old.filingNo as string;
    expect(now.publishConsent, 'the change filing consents to publishing the name').toBe(true);

    // One recognition, one supersession: two changes, written with the recognition.
    expect(await registryVersion(world.deps.db)).toBe(versionBefore + 2);
    const logged = await recentRegistryChanges(world.deps.db, 2);
    expect(logged.map((c) => c.filingId).sort()).toEqual([old.id, now.id].sort());
    const [replaced] = await world.deps.db.select().from(filings).where(eq(filings.id, old.id));
    expect(replaced?.status).toBe('superseded');
    expect(replaced?.updatedAt.getTime()).toBe(world.deps.now().getTime());

    const reply = await anyone.get<CqoRecord>(`/api/cqos/${oldNo}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      filingNo: oldNo,
      status: 'superseded',
      supersededAt: '2026-11-27',
      currentFilingNo: now.filingNo,
    });
    expect((await anyone.get(`/api/cqos/${oldNo}/qr.svg`)).status).toBe(404);
    const byUscc = (await anyone.get<PublicCqoList>(`/api/cqos?q=${account.login}`)).body;
    expect(byUscc.items.map((i) => i.filingNo)).not.toContain(oldNo);
    expect(byUscc.items).toHaveLength(1);
    expect(byUscc.items[0]).toMatchObject({ filingNo: now.filingNo, status: 'valid' });
    // Both recognitions still count in their months: the replaced one is not taken out of the statistics.
    const monthsAfter = (await anyone.get<RegistryStats>('/api/stats')).body.byMonth;
    const sum = (ms: RegistryStats['byMonth']) => ms.reduce((s, m) => s + m.count, 0);
    expect(sum(monthsAfter)).toBe(sum(monthsBefore) + 1);
  });

  it('counts every recognition per month, also those later superseded or deregistered', async () => {
    const stats = (await anyone.get<RegistryStats>('/api/stats')).body;
    const rows = await world.deps.db
      .select()
      .from(filings)
      .where(inArray(filings.status, ['recognized', 'deregistered', 'superseded']));
    const months = new Set(stats.byMonth.map((m) => m.month));
    const perMonth = new Map<string, number>();
    for (const f of rows) {
      if (!f.recognizedAt) continue;
      const china = new Date(f.recognizedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
      if (months.has(china)) perMonth.set(china, (perMonth.get(china) ?? 0) + 1);
    }
    expect(rows.some((f) => f.status === 'superseded')).toBe(true);
    for (const m of stats.byMonth) expect(m.count, m.month).toBe(perMonth.get(m.month) ?? 0);
  });

  it('numbers a recognition at 07:30 on 1 January 2027 China time (still 2026 in UTC) with the year 2027', async () => {
    const target = new Date('2026-12-31T23:30:00Z');
    world.advanceClock(target.getTime() - world.deps.now().getTime());
    samr = await world.as('samr');
    const account = await findAccountByLogin(world.deps.db, world.logins.changchunAgency);
    if (!account?.enterpriseId) throw new Error('demo enterprise missing');
    const id = await submitDemoFiling(
      world.deps,
      { ...account, sessionId: 'test' },
      random(7),
      '220100',
      'travel_agency',
    );
    await advance(world.deps, id, 'cc-city', 'recognized');
    const [f] = await world.deps.db.select().from(filings).where(eq(filings.id, id));
    expect(f?.filingNo).toMatch(/^JL-CQO-2027-\d{4}$/);
    expect((await anyone.get<CqoRecord>(`/api/cqos/${f?.filingNo}`)).body.recognizedAt).toBe('2027-01-01');
  });
});

describe('changes made by another process', () => {
  it('show up in a second app on the same database file within the version-check interval', async () => {
    // A second process: its own connection to the same file, its own app and read model.
    const other = await openDatabase({ databaseUrl: `file:${world.database.dir}/test.db` });
    try {
      const b = new Client(createApp({ ...world.deps, db: other.db }));
      const [one] = (await b.get<PublicCqoList>('/api/cqos?status=valid')).body.items;
      const filingNo = one?.filingNo as string;
      const [row] = await world.deps.db.select().from(filings).where(eq(filings.filingNo, filingNo));
      const done = await samr.post(`/api/filings/${row?.id}/actions`, {
        action: 'deregister',
        reason: '首席质量官离职',
      });
      expect(done.status, done.text).toBe(200);
      const changedAt = Date.now();
      let seenAfter = Number.POSITIVE_INFINITY;
      while (Date.now() - changedAt < registryTimings.versionCheckMs * 3) {
        if ((await b.get<CqoRecord>(`/api/cqos/${filingNo}`)).body.status === 'deregistered') {
          seenAfter = Date.now() - changedAt;
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(seenAfter).toBeLessThanOrEqual(
        registryTimings.versionCheckMs + registryTimings.refreshWaitMs + 100,
      );
      expect((await b.get<PublicCqoList>(`/api/cqos?q=${filingNo}`)).body.items[0]?.status).toBe(
        'deregistered',
      );
    } finally {
      other.client.close();
    }
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
