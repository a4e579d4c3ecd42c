/**
 * Small things that made public pages read wrong, in Chromium with axe-core: open-data field names broken
 * mid-word on a phone, the search count glued to the search box and excerpts that began with the 示例 note, and
 * a registration error that sat above its own label as if it belonged to the field before.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessibleAndFits, launchBrowser } from '../support/browser.ts';
import { startSite } from '../support/server.ts';
import { DESKTOP, PHONE } from '../support/sign-in.ts';

let site: Awaited<ReturnType<typeof startSite>>;
let browser: Browser;

beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(path: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(`${site.url}${path}`);
  return page;
}

describe('public pages', () => {
  it('keeps every open-data field name on one line on a phone', async () => {
    const page = await open('/open-data/', PHONE);
    const broken = await page.evaluate(() =>
      Array.from(document.querySelectorAll('table.fields tbody th code'))
        .filter((code) => code.getClientRects().length > 1)
        .map((code) => code.textContent),
    );
    expect(broken).toEqual([]);
    await expectAccessibleAndFits(page, 'open data on a phone');
    await page.context().close();
  });

  it('puts space between the search box and the count, and starts excerpts with the page, not the 示例 note', async () => {
    const page = await open(`/search/?q=${encodeURIComponent('投诉')}`, DESKTOP);
    await expect
      .poll(() => page.locator('#search-status').textContent(), { timeout: 15_000 })
      .toMatch(/^找到 \d+ 个/);
    const gap = await page.evaluate(() => {
      const row = document.querySelector('.search-row') as Element;
      const status = document.querySelector('#search-status') as Element;
      return status.getBoundingClientRect().top - row.getBoundingClientRect().bottom;
    });
    expect(gap).toBeGreaterThanOrEqual(8);
    const excerpts = await page.locator('#search-results li p').allTextContents();
    expect(excerpts.length).toBeGreaterThan(0);
    for (const excerpt of excerpts) expect(excerpt).not.toMatch(/^\s*示例|为示例内容，用于展示平台功能/);
    // Sample pages still say so, beside their title.
    expect(await page.locator('#search-results h2 .sample-badge').count()).toBeGreaterThan(0);
    await expectAccessibleAndFits(page, 'search results');
    await page.context().close();
  });

  it('shows a registration error under its own label, not above it', async () => {
    const page = await open('/account/register/', PHONE);
    await page.getByLabel('企业名称', { exact: true }).fill('长春测试旅行社有限公司');
    await page.getByLabel('统一社会信用代码', { exact: true }).fill('91220101MA17CQ0P4X');
    await page.getByLabel('统一社会信用代码', { exact: true }).blur();
    const error = page.locator('#uscc-error');
    await expect.poll(() => error.isVisible()).toBe(true);
    const [label, message, input, name] = (await Promise.all(
      ['label[for="uscc"]', '#uscc-error', '#uscc', '#name'].map((s) =>
        page.locator(s).evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect),
      ),
    )) as [DOMRect, DOMRect, DOMRect, DOMRect];
    expect(message.top).toBeGreaterThanOrEqual(label.bottom);
    expect(message.bottom).toBeLessThanOrEqual(input.top);
    expect(label.top).toBeGreaterThan(name.bottom);
    await expectAccessibleAndFits(page, 'registration with a wrong 统一社会信用代码');
    await page.context().close();
  });
});
