/**
 * The inbox, in Chromium with axe-core: a demo enterprise with news (the seed's workflow notifies) sees 消息 with its unread
 * count on a content page, opens the inbox (newest first, unread ones said in words), marks one and then all
 * read, and the header's count goes with them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../functions/demo/seed.ts';
import { expectAccessibleAndFits, launchBrowser } from '../support/browser.ts';
import { startSite } from '../support/server.ts';
import { DESKTOP, PHONE, signIn } from '../support/sign-in.ts';

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

/** A demo enterprise with unread messages (the seed goes through the real workflow, which notifies). */
async function enterpriseWithNews(): Promise<string> {
  const accounts = await site.deps.db.query.accounts.findMany();
  const news = await site.deps.db.query.notifications.findMany();
  const account = accounts.find(
    (a) => a.role === 'enterprise' && news.some((n) => n.accountId === a.id && n.inbox && n.readAt === null),
  );
  if (!account) throw new Error('no demo enterprise with unread messages');
  return account.login;
}

const inboxLink = (page: Page) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: /^消息/ });

/** The unread count the header shows, once it has come (0 when the badge is empty). */
async function badge(page: Page): Promise<number> {
  await inboxLink(page).waitFor();
  return Number((await page.locator('#nav-inbox-count').textContent()) || 0);
}

describe('the inbox', () => {
  it('shows the unread count in the header and lets the enterprise read and mark its messages', async () => {
    const login = await enterpriseWithNews();
    const page = await signIn(browser, site, login, DESKTOP);
    await page.goto(`${site.url}/policy/`);
    const unread = await badge(page);
    expect(unread).toBeGreaterThan(0);
    expect(await inboxLink(page).textContent()).toContain(`${unread} 条未读`);
    expect(await inboxLink(page).getAttribute('href')).toBe('/account/inbox/');
    await expectAccessibleAndFits(page, 'a content page with the unread count');

    await inboxLink(page).click();
    await page.getByRole('heading', { name: '消息', level: 1 }).waitFor();
    await expect.poll(() => page.locator('#inbox-status').textContent()).toMatch(/其中 \d+ 条未读/);
    expect(await inboxLink(page).getAttribute('aria-current')).toBe('page');
    const unreadCards = page.locator('#inbox .message').filter({ hasText: '【未读】' });
    expect(await unreadCards.count()).toBe(unread);
    const times = await page.locator('#inbox .meta').allTextContents();
    expect(times.length).toBeGreaterThan(0);
    expect(times[0]).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    await expectAccessibleAndFits(page, 'inbox at 1280 px');

    await page.setViewportSize(PHONE);
    await expectAccessibleAndFits(page, 'inbox at 360 px');

    if (unread > 1) {
      await unreadCards
        .first()
        .getByRole('button', { name: /^标为已读/ })
        .click();
      await expect.poll(() => badge(page)).toBe(unread - 1);
      expect(await unreadCards.count()).toBe(unread - 1);
    }

    await page.getByRole('button', { name: '全部标为已读' }).click();
    await expect.poll(() => page.locator('#inbox-status').textContent()).toMatch(/已全部标为已读/);
    expect(await badge(page)).toBe(0);
    expect(await page.locator('#nav-inbox-count').isVisible()).toBe(false);
    expect(await unreadCards.count()).toBe(0);
    expect(await page.getByRole('button', { name: '全部标为已读' }).isVisible()).toBe(false);
    await expectAccessibleAndFits(page, 'inbox, all read, at 360 px');

    // Another page's header agrees: nothing unread.
    await page.goto(`${site.url}/cases/`);
    expect(await badge(page)).toBe(0);
    expect(await inboxLink(page).textContent()).not.toContain('未读');
    await page.context().close();
  });

  it('works for a reviewer too, with the inbox as the current page instead of the workspace', async () => {
    const page = await signIn(browser, site, 'cc-city');
    await page.goto(`${site.url}/account/inbox/`);
    await expect.poll(() => page.locator('#inbox-status').textContent()).toMatch(/消息/);
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.getByRole('link', { name: '审核工作台' }).getAttribute('aria-current')).toBeNull();
    await expectAccessibleAndFits(page, 'a reviewer inbox');
    await page.context().close();
  });
});
