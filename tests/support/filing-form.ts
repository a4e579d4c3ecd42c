/**
 * The 备案登记表 as an enterprise fills it in a browser, step by step, and the reviewers' workbench: signing in,
 * finding a filing in the queue and taking an action on it. For the browser tests (tests/e2e).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../functions/demo/seed.ts';
import { chinaDate } from '../../src/shared/china-date.ts';
import { attachmentKinds } from '../../src/shared/filings/form.ts';
import { idNumberCheckChar } from '../../src/shared/id-number.ts';
import { expectAccessibleAndFits } from './browser.ts';
import { usccOf } from './enterprises.ts';

/** The text of the element with this id (status lines, flashes). */
export const statusOf = (page: Page, id: string) => page.locator(`#${id}`).textContent();

/** A valid 统一社会信用代码 of a 长春 enterprise that the demo data cannot already hold. */
export function freshUscc(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '';
  for (let i = 0; i < 9; i++) body += alphabet[Math.floor(Math.random() * (i === 8 ? 10 : alphabet.length))];
  return usccOf(`91220100${body}`);
}

/** A valid 身份证号 of a man born 40 years ago this January (aged 39 or 40 on the site's clock). */
function idNumberAged40(now: Date): string {
  const year = chinaDate(now).year - 40;
  // Two random digits and an odd third: the sequence code of a man.
  const seq = `${String(Math.floor(Math.random() * 100)).padStart(2, '0')}1`;
  const first17 = `220102${year}0115${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/** The day `now` falls on in China, as the date inputs take it (the server judges "not in the future"). */
export function chinaDay(now: Date): string {
  const d = chinaDate(now);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export const stepHeading = (page: Page, n: number) =>
  page.getByRole('heading', { name: new RegExp(`第 ${n} 步，共 8 步`) });

/** Saves the current step and waits for the next one to be shown. */
export async function saveAndContinue(page: Page, next: number) {
  await page.getByRole('button', { name: '保存并继续' }).click();
  await stepHeading(page, next).waitFor();
  await expect.poll(() => statusOf(page, 'save-status')).toMatch(/^已保存/);
}

/** Steps 1 and 2: the enterprise (contact person and phone come from the account) and the CQO. */
async function enterpriseAndCqo(ent: Page, now: Date) {
  expect(await ent.getByLabel('联系人', { exact: true }).inputValue()).toBe('王丽');
  await ent.getByLabel('旅行社业务经营许可证编号').fill('L-JL-CC-00123');
  await ent.getByLabel('企业地址').fill('吉林省长春市南关区人民大街 1234 号');
  await ent.getByLabel('法定代表人或主要负责人').fill('张建国');
  await expectAccessibleAndFits(ent, 'step 1');
  await saveAndContinue(ent, 2);

  await ent.getByLabel('姓名', { exact: true }).fill('李明远');
  await ent.getByLabel('居民身份证号码').fill(idNumberAged40(now));
  await expect.poll(() => statusOf(ent, 'idNumber-derived')).toMatch(/性别：男/);
  await ent.getByLabel('现任职务').fill('副总经理');
  await ent.getByLabel('手机', { exact: true }).fill('13800000000');
  await ent.getByLabel('电子邮箱').fill('liming@example.com');
  await expectAccessibleAndFits(ent, 'step 2');
  await saveAndContinue(ent, 3);
}

/** Steps 3 to 5: degree and qualification, six years and more of quality duties, appointment and duties. */
async function qualificationsAndDuties(ent: Page, enterpriseName: string) {
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

  await ent.getByLabel('开始年月').fill('2018-03');
  await ent.getByRole('checkbox', { name: '至今（仍在这家单位任职）' }).check();
  await ent.getByLabel('工作单位').fill(enterpriseName);
  await ent.getByLabel('职务', { exact: true }).fill('质量管理部经理');
  expect(await ent.getByRole('checkbox', { name: /这段工作负责旅游服务质量管理/ }).isChecked()).toBe(true);
  await ent.getByLabel('质量管理工作内容').fill('制定导游服务标准，处理游客投诉，组织服务质量检查');
  await expect.poll(() => statusOf(ent, 'experience-total')).toContain('满足“3 年以上”的要求');
  await expectAccessibleAndFits(ent, 'step 4');
  await saveAndContinue(ent, 5);

  await ent.getByLabel('任命日期').fill('2025-12-01');
  const duties = ent.getByRole('group', { name: '主要工作职责' }).getByRole('checkbox');
  for (let i = 0; i < 3; i++) await duties.nth(i).check();
  await ent.getByLabel('其他职责（每行一项）').fill('每季度向总经理报告服务质量情况');
  await expectAccessibleAndFits(ent, 'step 5');
  await saveAndContinue(ent, 6);
}

/** Steps 6 to 8: one small PDF (written to `files`) for every required kind, the declarations, submission. */
async function attachDeclareSubmit(ent: Page, files: string) {
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

  await ent.getByRole('checkbox', { name: /^本企业承诺/ }).check();
  await ent.getByRole('radio', { name: '同意公开姓名', exact: true }).check();
  await expectAccessibleAndFits(ent, 'step 7');
  await saveAndContinue(ent, 8);

  await expect.poll(() => ent.getByRole('heading', { name: /^已满足：/, level: 4 }).count()).toBe(3);
  expect(await ent.getByRole('heading', { name: /^提交前还须完善/ }).count()).toBe(0);
  await expectAccessibleAndFits(ent, 'step 8');
  await ent.getByRole('button', { name: '提交备案' }).click();
  await ent.getByText('备案已提交，等待所属市（州）文旅部门初审').waitFor();
  expect(new URL(ent.url()).pathname).toBe('/filing/view/');
  await expectAccessibleAndFits(ent, 'view after submitting');
}

/** Fills in all eight steps of a new filing of the 长春 travel agency `enterpriseName` and submits it. */
export async function fillAndSubmit(ent: Page, o: { enterpriseName: string; now: Date; files: string }) {
  await enterpriseAndCqo(ent, o.now);
  await qualificationsAndDuties(ent, o.enterpriseName);
  await attachDeclareSubmit(ent, o.files);
}

/** Signs a reviewer in at `siteUrl` and waits for the queue. */
export async function reviewerLogin(page: Page, siteUrl: string, name: string) {
  await page.goto(`${siteUrl}/account/login/`);
  await expectAccessibleAndFits(page, 'login');
  await page.getByLabel('登录名', { exact: true }).fill(name);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: /^审核工作台：/ }).waitFor();
  await expect.poll(() => statusOf(page, 'queue-status')).toMatch(/共 \d+ 条备案/);
  await expectAccessibleAndFits(page, `${name}'s queue`);
}

/** From the reviewer's queue, searched by the enterprise's name (the demo data fills several pages), to the filing. */
export async function openFromQueue(page: Page, enterprise: string) {
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
export async function act(page: Page, choice: string, submit: string, fill?: () => Promise<void>) {
  const radio = page.getByRole('radio', { name: choice, exact: true });
  if ((await radio.count()) > 0) await radio.check();
  await fill?.();
  await expectAccessibleAndFits(page, `review page with “${choice}” chosen`);
  await page.getByRole('button', { name: submit, exact: true }).click();
  await expect.poll(() => statusOf(page, 'flash')).toContain(`已办理“${choice}”`);
  return (await statusOf(page, 'flash')) ?? '';
}
