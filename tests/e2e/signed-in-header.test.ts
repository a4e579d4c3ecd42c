/**
 * Every page's header says who is signed in, in Chromium with axe-core: the enterprise, a reviewer and the admin
 * each see their name and role, a link to their own workspace (current on its pages) instead of 登录, and
 * 退出登录 — on their workspace and on content pages alike. Anonymous visitors get content pages without any
 * script, and 登录 is the current page only where one signs in.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../functions/demo/seed.ts';
import { expectAccessibleAndFits, launchBrowser } from '../support/browser.ts';
import { startSite } from '../support/server.ts';
import { DESKTOP, demoFiling, PHONE, signIn } from '../support/sign-in.ts';

let site: Awaited<ReturnType<typeof startSite>>;
let browser: Browser;

beforeAll(async () => {
  site = await startSite();
  await seedDemo(site.deps);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const nav = (page: Page) => page.getByRole('navigation', { name: '主导航' });
const who = (page: Page) => page.locator('#signed-in');

/** The header shows `role` signed in, with `workspace` as the account's link (current or not) and no 登录. */
async function expectSignedIn(page: Page, role: RegExp, workspace: string, current: boolean) {
  await expect.poll(() => who(page).isVisible()).toBe(true);
  expect(await who(page).textContent()).toMatch(role);
  const link = nav(page).getByRole('link', { name: workspace, exact: true });
  expect(await link.getAttribute('aria-current')).toBe(current ? 'page' : null);
  expect(await nav(page).getByRole('link', { name: '登录', exact: true }).count()).toBe(0);
  expect(await page.getByRole('button', { name: '退出登录' }).count()).toBe(1);
  // The 消息 link to the inbox, with its unread count (tests/e2e/notifications-inbox.test.ts).
  await expect.poll(() => nav(page).getByRole('link', { name: /^消息/ }).isVisible()).toBe(true);
  expect(await nav(page).getByRole('link', { name: /^消息/ }).getAttribute('href')).toBe('/account/inbox/');
}

describe('the header', () => {
  it('shows anonymous visitors 登录, current only on the login page, and no script on content pages', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${site.url}/policy/`);
    expect(await page.locator('script').count()).toBe(0);
    expect(await nav(page).getByRole('link', { name: '登录' }).getAttribute('aria-current')).toBeNull();
    expect(await who(page).isVisible()).toBe(false);
    await page.goto(`${site.url}/account/login/`);
    expect(await nav(page).getByRole('link', { name: '登录' }).getAttribute('aria-current')).toBe('page');
    await expectAccessibleAndFits(page, 'login page');
    await context.close();
  });

  it('shows the enterprise its account on its own pages and on content pages, and signs it out', async () => {
    const { login, enterpriseName } = await demoFiling(site, 'submitted');
    const page = await signIn(browser, site, login, PHONE);
    await page.getByRole('heading', { name: `企业账号：${enterpriseName}` }).waitFor();
    await expectSignedIn(page, new RegExp(`当前登录：${enterpriseName} · 旅游企业`), '企业账号', true);
    await expectAccessibleAndFits(page, 'account home, signed-in header');

    await page.goto(`${site.url}/cases/`);
    await expectSignedIn(page, /旅游企业/, '企业账号', false);
    expect(await nav(page).getByRole('link', { name: '优秀案例' }).getAttribute('aria-current')).toBe('page');
    await expectAccessibleAndFits(page, 'a content page, signed in');

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${site.url}/`);
    expect(await nav(page).getByRole('link', { name: '登录', exact: true }).isVisible()).toBe(true);
    expect(await who(page).isVisible()).toBe(false);
    expect(await page.locator('script').count()).toBe(0);
    await page.context().close();
  });

  it('shows a reviewer 审核工作台 and the admin 管理, each current on its own pages', async () => {
    const reviewer = await signIn(browser, site, 'cc-city');
    await reviewer.getByRole('heading', { name: /^审核工作台：/ }).waitFor();
    await expectSignedIn(
      reviewer,
      /当前登录：长春市文旅部门审核员（演示） · 市（州）文旅部门（长春市）/,
      '审核工作台',
      true,
    );
    await expectAccessibleAndFits(reviewer, 'review queue, signed-in header');
    await reviewer.goto(`${site.url}/forums/`);
    await expectSignedIn(reviewer, /市（州）文旅部门/, '审核工作台', false);
    await reviewer.context().close();

    const admin = await signIn(browser, site, 'admin', PHONE);
    await admin.goto(`${site.url}/admin/events/`);
    await expectSignedIn(admin, /系统管理员/, '管理', true);
    await expectAccessibleAndFits(admin, 'events admin, signed-in header');
    await admin.goto(`${site.url}/policy/`);
    await expectSignedIn(admin, /系统管理员/, '管理', false);
    await expectAccessibleAndFits(admin, 'policy page, admin signed in');
    await admin.context().close();
  });
});
