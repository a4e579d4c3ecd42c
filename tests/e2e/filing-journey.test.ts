/**
 * The whole filing journey in Chromium: an enterprise registers on a 360 px phone, fills in and submits the
 * 备案登记表, the 长春 city reviewer returns it over the 手机 field, the enterprise corrects and resubmits, and
 * city, province and market regulation take it to 已认定 with a 备案编号. Every page visited passes axe-core
 * and does not scroll sideways.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../functions/demo/seed.ts';
import { expectAccessibleAndFits, launchBrowser } from '../support/browser.ts';
import {
  act,
  chinaDay,
  fillAndSubmit,
  freshUscc,
  openFromQueue,
  reviewerLogin,
  statusOf,
  stepHeading,
} from '../support/filing-form.ts';
import { startSite } from '../support/server.ts';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

let site: Awaited<ReturnType<typeof startSite>>;
let browser: Browser;
let files: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  site = await startSite();
  await seedDemo(site.deps);
  browser = await launchBrowser();
  files = mkdtempSync(join(tmpdir(), 'cqo-e2e-files-'));
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await site?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

async function newPage(viewport: typeof PHONE): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  return context.newPage();
}

describe('the filing journey', () => {
  it('takes an enterprise from registration to a recognized CQO with a 备案编号, with one return on the way', async () => {
    const started = Date.now();
    const enterpriseName = `长春北湖旅行社有限公司${Date.now() % 100000}`;
    const uscc = freshUscc();
    const password = '北湖边的旅行社 2026';
    const ent = await newPage(PHONE);

    // ---- register in 长春 ----
    await ent.goto(`${site.url}/account/register/`);
    await expectAccessibleAndFits(ent, 'register');
    await ent.getByLabel('企业名称', { exact: true }).fill(enterpriseName);
    await ent.getByLabel('统一社会信用代码', { exact: true }).fill(uscc);
    await ent.getByRole('radio', { name: '旅行社', exact: true }).check();
    await ent.getByLabel('所属市州', { exact: true }).selectOption('220100');
    await ent.getByLabel('联系人', { exact: true }).fill('王丽');
    await ent.getByLabel('联系电话', { exact: true }).fill('0431-88886666');
    await ent.getByLabel('密码', { exact: true }).fill(password);
    await ent.getByLabel('确认密码', { exact: true }).fill(password);
    await ent.getByRole('button', { name: '注册并登录' }).click();

    // ---- new filing from the account page ----
    await ent.getByRole('heading', { name: `企业账号：${enterpriseName}`, level: 1 }).waitFor();
    await expectAccessibleAndFits(ent, 'account');
    await ent.getByRole('button', { name: '新建备案' }).click();
    await stepHeading(ent, 1).waitFor();
    const filingId = new URL(ent.url()).searchParams.get('id');
    expect(filingId).toBeTruthy();

    await fillAndSubmit(ent, { enterpriseName, now: site.deps.now(), files });

    // ---- 长春 returns it over the 手机 field ----
    const city = await newPage(DESKTOP);
    await reviewerLogin(city, site.url, 'cc-city');
    await openFromQueue(city, enterpriseName);
    const reason = '这是企业值班手机，请填写首席质量官本人的手机号码';
    await act(city, '退回修改', '确认退回修改', async () => {
      await city.getByRole('checkbox', { name: '手机', exact: true }).check();
      await city.getByLabel('“手机”的修改意见（必填）').fill(reason);
    });
    expect(await statusOf(city, 'flash')).toContain('当前状态：退回修改');
    const returnedBox = (await city.getByRole('region', { name: '上次退回的修改意见' }).textContent()) ?? '';
    expect(returnedBox).toContain(`手机：${reason}`);
    expect(returnedBox).toContain('等待企业按以下意见修改后重新提交');

    // ---- the enterprise sees the reason beside 手机, corrects it and resubmits ----
    await ent.reload();
    await ent.getByRole('heading', { name: '退回修改的意见' }).waitFor();
    expect(await ent.getByRole('region', { name: '退回修改的意见' }).textContent()).toContain(
      `手机：${reason}`,
    );
    await expectAccessibleAndFits(ent, 'view of the returned filing');
    await ent.getByRole('link', { name: '按意见修改并重新提交' }).click();
    await ent.getByRole('heading', { name: '审核人员退回了这份备案，请按意见修改后重新提交' }).waitFor();
    await expectAccessibleAndFits(ent, 'edit page of the returned filing');
    await ent.getByRole('link', { name: `手机：${reason}` }).click();
    const mobile = ent.getByLabel('手机', { exact: true });
    await stepHeading(ent, 2).waitFor();
    expect(await mobile.evaluate((el) => el === document.activeElement)).toBe(true);
    const described = await mobile.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(described).toContain(`审核意见：${reason}`);
    expect(await ent.getByText(`审核意见：${reason}`).isVisible()).toBe(true);
    await expectAccessibleAndFits(ent, 'step 2 with the return reason');
    await mobile.fill('13912345678');
    await ent
      .getByRole('navigation', { name: '填写步骤' })
      .getByRole('link', { name: /核对并提交/ })
      .click();
    await stepHeading(ent, 8).waitFor();
    await expect.poll(() => statusOf(ent, 'save-status')).toMatch(/^已保存/);
    expect(await ent.getByRole('region', { name: '2. 首席质量官' }).textContent()).toContain('13912345678');
    await expectAccessibleAndFits(ent, 'step 8 before resubmitting');
    await ent.getByRole('button', { name: '提交备案' }).click();
    await ent.getByText('备案已提交，等待所属市（州）文旅部门初审').waitFor();

    // ---- 长春 approves ----
    await city.goto(`${site.url}/review/`);
    await expect.poll(() => statusOf(city, 'queue-status')).toMatch(/共 \d+ 条备案/);
    await expectAccessibleAndFits(city, 'cc-city queue after resubmission');
    await openFromQueue(city, enterpriseName);
    expect(await city.getByRole('region', { name: '审核记录表' }).textContent()).toContain(reason);
    const cityDone = await act(city, '初审通过', '确认初审通过');
    expect(cityDone).toContain('当前状态：待复审');

    // ---- the province approves ----
    const province = await newPage(DESKTOP);
    await reviewerLogin(province, site.url, 'province');
    await openFromQueue(province, enterpriseName);
    const provinceDone = await act(province, '复审通过', '确认复审通过');
    expect(provinceDone).toContain('当前状态：待培训');

    // ---- market regulation records training and recognizes ----
    const samr = await newPage(DESKTOP);
    await reviewerLogin(samr, site.url, 'samr');
    await openFromQueue(samr, enterpriseName);
    const trained = await act(samr, '记录培训情况', '保存培训记录', async () => {
      await samr.getByLabel('在线学时（必填）').fill('24');
      await samr.getByLabel('专题培训日期（必填）').fill(chinaDay(site.deps.now()));
      await samr.getByRole('radio', { name: '合格', exact: true }).check();
    });
    expect(trained).toContain('当前状态：培训合格，待认定');
    const recognized = await act(samr, '认定并发放备案编号', '认定并发放备案编号', async () => {
      await samr.getByRole('checkbox', { name: /确认认定/ }).check();
    });
    const issued = /备案编号：(\S+?)。/.exec(recognized)?.[1];
    expect(issued).toMatch(/^JL-CQO-\d{4}-\d{4}$/);
    await expectAccessibleAndFits(samr, 'review page after recognition');

    // ---- the enterprise sees 已认定 and the 备案编号 ----
    await ent.goto(`${site.url}/filing/view/?id=${encodeURIComponent(filingId ?? '')}`);
    await ent.getByRole('heading', { name: /^首席质量官备案详情：李明远/ }).waitFor();
    const state = ent.getByRole('region', { name: '办理状态' });
    const stateText = (await state.textContent()) ?? '';
    expect(stateText).toContain('状态已认定');
    const shown = /备案编号(JL-CQO-\d{4}-\d{4})/.exec(stateText)?.[1];
    expect(shown).toMatch(/^JL-CQO-\d{4}-\d{4}$/);
    expect(shown).toBe(issued);
    await expectAccessibleAndFits(ent, 'view of the recognized filing');

    // ---- the CQO withdraws consent to publish the name, after a confirmation step ----
    await ent.getByRole('button', { name: '撤回公开姓名的同意' }).click();
    await ent.getByRole('heading', { name: '确定撤回公开姓名的同意吗？' }).waitFor();
    await expectAccessibleAndFits(ent, 'confirming the withdrawal of consent');
    await ent.getByRole('button', { name: '确认撤回同意' }).click();
    await expect.poll(() => statusOf(ent, 'action-status')).toContain('已撤回公开姓名的同意');
    expect(await ent.getByRole('region', { name: '首席质量官', exact: true }).textContent()).toContain(
      '已撤回同意',
    );
    expect(await ent.getByRole('button', { name: '撤回公开姓名的同意' }).isVisible()).toBe(false);
    await expectAccessibleAndFits(ent, 'view after withdrawing consent');

    // ---- the A4 登记表 to print, stamp and keep ----
    await ent.goto(`${site.url}/filing/print/?id=${encodeURIComponent(filingId ?? '')}`);
    await expect.poll(() => ent.locator('main').textContent()).toContain('李明远');
    expect(await ent.locator('main').textContent()).not.toMatch(/\b\d{17}[\dX]\b/);
    await expectAccessibleAndFits(ent, 'print view of the 登记表');

    // A budget, not a benchmark: generous enough for a slow CI machine, still catching a page that hangs.
    expect(Date.now() - started, 'the journey takes under three minutes').toBeLessThan(180_000);
  }, 300_000);
});
