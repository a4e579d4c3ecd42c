/**
 * The registry's other public pages as people see them, on a 360 px phone in Chromium: verify (listed, without
 * consent, superseded), statistics (with and without JavaScript) and open data — none shows an ID number or a
 * mobile number, and each says what the record is.
 */
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filings } from '../../db/schema/index.ts';
import { seedDemo } from '../../functions/demo/seed.ts';
import type { CqoRecord, PublicCqoList, RegistryStats } from '../../src/shared/registry/answers.ts';
import { expectAccessibleAndFits, launchBrowser } from '../support/browser.ts';
import { expectNoPrivateNumbers } from '../support/private-numbers.ts';
import { changeCqo } from '../support/registry.ts';
import { getJson as fetchJson, startSite } from '../support/server.ts';

let site: Awaited<ReturnType<typeof startSite>>;
let browser: Browser;
let page: Page;
let logins: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  site = await startSite();
  logins = await seedDemo(site.deps);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const getJson = <T>(path: string) => fetchJson<T>(site.url, path);

/** The page's whole HTML carries no ID number and no mobile number. */
const expectPageHasNoPrivateNumbers = async (p: Page) => expectNoPrivateNumbers(await p.content(), p.url());

const stateText = (p: Page) => p.locator('#verify-state').textContent();

describe('the verify page', () => {
  it('shows a listed CQO as 有效 with the name, and no private numbers', async () => {
    const { items } = await getJson<PublicCqoList>('/api/cqos?status=valid&pageSize=1');
    const cqo = items[0] as CqoRecord;
    await page.goto(`${site.url}/verify/${cqo.filingNo}/`);
    await expect.poll(() => stateText(page)).toContain('有效');
    expect(await page.locator('#v-name').textContent()).toBe(cqo.name);
    await expectPageHasNoPrivateNumbers(page);
  });

  it('answers a number whose CQO did not consent: 有效 and the enterprise, without the name', async () => {
    const [hidden] = await site.deps.db
      .select()
      .from(filings)
      .where(and(eq(filings.status, 'recognized'), eq(filings.publishConsent, false)));
    if (!hidden?.filingNo || !hidden.cqoName) throw new Error('the demo data has no unconsented valid CQO');
    // Not in the lookup …
    const found = await getJson<PublicCqoList>(`/api/cqos?q=${encodeURIComponent(hidden.enterpriseName)}`);
    expect(found.items.map((i) => i.filingNo)).not.toContain(hidden.filingNo);
    // … but verifiable by its number.
    await page.goto(`${site.url}/verify/${hidden.filingNo}/`);
    await expect.poll(() => stateText(page)).toContain('有效');
    expect(await page.locator('#verify-state').getAttribute('class')).toContain('valid');
    expect(await page.locator('#v-name').textContent()).toBe('未公开（本人未同意公开姓名）');
    expect(await page.locator('#v-enterprise').textContent()).toBe(hidden.enterpriseName);
    expect(await page.locator('main').textContent()).not.toContain(hidden.cqoName);
    await expectPageHasNoPrivateNumbers(page);
    await expectAccessibleAndFits(page);
  });

  it('says a replaced number is 已变更 with the date, links the current record and offers no QR code', async () => {
    const login = logins.find((l) => l.role === 'enterprise' && l.displayName.includes('度假区'))?.login;
    const { old } = await changeCqo(site.deps, login ?? '', 5);
    const record = await getJson<CqoRecord>(`/api/cqos/${old?.filingNo}`);
    expect(record.status).toBe('superseded');
    const [y, m, d] = (record.supersededAt ?? '').split('-').map(Number);

    await page.goto(`${site.url}/verify/${old?.filingNo}/`);
    await expect.poll(() => stateText(page)).toContain(`已变更（${y}年${m}月${d}日）`);
    expect(await page.locator('#verify-state').getAttribute('class')).toContain('superseded');
    const note = page.locator('#verify-replaced');
    expect(await note.textContent()).toContain('已由企业新的首席质量官备案替换');
    expect(record.currentFilingNo, 'the change filing consents to publishing the name').toBeTruthy();
    const link = note.getByRole('link', { name: `核验 ${record.currentFilingNo}` });
    expect(await link.getAttribute('href')).toBe(`/verify/${record.currentFilingNo}/`);
    expect(await page.locator('#v-qr').count()).toBe(0);
    expect(await page.getByRole('button', { name: '打印' }).count()).toBe(0);
    expect(await page.title()).toContain('已变更');
    await expectPageHasNoPrivateNumbers(page);
    await expectAccessibleAndFits(page);
  });
});

describe('statistics and open data', () => {
  it('shows the figures with JavaScript, and no private numbers', async () => {
    const stats = await getJson<RegistryStats>('/api/stats');
    await page.goto(`${site.url}/statistics/`);
    await expect.poll(() => page.locator('#stats-total').textContent()).toBe(String(stats.total));
    await expectPageHasNoPrivateNumbers(page);
    await expectAccessibleAndFits(page);
  });

  it('gives every figure without JavaScript: a CSV of the numbers and each chart on its own', async () => {
    const stats = await getJson<RegistryStats>('/api/stats');
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 740 },
    });
    try {
      const noJs = await context.newPage();
      await noJs.goto(`${site.url}/statistics/`);
      const csvLink = noJs.getByRole('link', { name: '下载统计数字（CSV 文件）' }).first();
      const csv = await fetch(`${site.url}${await csvLink.getAttribute('href')}`);
      expect(csv.status).toBe(200);
      const text = await csv.text();
      expect(text).toContain(`"合计","目前有效的首席质量官","${stats.total}"`);
      for (const m of stats.byMonth) expect(text).toContain(`"${m.count}"`);
      for (const key of ['city', 'type', 'month']) {
        const link = noJs.locator(`#table-${key} a[href="/api/stats/${key}.svg"]`);
        expect(await link.count(), key).toBe(1);
      }
      // Opened on its own, a chart names every figure in its accessible description.
      await noJs.goto(`${site.url}/api/stats/city.svg`);
      const described = await noJs.locator('desc').textContent();
      for (const c of stats.byCity) expect(described).toContain(`：${c.count} 人`);
    } finally {
      await context.close();
    }
  });

  it('describes the open data honestly and shows no private numbers', async () => {
    await page.goto(`${site.url}/open-data/`);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toContain('每次下载时由系统生成');
    expect(main).toContain('约 1 分钟内重新生成');
    expect(main).toContain('只包含已正式认定、且本人同意公开姓名的首席质量官');
    await expectPageHasNoPrivateNumbers(page);
    for (const path of ['/api/open-data/cqos.csv', '/api/open-data/cqos.json', '/api/stats/figures.csv']) {
      const body = await (await fetch(`${site.url}${path}`)).text();
      expectNoPrivateNumbers(body, path);
    }
  });
});
