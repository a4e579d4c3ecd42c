import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filings } from '../../db/schema/index.ts';
import { decryptId } from '../../functions/privacy/id-crypto.ts';
import { cities } from '../../src/shared/labels.ts';
import type {
  CqoRecord,
  PublicCqo,
  PublicCqoList,
  RegistryStats,
} from '../../src/shared/registry/answers.ts';
import type { Client } from '../support/api.ts';
import { expectNoPrivateNumbers } from '../support/private-numbers.ts';
import { everyListed, type FilingRow, PUBLIC_KEYS, registryWorld } from '../support/registry.ts';

let world: Awaited<ReturnType<typeof registryWorld>>['world'];
let anyone: Client;

async function allFilings(): Promise<FilingRow[]> {
  return world.deps.db.select().from(filings);
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

beforeAll(async () => {
  ({ world, anyone } = await registryWorld());
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
    const listed = await everyListed(anyone);
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
    const listed = await everyListed(anyone);
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
    const [one] = await everyListed(anyone);
    const part = [...(one as PublicCqo).enterpriseName].slice(2, 6).join('');
    const found = (await anyone.get<PublicCqoList>(`/api/cqos?q=${encodeURIComponent(part)}`)).body;
    expect(found.items.map((i) => i.filingNo)).toContain(one?.filingNo);
    expect(found.items.every((i) => i.enterpriseName.includes(part) || i.name?.includes(part))).toBe(true);
  });

  it('finds what has every word of a multi-word query (长春 国际), and nothing for words that never meet', async () => {
    const listed = await everyListed(anyone);
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
    const listed = await everyListed(anyone);
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
