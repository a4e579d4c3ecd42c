import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../src/shared/china-date.ts';
import {
  axeViolations,
  expectAccessibleAndFits,
  launchBrowser,
  sidewaysOverflow,
} from '../support/browser.ts';
import { startSite } from '../support/server.ts';

/** YYYY-MM of the month `n` months before this one in China time (the calendar the rules use). */
function monthsAgo(n: number): string {
  const { year, month } = chinaDate(new Date());
  const index = year * 12 + (month - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

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

  it('asks for the answers first, then checks eligibility and says what to do next', async () => {
    await page.goto(`${site.url}/self-check/`);
    // Nothing is answered for the visitor: an untouched form asks, it does not judge.
    expect(await page.locator('#self-check input:checked').count()).toBe(0);
    await page.getByRole('button', { name: '查看自测结果' }).click();
    const summary = page.locator('.error-summary');
    await expect.poll(() => summary.textContent()).toContain('请先回答：最高学历');
    expect(await summary.textContent()).toContain('请先回答：是否取得质量专业技术人员职业资格');
    expect(await page.locator('#result').isVisible()).toBe(false);
    expect(await page.title()).toMatch(/^错误：/);
    await expectAccessibleAndFits(page);

    await page.getByLabel('大专及以下').check();
    await page.getByLabel('中级质量专业技术人员职业资格证书').check();
    // 13 months up to this month, in China time: short of the 36 months whatever the date the test runs.
    await page.getByLabel('开始年月').fill(monthsAgo(12));
    await page.getByLabel('这段工作负责旅游服务质量管理').check();
    await page.getByRole('button', { name: '查看自测结果' }).click();
    await expect.poll(() => page.locator('#verdict').textContent()).toContain('暂不符合');
    expect(await page.locator('#rules li.unmet').count()).toBe(2);
    expect(await page.locator('#rules li.unmet h3').allTextContents()).toEqual([
      expect.stringContaining('学历'),
      expect.stringContaining('工作经验'),
    ]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('result-title');
    expect(await page.locator('.error-summary').count()).toBe(0);
    await expectAccessibleAndFits(page);

    // Exactly 36 months up to this month meet the rule (以上 includes 3 years).
    await page.getByLabel('本科').check();
    await page.getByLabel('开始年月').fill(monthsAgo(35));
    await page.getByRole('button', { name: '查看自测结果' }).click();
    await expect.poll(() => page.locator('#verdict').textContent()).toContain('三项均符合');
    expect(await page.locator('#rules li.unmet').count()).toBe(0);
    // The conditions no form can check are shown as the enterprise's own to judge.
    const own = await page.locator('li.self-assessed').allTextContents();
    expect(own).toHaveLength(3);
    for (const text of own) expect(text).toContain('请企业自行把关');
    expect(own.join()).toMatch(/法律法规.*职业道德.*沟通、协调、组织管理/);
    await expectAccessibleAndFits(page);
  });

  it('points at the wrong month when a work period ends before it starts', async () => {
    await page.goto(`${site.url}/self-check/`);
    await page.getByLabel('本科').check();
    await page.getByLabel('高级质量专业技术人员职业资格证书').check();
    await page.getByLabel('开始年月').fill(monthsAgo(2));
    await page.getByLabel('结束年月（至今请留空）').fill(monthsAgo(5));
    await page.getByRole('button', { name: '查看自测结果' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('结束年月早于开始年月');
    expect(await page.locator('#to-1').getAttribute('aria-invalid')).toBe('true');
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

describe('a reader who prints', () => {
  // A4 (210 mm) less the policy page's 22 mm side margins: 166 mm = 627 CSS px, the narrower of the two pages.
  const printWidth = Math.floor((166 / 25.4) * 96);
  const screenOnly = ['.site-header', '.site-nav', '.site-footer', '.skip-link', '.breadcrumbs'];

  for (const [path, hidden] of [
    ['/policy/', [...screenOnly, '.toc']],
    ['/duties/templates/star-hotel/', [...screenOnly, '.download', '.sample-note']],
  ] as const) {
    it(`gets ${path} on A4 without the header, navigation or contents list, and nothing wider than the paper`, async () => {
      const p = await browser.newPage({ viewport: { width: printWidth, height: 1100 }, locale: 'zh-CN' });
      await p.emulateMedia({ media: 'print' });
      await p.goto(`${site.url}${path}`);
      for (const selector of hidden) {
        expect(await p.locator(selector).count(), `${path} ${selector}`).toBeGreaterThan(0);
        expect(await p.locator(selector).first().isVisible(), `${path} ${selector}`).toBe(false);
      }
      expect(await p.locator('h1').isVisible()).toBe(true);
      expect(await sidewaysOverflow(p), `${path} is wider than A4`).toBeLessThanOrEqual(0);
      const wide = await p.evaluate(() =>
        Array.from(document.querySelectorAll('main *'))
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
      );
      expect(wide, `${path}: elements beyond the A4 text width`).toEqual([]);
      if (path.startsWith('/duties/templates/')) {
        // A printed sample template still says it is one.
        expect(await p.locator('.template .sample-mark').isVisible()).toBe(true);
        expect(await p.locator('.template .sample-mark').textContent()).toContain('示例');
      }
      await p.close();
    });
  }
});

describe('the site search when its index cannot load', () => {
  it('says so in Chinese instead of searching forever', async () => {
    const p = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    await p.route('**/pagefind/**', (route) => route.abort());
    await p.goto(`${site.url}/search/?q=${encodeURIComponent('质量')}`);
    await expect
      .poll(() => p.locator('#search-status').textContent(), { timeout: 10_000 })
      .toContain('搜索暂时无法使用');
    expect(await p.locator('#search-status').textContent()).toContain('请检查网络后刷新页面重试');
    await p.close();
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
