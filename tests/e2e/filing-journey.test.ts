/**
 * The whole filing journey in Chromium: an enterprise registers on a 360 px phone, fills in and submits the
 * 备案登记表, the 长春 city reviewer returns it over the 手机 field, the enterprise corrects and resubmits, and
 * city, province and market regulation take it to 已认定 with a 备案编号. Every page visited passes axe-core
 * and does not scroll sideways.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../functions/demo/seed.ts';
import { chinaDate } from '../../src/shared/china-date.ts';
import { attachmentKinds } from '../../src/shared/filings/form.ts';
import { idNumberCheckChar } from '../../src/shared/id-number.ts';
import { usccCheckChar } from '../../src/shared/uscc.ts';
import { expectAccessibleAndFits, launchBrowser } from '../support/browser.ts';
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

const statusOf = (page: Page, id: string) => page.locator(`#${id}`).textContent();

/** A valid 统一社会信用代码 of a 长春 enterprise that the demo data cannot already hold. */
function freshUscc(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '';
  for (let i = 0; i < 9; i++) body += alphabet[Math.floor(Math.random() * (i === 8 ? 10 : alphabet.length))];
  const first17 = `91220100${body}`;
  return first17 + usccCheckChar(first17);
}

/** A valid 身份证号 of a man born 40 years ago this January (aged 39 or 40 on the site's clock). */
function idNumberAged40(): string {
  const year = chinaDate(site.deps.now()).year - 40;
  // Two random digits and an odd third: the sequence code of a man.
  const seq = `${String(Math.floor(Math.random() * 100)).padStart(2, '0')}1`;
  const first17 = `220102${year}0115${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/** Today on the site's clock (startSite's, not the wall clock's: the server judges "not in the future"). */
function today(): string {
  const d = chinaDate(site.deps.now());
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

const stepHeading = (page: Page, n: number) =>
  page.getByRole('heading', { name: new RegExp(`第 ${n} 步，共 8 步`) });

/** Saves the current step and waits for the next one to be shown. */
async function saveAndContinue(page: Page, next: number) {
  await page.getByRole('button', { name: '保存并继续' }).click();
  await stepHeading(page, next).waitFor();
  await expect.poll(() => statusOf(page, 'save-status')).toMatch(/^已保存/);
}

async function login(page: Page, name: string) {
  await page.goto(`${site.url}/account/login/`);
  await expectAccessibleAndFits(page, 'login');
  await page.getByLabel('登录名', { exact: true }).fill(name);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: /^审核工作台：/ }).waitFor();
  await expect.poll(() => statusOf(page, 'queue-status')).toMatch(/共 \d+ 条备案/);
  await expectAccessibleAndFits(page, `${name}'s queue`);
}

/** From the reviewer's queue, searched by the enterprise's name (the demo data fills several pages), to the filing. */
async function openFromQueue(page: Page, enterprise: string) {
  await page.getByRole('searchbox', { name: '搜索' }).fill(enterprise);
  await page.getByRole('button', { name: '筛选', exact: true }).click();
  await expect.poll(() => statusOf(page, 'queue-status')).toContain(`搜索“${enterprise}”：共 1 条备案`);
  await expectAccessibleAndFits(page, 'queue searched by name');
  // The visually hidden “：企业名称” is positioned absolutely, so Chromium puts a space before it in the name.
  await page.getByRole('link', { name: new RegExp(`^审核\\s?：${enterprise}$`) }).click();
  await page.getByRole('heading', { name: `${enterprise}：首席质量官备案`, level: 1 }).waitFor();
  await expectAccessibleAndFits(page, 'review page');
}

/** Picks an action in the 审核操作 panel (when there is a choice), fills it in via `fill`, and confirms it. */
async function act(page: Page, choice: string, submit: string, fill?: () => Promise<void>) {
  const radio = page.getByRole('radio', { name: choice, exact: true });
  if ((await radio.count()) > 0) await radio.check();
  await fill?.();
  await expectAccessibleAndFits(page, `review page with “${choice}” chosen`);
  await page.getByRole('button', { name: submit, exact: true }).click();
  await expect.poll(() => statusOf(page, 'flash')).toContain(`已办理“${choice}”`);
  return (await statusOf(page, 'flash')) ?? '';
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

    // Step 1: 企业信息 (contact person and phone come from the account)
    expect(await ent.getByLabel('联系人', { exact: true }).inputValue()).toBe('王丽');
    await ent.getByLabel('旅行社业务经营许可证编号').fill('L-JL-CC-00123');
    await ent.getByLabel('企业地址').fill('吉林省长春市南关区人民大街 1234 号');
    await ent.getByLabel('法定代表人或主要负责人').fill('张建国');
    await expectAccessibleAndFits(ent, 'step 1');
    await saveAndContinue(ent, 2);

    // Step 2: 首席质量官
    await ent.getByLabel('姓名', { exact: true }).fill('李明远');
    await ent.getByLabel('居民身份证号码').fill(idNumberAged40());
    await expect.poll(() => statusOf(ent, 'idNumber-derived')).toMatch(/性别：男/);
    await ent.getByLabel('现任职务').fill('副总经理');
    await ent.getByLabel('手机', { exact: true }).fill('13800000000');
    await ent.getByLabel('电子邮箱').fill('liming@example.com');
    await expectAccessibleAndFits(ent, 'step 2');
    await saveAndContinue(ent, 3);

    // Step 3: 学历与资格
    await ent.getByRole('radio', { name: '本科', exact: true }).check();
    await ent.getByLabel('毕业院校').fill('吉林大学');
    await ent.getByLabel('所学专业').fill('旅游管理');
    await ent.getByRole('radio', { name: '有中级或高级职业资格证书' }).check();
    await ent.getByRole('radio', { name: '中级', exact: true }).check();
    await ent.getByLabel('证书编号', { exact: true }).fill('ZL-2019-000321');
    await ent.getByLabel('发证机关').fill('吉林省人力资源和社会保障厅');
    await ent.getByLabel('发证日期').fill('2019-06-30');
    await expectAccessibleAndFits(ent, 'step 3');
    await saveAndContinue(ent, 4);

    // Step 4: 工作经历, six years and more of quality duties
    await ent.getByLabel('开始年月').fill('2018-03');
    await ent.getByRole('checkbox', { name: '至今（仍在这家单位任职）' }).check();
    await ent.getByLabel('工作单位').fill(enterpriseName);
    await ent.getByLabel('职务', { exact: true }).fill('质量管理部经理');
    expect(await ent.getByRole('checkbox', { name: /这段工作负责旅游服务质量管理/ }).isChecked()).toBe(true);
    await ent.getByLabel('质量管理工作内容').fill('制定导游服务标准，处理游客投诉，组织服务质量检查');
    await expect.poll(() => statusOf(ent, 'experience-total')).toContain('满足“3 年以上”的要求');
    await expectAccessibleAndFits(ent, 'step 4');
    await saveAndContinue(ent, 5);

    // Step 5: 任命与职责
    await ent.getByLabel('任命日期').fill('2025-12-01');
    const duties = ent.getByRole('group', { name: '主要工作职责' }).getByRole('checkbox');
    for (let i = 0; i < 3; i++) await duties.nth(i).check();
    await ent.getByLabel('其他职责（每行一项）').fill('每季度向总经理报告服务质量情况');
    await expectAccessibleAndFits(ent, 'step 5');
    await saveAndContinue(ent, 6);

    // Step 6: 附件, one small PDF for every required kind
    for (const kind of attachmentKinds.filter((k) => k.required)) {
      const file = join(files, `${kind.code}.pdf`);
      writeFileSync(file, '%PDF-1.4\n%%EOF\n');
      await ent.getByLabel(`选择要上传的${kind.name}（可多选）`).setInputFiles(file);
      await ent
        .getByRole('list', { name: `已上传的${kind.name}` })
        .getByRole('link', { name: `${kind.code}.pdf` })
        .waitFor();
    }
    await expect.poll(() => statusOf(ent, 'attachment-announce')).toContain('已上传 1 个文件');
    await expectAccessibleAndFits(ent, 'step 6');
    await saveAndContinue(ent, 7);

    // Step 7: 声明
    await ent.getByRole('checkbox', { name: /^本企业承诺/ }).check();
    await ent.getByRole('radio', { name: '同意公开姓名', exact: true }).check();
    await expectAccessibleAndFits(ent, 'step 7');
    await saveAndContinue(ent, 8);

    // Step 8: 核对并提交
    await expect.poll(() => ent.getByRole('heading', { name: /^已满足：/, level: 4 }).count()).toBe(3);
    expect(await ent.getByRole('heading', { name: /^提交前还须完善/ }).count()).toBe(0);
    await expectAccessibleAndFits(ent, 'step 8');
    await ent.getByRole('button', { name: '提交备案' }).click();
    await ent.getByText('备案已提交，等待所属市（州）文旅部门初审').waitFor();
    expect(new URL(ent.url()).pathname).toBe('/filing/view/');
    await expectAccessibleAndFits(ent, 'view after submitting');

    // ---- 长春 returns it over the 手机 field ----
    const city = await newPage(DESKTOP);
    await login(city, 'cc-city');
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
    await login(province, 'province');
    await openFromQueue(province, enterpriseName);
    const provinceDone = await act(province, '复审通过', '确认复审通过');
    expect(provinceDone).toContain('当前状态：待培训');

    // ---- market regulation records training and recognizes ----
    const samr = await newPage(DESKTOP);
    await login(samr, 'samr');
    await openFromQueue(samr, enterpriseName);
    const trained = await act(samr, '记录培训情况', '保存培训记录', async () => {
      await samr.getByLabel('在线学时（必填）').fill('24');
      await samr.getByLabel('专题培训日期（必填）').fill(today());
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
