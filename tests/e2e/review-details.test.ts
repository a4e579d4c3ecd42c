/**
 * The reviewers' and organizers' pages, in Chromium with axe-core: a training record with too few hours says why
 * it stays 待培训 before and after saving (and the enterprise does not see a final-looking 合格), a re-uploaded
 * attachment shows which file counts, one name per thing on both sides (首次备案, 不分等级, no 等级 to send back
 * for a 旅行社), and the tables fit at 1280 px and 360 px without hiding a column.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, submitDemoFiling } from '../../functions/demo/seed.ts';
import { random } from '../../functions/demo/synthetic.ts';
import { act } from '../../functions/filings/service.ts';
import { expectAccessibleAndFits, launchBrowser } from '../support/browser.ts';
import { startSite } from '../support/server.ts';
import { DESKTOP, demoAccount, demoFiling, PHONE, signIn } from '../support/sign-in.ts';

let site: Awaited<ReturnType<typeof startSite>>;
let browser: Browser;
let files: string;

beforeAll(async () => {
  site = await startSite();
  await seedDemo(site.deps);
  browser = await launchBrowser();
  files = mkdtempSync(join(tmpdir(), 'cqo-e2e-review-'));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

async function reviewPage(login: string, id: string, viewport = DESKTOP): Promise<Page> {
  const page = await signIn(browser, site, login, viewport);
  await page.goto(`${site.url}/review/filing/?id=${encodeURIComponent(id)}`);
  await page.getByRole('heading', { name: /：首席质量官备案$/, level: 1 }).waitFor();
  return page;
}

/** Every table in `scope` shows all its columns: nothing to scroll sideways, the last header inside its box. */
async function expectTablesFit(page: Page, scope: string, what: string) {
  const overflow = await page.locator(scope).evaluateAll((boxes) =>
    boxes.flatMap((box) => {
      const last = box.querySelector('thead th:last-child');
      const right = last ? last.getBoundingClientRect().right : 0;
      const visible = last && last.getBoundingClientRect().width > 0;
      const cut = visible && right > box.getBoundingClientRect().right + 1;
      return box.scrollWidth > box.clientWidth || cut ? [box.getAttribute('aria-label')] : [];
    }),
  );
  expect(overflow, what).toEqual([]);
}

const cellTexts = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((cells) => cells.map((c) => c.textContent?.trim() ?? ''));

describe('recording training with too few hours', () => {
  it('says before and after saving why it stays 待培训, and the enterprise sees no final-looking 合格', async () => {
    const { id, login } = await demoFiling(site, 'awaiting_training');
    const samr = await reviewPage('samr', id);
    const choice = samr.getByRole('radio', { name: '记录培训情况', exact: true });
    if ((await choice.count()) > 0) await choice.check();
    await samr.getByLabel('在线学时').fill('12');
    await samr.getByLabel('专题培训日期').fill('2026-11-20');
    await samr.getByRole('radio', { name: '合格', exact: true }).check();
    const outcome = samr.locator('#record_training-outcome');
    await expect.poll(() => outcome.textContent()).toContain('按此记录，备案仍为“待培训”');
    expect(await outcome.textContent()).toContain('在线学时 12 学时，不足 20 学时（还差 8 学时）');
    await expectAccessibleAndFits(samr, 'training record with 12 hours');
    await samr.getByRole('button', { name: '保存培训记录' }).click();
    const flash = samr.locator('#flash');
    await expect.poll(() => flash.textContent()).toContain('已办理“记录培训情况”。当前状态：待培训。');
    expect(await flash.textContent()).toContain('不足 20 学时（还差 8 学时）');
    expect(await flash.getAttribute('class')).toContain('warn');
    expect(await cellTexts(samr, 'section:has(#s-training) tbody td .cell-value')).toContain(
      '合格，但在线学时不足 20 学时，培训未完成',
    );
    // The audit history, with the longest names and reasons, shows every column at desktop width and on a phone.
    await expectTablesFit(samr, '.table-scroll', 'review page at 1280 px');
    await expectAccessibleAndFits(samr, 'review page after the record');
    const phone = await reviewPage('samr', id, PHONE);
    await expectTablesFit(phone, '.table-scroll', 'review page at 360 px');
    expect(
      await phone.locator('section:has(#s-history) .cell-label', { hasText: '说明' }).first().isVisible(),
    ).toBe(true);
    await expectAccessibleAndFits(phone, 'review page on a phone');

    await act(site.deps, await demoAccount(site, 'samr'), id, {
      action: 'record_training',
      onlineHours: 24,
      date: '2026-11-27',
      passed: true,
    });
    const owner = await signIn(browser, site, login);
    await owner.goto(`${site.url}/filing/view/?id=${encodeURIComponent(id)}`);
    await owner.locator('#training tbody tr').nth(1).waitFor();
    const results = await cellTexts(owner, '#training tbody td:nth-child(3)');
    expect(results).toEqual(['合格，但在线学时不足 20 学时，培训未完成', '合格，培训完成']);
    expect(await owner.locator('#training').textContent()).toContain('24 学时（已达到 20 学时）');
    await expectAccessibleAndFits(owner, 'the enterprise’s training record');
  });
});

describe('the events list', () => {
  it('shows every column, 剩余 included, at 1280 px and 360 px', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const admin = await signIn(browser, site, 'admin', viewport);
      await admin.goto(`${site.url}/admin/events/`);
      await admin.locator('#events table tbody tr').first().waitFor();
      await expectTablesFit(admin, '#events', `events at ${viewport.width} px`);
      const left = admin.locator('#events tbody tr').first().locator('td').nth(5);
      expect(await left.textContent()).toMatch(/剩余|^\d+$/);
      await expectAccessibleAndFits(admin, `events at ${viewport.width} px`);
      await admin.context().close();
    }
  });
});

describe('a re-uploaded attachment', () => {
  it('comes first in its kind, marked as the file that counts, with the replaced one marked too', async () => {
    const { id, login } = await demoFiling(site, 'submitted', 'star_hotel');
    const returned = await act(site.deps, await demoAccount(site, 'cc-city'), id, {
      action: 'city_return',
      reasons: { attachments: '任命文件未加盖公章，请重新上传' },
    });
    expect(returned.ok).toBe(true);
    const owner = await signIn(browser, site, login);
    await owner.goto(`${site.url}/filing/edit/?id=${encodeURIComponent(id)}#step-6`);
    const path = join(files, '任命文件（盖章）.pdf');
    writeFileSync(path, '%PDF-1.4\n%%EOF\n');
    await owner.getByLabel('选择要上传的任命文件（可多选）').setInputFiles(path);
    const rows = owner.locator('.attachment[data-kind="appointment"] [data-files] li');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toMatch(/任命文件（盖章）\.pdf[\s\S]*当前文件/);
    expect(await rows.nth(1).textContent()).toMatch(/appointment\.pdf[\s\S]*已被替换/);
    await expectAccessibleAndFits(owner, 'step 6 after uploading again');
    await owner
      .getByRole('navigation', { name: '填写步骤' })
      .getByRole('link', { name: /核对并提交/ })
      .click();
    await owner.getByRole('button', { name: '提交备案' }).click();
    await owner.waitForURL(/\/filing\/view\//);
    const group = owner.locator('.file-groups > li', { hasText: '任命文件' });
    await expect.poll(() => group.locator('li').count()).toBe(2);
    expect(await group.locator('li').nth(0).textContent()).toContain('当前文件');
    expect(await group.locator('li').nth(1).textContent()).toContain('已被替换');

    const city = await reviewPage('cc-city', id);
    const kind = city.locator('section:has(#s-attachments) dd', { hasText: 'appointment.pdf' });
    const items = await kind.locator('li').allTextContents();
    expect(items[0]).toMatch(/当前文件[\s\S]*任命文件（盖章）\.pdf/);
    expect(items[1]).toMatch(/已被替换[\s\S]*appointment\.pdf/);
    await expectAccessibleAndFits(city, 'review page with a replaced attachment');
  });
});

describe('names on both sides', () => {
  it('calls a 旅行社 filing 首次备案 with 不分等级 for enterprise and reviewer, and never offers its 等级 for return', async () => {
    const account = await site.deps.db.query.accounts.findMany();
    const filings = await site.deps.db.query.filings.findMany();
    const agency = account.find(
      (a) => a.enterpriseId && !filings.some((f) => f.enterpriseId === a.enterpriseId),
    );
    if (!agency) throw new Error('no demo enterprise without a filing');
    const me = await demoAccount(site, agency.login);
    const id = await submitDemoFiling(site.deps, me, random(26), '220100', 'travel_agency');

    const owner = await signIn(browser, site, agency.login);
    await owner.getByRole('heading', { name: /^企业账号：/ }).waitFor();
    expect(await owner.locator('#filing-list h3').first().textContent()).toMatch(/^首次备案/);
    expect(await owner.locator('#enterprise-facts').textContent()).toContain('等级不分等级');

    const city = await reviewPage('cc-city', id);
    expect(await city.locator('#filing').textContent()).toContain('备案类型首次备案');
    expect(await city.locator('section:has(#s-enterprise)').textContent()).toContain('等级不分等级');
    await city.getByRole('radio', { name: '退回修改', exact: true }).check();
    const picks = city.getByRole('group', { name: '需要企业修改的项目（至少选择一项）' });
    expect(await picks.getByRole('checkbox', { name: '等级', exact: true }).count()).toBe(0);
    expect(await picks.getByRole('checkbox', { name: '旅行社业务经营许可证编号' }).count()).toBe(1);
    await expectAccessibleAndFits(city, 'return checklist of a 旅行社');

    const { id: hotelId } = await demoFiling(site, 'city_approved');
    const province = await reviewPage('province', hotelId);
    await province.getByRole('radio', { name: '退回修改', exact: true }).check();
    const hotelPicks = province.getByRole('group', { name: '需要企业修改的项目（至少选择一项）' });
    expect(await hotelPicks.getByRole('checkbox', { name: '等级', exact: true }).count()).toBe(1);
    expect(await hotelPicks.getByRole('checkbox', { name: '旅行社业务经营许可证编号' }).count()).toBe(0);
  });
});
