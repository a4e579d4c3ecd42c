/**
 * What the 备案登记表 says when a step is saved, in Chromium with axe-core: wrong answers are named beside their
 * fields and in an error summary at once (the draft is saved all the same, and a second “保存并继续” goes on),
 * one status line tells what was saved and what was not, with the time the 最后保存 line shows too, and the form
 * reads well: space under “第 N 步，共 8 步”, one label column in 核对并提交, the steps in two rows on a phone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../functions/demo/seed.ts';
import { idNumberCheckChar } from '../../src/shared/id-number.ts';
import { expectAccessibleAndFits, launchBrowser } from '../support/browser.ts';
import { offsetClock, SITE_EPOCH, startSite } from '../support/server.ts';
import { DESKTOP, PHONE, signIn } from '../support/sign-in.ts';

let site: Awaited<ReturnType<typeof startSite>>;
let browser: Browser;
/** Moves the server's clock on, so a save is not in the same minute as the draft's creation. */
let shift = 0;

beforeAll(async () => {
  const clock = offsetClock(SITE_EPOCH);
  site = await startSite({ now: () => new Date(clock().getTime() + shift) });
  await seedDemo(site.deps);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** The login of the demo enterprise that has no filing yet. */
async function enterpriseWithoutFiling(): Promise<string> {
  const filings = await site.deps.db.query.filings.findMany();
  const accounts = await site.deps.db.query.accounts.findMany();
  const account = accounts.find(
    (a) => a.enterpriseId && !filings.some((f) => f.enterpriseId === a.enterpriseId),
  );
  if (!account) throw new Error('no demo enterprise without a filing');
  return account.login;
}

const text = async (page: Page, selector: string) => (await page.locator(selector).textContent()) ?? '';
const step = (page: Page, n: number) => page.locator(`#step-${n}`);
const stepLink = (page: Page, name: RegExp) =>
  page.getByRole('navigation', { name: '填写步骤' }).getByRole('link', { name });

/** A 身份证号 whose check character is wrong. */
function wrongIdNumber(): string {
  const first17 = '22010219800115123';
  const right = idNumberCheckChar(first17);
  return first17 + (right === '0' ? '1' : '0');
}

/** Whether the elements come in this order in the page. */
function inOrder(page: Page, selectors: string[]) {
  return page.evaluate((list) => {
    const els = list.map((s) => document.querySelector(s));
    return els.every(
      (el, i) =>
        el !== null &&
        (i === 0 || (els[i - 1] as Element).compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
    );
  }, selectors);
}

describe('saving a step of the 备案登记表', () => {
  it('names each wrong answer beside its field and keeps one status with the time of the save', async () => {
    const page = await signIn(browser, site, await enterpriseWithoutFiling(), DESKTOP);
    await page.getByRole('button', { name: '新建备案' }).click();
    await page.getByRole('heading', { name: /第 1 步，共 8 步/ }).waitFor();
    const editUrl = page.url().replace(/#.*$/, '');
    shift = 61 * 60 * 1000;

    await stepLink(page, /首席质量官/).click();
    await page.getByRole('heading', { name: /第 2 步，共 8 步/ }).waitFor();
    // “第 2 步，共 8 步” stands apart from the step's name.
    const gap = await page.evaluate(() =>
      Number.parseFloat(
        getComputedStyle(document.querySelector('#step-2 .step-count') as Element).marginBottom,
      ),
    );
    expect(gap).toBeGreaterThanOrEqual(4);
    await page.getByLabel('姓名', { exact: true }).fill('刘强');
    await page.getByLabel('手机', { exact: true }).fill('1391234567');
    await page.getByLabel('电子邮箱').fill('liu@@example');
    await page.getByRole('button', { name: '保存并继续' }).click();

    // Saved, but the step stays, with each wrong answer named in the summary and beside its field.
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('第 2 步有 2 项填写有误');
    expect(await summary.textContent()).toMatch(/手机号码应为 11 位[\s\S]*电子邮箱格式不正确/);
    expect(await step(page, 2).isVisible()).toBe(true);
    expect(await text(page, '#mobile-error')).toContain('手机号码应为 11 位');
    expect(await text(page, '#email-error')).toContain('电子邮箱格式不正确');
    expect(await page.getByLabel('手机', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // The message sits between the field's label and its box, not above the label.
    expect(await inOrder(page, ['label[for="mobile"]', '#mobile-error', '#mobile'])).toBe(true);
    const status = await text(page, '#save-status');
    const time = /^已保存 (\d\d:\d\d)。第 2 步有 2 项填写有误：手机、电子邮箱。/.exec(status)?.[1];
    expect(time, status).toBeTruthy();
    expect(await text(page, '#filing-meta')).toContain(`最后保存：`);
    expect(await text(page, '#filing-meta')).toContain(` ${time}`);
    await expectAccessibleAndFits(page, 'step 2 with wrong answers');

    // Asked once: pressing again goes on (the wrong answers wait until submission).
    await page.getByRole('button', { name: '保存并继续' }).click();
    await page.getByRole('heading', { name: /第 3 步，共 8 步/ }).waitFor();

    // A wrong 身份证号码 is the one thing not saved, and the status says exactly that.
    await page.getByRole('link', { name: '上一步' }).click();
    await page.getByLabel('居民身份证号码').fill(wrongIdNumber());
    await page.getByLabel('手机', { exact: true }).fill('13912345678');
    await page.getByLabel('电子邮箱').fill('liu@example.com');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect
      .poll(() => text(page, '#save-status'))
      .toMatch(/^身份证号码有误，没有保存；其他内容已保存（\d\d:\d\d）。/);
    const idStatus = await text(page, '#save-status');
    expect(idStatus).not.toMatch(/已保存 \d\d:\d\d/);
    const savedAt = /（(\d\d:\d\d)）/.exec(idStatus)?.[1];
    expect(await text(page, '#filing-meta')).toContain(` ${savedAt}`);
    expect(await summary.textContent()).toContain('身份证号码有误，没有保存');
    expect(await page.locator('#mobile-error').count()).toBe(0);
    await expectAccessibleAndFits(page, 'step 2 with a wrong ID number');

    // 核对并提交: every part's answers in one label column.
    await stepLink(page, /核对并提交/).click();
    await page.getByRole('heading', { name: /第 8 步，共 8 步/ }).waitFor();
    await expect.poll(() => page.locator('.answers').count()).toBe(7);
    const columns = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.answers .facts dd')).map((dd) =>
        Math.round(dd.getBoundingClientRect().left),
      ),
    );
    expect(new Set(columns).size, String(columns)).toBe(1);
    await expectAccessibleAndFits(page, '核对并提交');
    await page.context().close();

    // On a phone the eight steps take at most two rows above the form.
    const phone = await signIn(browser, site, await enterpriseWithoutFilingOrSame(editUrl), PHONE);
    await phone.goto(`${editUrl}#step-2`);
    await phone.getByRole('heading', { name: /第 2 步，共 8 步/ }).waitFor();
    const rows = await phone.evaluate(
      () =>
        new Set(
          Array.from(document.querySelectorAll('.step-nav li')).map((li) =>
            Math.round(li.getBoundingClientRect().top),
          ),
        ).size,
    );
    expect(rows).toBeLessThanOrEqual(2);
    expect(await stepLink(phone, /学历与资格/).count()).toBe(1);
    await expectAccessibleAndFits(phone, 'step 2 on a phone');
    await phone.context().close();
  }, 120_000);
});

/** The enterprise whose draft `editUrl` is (the one that had no filing before this test). */
async function enterpriseWithoutFilingOrSame(editUrl: string): Promise<string> {
  const id = new URL(editUrl).searchParams.get('id');
  const filing = (await site.deps.db.query.filings.findMany()).find((f) => f.id === id);
  const account = (await site.deps.db.query.accounts.findMany()).find(
    (a) => a.enterpriseId === filing?.enterpriseId,
  );
  if (!account) throw new Error('the draft has no enterprise account');
  return account.login;
}
