/** The open registry's public pages: lookup, verify, statistics, open data — on a 360 px phone in Chromium. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../functions/demo/seed.ts';
import type { PublicCqo, PublicCqoList, RegistryStats } from '../../src/shared/registry/answers.ts';
import { expectAccessibleAndFits, launchBrowser } from '../support/browser.ts';
import { expectNoPrivateNumbers } from '../support/private-numbers.ts';
import { getJson as fetchJson, startSite } from '../support/server.ts';

let site: Awaited<ReturnType<typeof startSite>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  site = await startSite();
  await seedDemo(site.deps);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const getJson = <T>(path: string) => fetchJson<T>(site.url, path);

const statusLine = (p: Page) => p.locator('#lookup-status').textContent();
const announcedCount = async (p: Page) =>
  Number(/找到 (\d+) 位首席质量官/.exec((await statusLine(p)) ?? '')?.[1]);

/** A listed record with a published name, and a two-character piece of that name. */
async function namedRecord() {
  const all = await getJson<PublicCqoList>('/api/cqos?pageSize=100');
  const cqo = all.items.find((c) => c.status === 'valid' && c.name && [...c.name].length >= 2);
  if (!cqo?.name) throw new Error('the demo data has no valid CQO with a published name');
  return { cqo, query: [...cqo.name].slice(0, 2).join('') };
}

async function search(p: Page, fill: { q?: string; city?: string }) {
  if (fill.q !== undefined) await p.getByLabel('姓名、企业名称、备案编号或统一社会信用代码').fill(fill.q);
  if (fill.city !== undefined) await p.getByLabel('市州').selectOption(fill.city);
  const before = p.url();
  await p.getByRole('button', { name: '查询', exact: true }).click();
  await expect.poll(() => p.url()).not.toBe(before);
  await expect.poll(() => statusLine(p)).toMatch(/找到 \d+ 位|没有找到/);
}

describe('the public lookup on a 360 px phone', () => {
  it('finds a CQO by two characters of the name, announces the count and puts the query in the URL', async () => {
    const { cqo, query } = await namedRecord();
    const expected = await getJson<PublicCqoList>(`/api/cqos?q=${encodeURIComponent(query)}`);
    await page.goto(`${site.url}/lookup/`);
    await expect.poll(() => statusLine(page)).toMatch(/名录共收录 \d+ 位首席质量官/);

    await search(page, { q: query });
    expect(new URL(page.url()).searchParams.get('q')).toBe(query);
    expect(await announcedCount(page)).toBe(expected.total);
    expect(await page.getByRole('status').filter({ hasText: '找到' }).count()).toBe(1);
    const card = page.locator('#lookup-list > li').filter({ hasText: cqo.filingNo });
    expect(await card.locator('h3').textContent()).toBe(cqo.name);
    expect(await card.textContent()).toContain(cqo.enterpriseName);
    expect(await card.textContent()).toContain('有效');
    await expectAccessibleAndFits(page);

    // What the page shows stays public: no 18-digit ID number, no 11-digit mobile anywhere in it.
    expectNoPrivateNumbers(await page.content(), page.url());
  });

  it('narrows by 市州, and the back button brings the previous results back', async () => {
    const { query } = await namedRecord();
    await page.goto(`${site.url}/lookup/?q=${encodeURIComponent(query)}`);
    await expect.poll(() => statusLine(page)).toMatch(/找到 \d+ 位/);
    expect(await page.getByLabel('姓名、企业名称、备案编号或统一社会信用代码').inputValue()).toBe(query);
    const first = await announcedCount(page);
    const firstCards = await page.locator('#lookup-list h3').allTextContents();

    const expected = await getJson<PublicCqoList>('/api/cqos?city=220200');
    await search(page, { q: '', city: '220200' });
    expect(page.url()).toContain('city=220200');
    expect(page.url()).not.toContain('q=');
    expect(await announcedCount(page)).toBe(expected.total);
    for (const text of await page.locator('#lookup-list dl').allTextContents())
      expect(text).toContain('吉林市');

    await page.goBack();
    await expect.poll(() => announcedCount(page)).toBe(first);
    expect(new URL(page.url()).searchParams.get('q')).toBe(query);
    expect(await page.getByLabel('姓名、企业名称、备案编号或统一社会信用代码').inputValue()).toBe(query);
    expect(await page.getByLabel('市州').inputValue()).toBe('');
    expect(await page.locator('#lookup-list h3').allTextContents()).toEqual(firstCards);
  });

  it('pages through the whole registry with the page number in the URL', async () => {
    const all = await getJson<PublicCqoList>('/api/cqos');
    expect(all.total, 'the demo data fills more than one page').toBeGreaterThan(all.pageSize);
    await page.goto(`${site.url}/lookup/`);
    await expect.poll(() => statusLine(page)).toContain(`名录共收录 ${all.total} 位`);
    expect(await page.locator('#lookup-list > li').count()).toBe(all.pageSize);
    const pager = page.getByRole('navigation', { name: '查询结果翻页' });
    await pager.getByRole('link', { name: '下一页' }).click();
    await expect.poll(() => page.url()).toContain('page=2');
    await expect.poll(() => statusLine(page)).toContain('当前第 2 /');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results-title');
    expect(await pager.getByRole('link', { name: '上一页' }).count()).toBe(1);
    await page.goBack();
    await expect.poll(() => statusLine(page)).toContain('当前第 1 /');
  });

  it('keeps the query in the box and says what to do when the API refuses or the network fails', async () => {
    const lookupApi = (url: URL) => url.pathname === '/api/cqos';
    await page.route(lookupApi, (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Retry-After': '30', 'Content-Type': 'application/json' },
        body: JSON.stringify({ error: { code: 'too_many_requests', message: '查询过于频繁' } }),
      }),
    );
    await page.goto(`${site.url}/lookup/?q=${encodeURIComponent('旅行社')}`);
    await expect.poll(() => statusLine(page)).toContain('请 30 秒后再试');
    expect(await page.getByLabel('姓名、企业名称、备案编号或统一社会信用代码').inputValue()).toBe('旅行社');
    expect(await page.locator('#lookup-list > li').count()).toBe(0);

    await page.unroute(lookupApi);
    await page.route(lookupApi, (route) => route.abort('internetdisconnected'));
    await page.getByLabel('姓名、企业名称、备案编号或统一社会信用代码').fill('饭店');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => statusLine(page)).toContain('网络连接失败，请检查网络后重试');
    expect(await statusLine(page)).toContain('仍保留在上方');
    expect(await page.getByLabel('姓名、企业名称、备案编号或统一社会信用代码').inputValue()).toBe('饭店');
    await page.unroute(lookupApi);

    // A parameter the API rejects (400) is explained, and the page stays usable.
    await page.goto(`${site.url}/lookup/?q=${encodeURIComponent('长春')}&pageSize=100000`);
    await expect.poll(() => statusLine(page)).toContain('仍保留在上方');
    expect(await page.getByLabel('姓名、企业名称、备案编号或统一社会信用代码').inputValue()).toBe('长春');
    await expectAccessibleAndFits(page);
  });
});

describe('the verify page', () => {
  it('opens from a result and shows 有效 with a QR code that loads', async () => {
    const { cqo, query } = await namedRecord();
    await page.goto(`${site.url}/lookup/?q=${encodeURIComponent(query)}`);
    await page.getByRole('link', { name: cqo.filingNo }).click();
    await expect.poll(() => page.url()).toBe(`${site.url}/verify/${cqo.filingNo}/`);
    await expect.poll(() => page.locator('#verify-state').textContent()).toContain('有效');
    expect(await page.locator('#verify-state').getAttribute('class')).toContain('valid');
    expect(await page.locator('#v-filing-no').textContent()).toBe(cqo.filingNo);
    expect(await page.locator('#v-name').textContent()).toBe(cqo.name);
    expect(await page.locator('#v-uscc').textContent()).toBe(cqo.uscc);
    const qr = page.getByRole('img', { name: `扫码核验：${cqo.filingNo}` });
    await expect
      .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: '打印' }).count()).toBe(1);
    await expectAccessibleAndFits(page);

    // The printed A5 card keeps the title, the fields and the QR code, and drops the site's chrome.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    expect(await qr.isVisible()).toBe(true);
    expect(await page.getByText('扫码核验真伪').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('says 已注销 with the date for a deregistered record', async () => {
    const listed = await getJson<PublicCqoList>('/api/cqos?status=deregistered');
    expect(listed.total, 'the demo data lists a deregistered CQO').toBeGreaterThan(0);
    const gone = listed.items[0] as PublicCqo;
    const [y, m, d] = (gone.deregisteredAt ?? '').split('-').map(Number);
    await page.goto(`${site.url}/verify/${gone.filingNo}/`);
    await expect
      .poll(() => page.locator('#verify-state').textContent())
      .toContain(`已注销（${y}年${m}月${d}日）`);
    expect(await page.locator('#verify-state').getAttribute('class')).toContain('deregistered');
    await expectAccessibleAndFits(page);
  });

  it('says a number was not found and links to the lookup', async () => {
    await page.goto(`${site.url}/verify/JL-CQO-1999-9999/`);
    await expect
      .poll(() => page.locator('#verify-message').textContent())
      .toContain('未找到备案编号 JL-CQO-1999-9999，请核对');
    expect(await page.locator('#verify-message').getByRole('link', { name: '查询首席质量官' }).count()).toBe(
      1,
    );
    expect(await page.locator('#verify-record').isVisible()).toBe(false);
    await expectAccessibleAndFits(page);
  });

  it('turns a number typed into the form into the record’s own verify address', async () => {
    const { cqo } = await namedRecord();
    await page.goto(`${site.url}/verify/`);
    await page.getByRole('textbox', { name: '备案编号' }).fill(cqo.filingNo.toLowerCase());
    await page.getByRole('button', { name: '核验' }).click();
    await expect.poll(() => page.locator('#verify-state').textContent()).toContain('有效');
    expect(page.url()).toBe(`${site.url}/verify/${cqo.filingNo}/`);
  });
});

describe('the Node host', () => {
  it('answers every /verify/<备案编号>/ with the verify page', async () => {
    const res = await fetch(`${site.url}/verify/JL-CQO-2026-0001/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('id="verify-record"');

    const bare = await fetch(`${site.url}/verify/JL-CQO-2026-0001`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/verify/JL-CQO-2026-0001/');

    expect((await fetch(`${site.url}/verify/a/b/`)).status).toBe(404);
    expect((await fetch(`${site.url}/verify/`)).status).toBe(200);
  });
});

describe('statistics and open data', () => {
  it('shows the total, three charts that load and a data table for each', async () => {
    const stats = await getJson<RegistryStats>('/api/stats');
    await page.goto(`${site.url}/statistics/`);
    await expect.poll(() => page.locator('#stats-total').textContent()).toBe(String(stats.total));
    for (const key of ['city', 'type', 'month']) {
      const img = page.locator(`#chart-${key}`);
      await img.scrollIntoViewIfNeeded();
      await expect
        .poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
        .toBeGreaterThan(0);
    }
    await page.locator('#chart-city-title ~ details summary').click();
    const rows = page.locator('#table-city tbody tr');
    expect(await rows.count()).toBe(stats.byCity.length);
    expect(await rows.first().locator('th').getAttribute('scope')).toBe('row');
    expect(await page.locator('#chart-city').getAttribute('alt')).toMatch(/人数最多的是.+（\d+ 位）/);
    await expectAccessibleAndFits(page);
  });

  it('lists the public fields and offers the whole registry as CSV and JSON', async () => {
    await page.goto(`${site.url}/open-data/`);
    for (const [name, type] of [
      ['下载 CSV 文件', 'text/csv'],
      ['下载 JSON 文件', 'application/json'],
    ] as const) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      const res = await fetch(`${site.url}${href}`);
      expect(res.status, href ?? '').toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
    }
    const fields = await page.locator('table.fields tbody th code').allTextContents();
    const sample = (await getJson<PublicCqoList>('/api/cqos?pageSize=1')).items[0] as PublicCqo;
    expect(fields.sort()).toEqual(Object.keys(sample).sort());
    expect(await page.textContent('main')).toContain('来源：吉林省旅游行业首席质量官平台');
    await expectAccessibleAndFits(page);
  });

  it('links the lookup from the home page and the registry pages from the footer', async () => {
    await page.goto(`${site.url}/`);
    await page.getByRole('link', { name: '查询首席质量官' }).click();
    await expect.poll(() => page.url()).toBe(`${site.url}/lookup/`);
    const footer = page.locator('.site-footer');
    expect(await footer.getByRole('link', { name: '开放数据' }).getAttribute('href')).toBe('/open-data/');
    expect(await footer.getByRole('link', { name: '统计' }).getAttribute('href')).toBe('/statistics/');
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.getByRole('link', { name: '查询', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );
  });
});
