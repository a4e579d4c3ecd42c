/** Signing in to a started site in Chromium, and finding the demo data's filings, for the browser tests. */
import type { Browser, Page } from 'playwright-core';
import { findAccountByLogin } from '../../db/queries/accounts/accounts.ts';
import { DEMO_PASSWORD } from '../../functions/demo/seed.ts';
import type { startSite } from './server.ts';

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

type Site = Awaited<ReturnType<typeof startSite>>;

/** A new browser context at `viewport`, signed in as `login` through the login page, on the page it lands on. */
export async function signIn(
  browser: Browser,
  site: Site,
  login: string,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(`${site.url}/account/login/`);
  await page.getByLabel('登录名', { exact: true }).fill(login);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/account/login/'));
  return page;
}

/** An account of the demo data, as the domain functions take it. */
export async function demoAccount(site: Site, login: string) {
  const account = await findAccountByLogin(site.deps.db, login);
  if (!account) throw new Error(`no demo account ${login}`);
  return { ...account, sessionId: 'e2e' };
}

/** A demo filing in `status` whose enterprise has a login (and that login), optionally of one enterprise type. */
export async function demoFiling(site: Site, status: string, type?: string) {
  const filings = await site.deps.db.query.filings.findMany();
  const accounts = await site.deps.db.query.accounts.findMany();
  for (const f of filings.filter((x) => x.status === status && (!type || x.enterpriseType === type))) {
    const account = accounts.find((a) => a.enterpriseId === f.enterpriseId);
    if (account) return { id: f.id, login: account.login, enterpriseName: f.enterpriseName };
  }
  throw new Error(`no demo enterprise with a ${status} filing`);
}
