import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, expectAccessibleAndFits, launchBrowser } from '../support/browser.ts';
import { startSite } from '../support/server.ts';

let site: Awaited<ReturnType<typeof startSite>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('a member of the public on a 360 px phone', () => {
  it('goes from the home page to the policy, a case and a search that finds the notice', async () => {
    await page.goto(`${site.url}/`);
    expect(await page.title()).toBe('吉林省旅游行业首席质量官平台');
    await expectAccessibleAndFits(page);

    await page.getByRole('link', { name: '阅读通知原文' }).click();
    await expect.poll(() => page.url()).toMatch(/\/policy\/$/);
    await expect.poll(() => page.locator('h1').textContent()).toContain('首席质量官制度的通知');
    expect(await page.locator('#part-2-2').textContent()).toContain('具备大学本科及以上学历');
    await expectAccessibleAndFits(page);

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '优秀案例' }).click();
    await page.locator('.cards a').first().click();
    await expect.poll(() => page.locator('.sample-note').count()).toBeGreaterThan(0);
    await expectAccessibleAndFits(page);

    await page.goto(`${site.url}/search/`);
    await page.getByLabel('搜索政策原文、职责清单、案例和活动').fill('网络学院');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 15_000 })
      .toMatch(/找到 \d+ 个/);
    expect(page.url()).toContain('?q=');
    expect(
      await page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ).toContain('/policy/');
    await expectAccessibleAndFits(page);
  });

  it('filters cases by type, city and topic without JavaScript', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 740 },
    });
    const p = await context.newPage();
    await p.goto(`${site.url}/cases/`);
    const total = await p.locator('.cards > li').count();
    await p
      .getByRole('navigation', { name: '筛选案例' })
      .getByRole('link', { name: /星级旅游饭店/ })
      .click();
    await p.waitForURL(/\/cases\/f\/star_hotel\/all\/all\/$/);
    const hotels = await p.locator('.cards > li').count();
    expect(hotels).toBeGreaterThan(0);
    expect(hotels).toBeLessThan(total);
    expect(await p.getByRole('status').textContent()).toContain(`共 ${hotels} 个案例`);
    const filtered = p.url();
    await context.close();
    // axe needs script, so the filtered page is checked in the ordinary context.
    await page.goto(filtered);
    await expectAccessibleAndFits(page);
  });

  it('checks eligibility in the self-check and says what to do next', async () => {
    await page.goto(`${site.url}/self-check/`);
    await page.getByLabel('大专及以下').check();
    await page.getByLabel('开始年月').fill('2024-01');
    await page.getByRole('button', { name: '查看自测结果' }).click();
    await expect.poll(() => page.locator('#verdict').textContent()).toContain('暂不符合');
    expect(await page.locator('#rules li.unmet').count()).toBe(2);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('result-title');
    await expectAccessibleAndFits(page);
  });

  it('finds every other page type accessible', async () => {
    for (const path of [
      '/duties/',
      '/duties/templates/star-hotel/',
      '/forums/',
      '/filing/',
      '/accessibility/',
      '/no-such-page/',
    ]) {
      await page.goto(`${site.url}${path}`);
      await expectAccessibleAndFits(page);
    }
    await page.goto(`${site.url}/forums/`);
    await page.locator('.cards a').first().click();
    await expectAccessibleAndFits(page);
  });
});

describe('the accessibility check itself', () => {
  it('reports a form field without a label, so a clean page means something', async () => {
    const p = await browser.newPage();
    await p.setContent(
      '<html lang="zh-CN"><head><title>检查</title></head><body><main><h1>表单</h1><input type="text"></main></body></html>',
    );
    expect((await axeViolations(p)).join('\n')).toMatch(/label/);
    await p.close();
  });
});
