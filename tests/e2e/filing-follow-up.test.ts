/**
 * What happens to filings after the main journey, in Chromium with axe-core on each page: the enterprise reads why
 * its filing was not approved, market regulation finds deregistration requests in its queue, and the 培训证明 is
 * uploaded after submission by market regulation and by the enterprise.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLogin } from '../../db/queries/accounts/accounts.ts';
import { DEMO_PASSWORD, seedDemo } from '../../functions/demo/seed.ts';
import { act } from '../../functions/filings/service.ts';
import { expectAccessibleAndFits, launchBrowser } from '../support/browser.ts';
import { startSite } from '../support/server.ts';

let site: Awaited<ReturnType<typeof startSite>>;
let browser: Browser;
let files: string;

beforeAll(async () => {
  site = await startSite();
  await seedDemo(site.deps);
  browser = await launchBrowser();
  files = mkdtempSync(join(tmpdir(), 'cqo-e2e-follow-up-'));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

async function signedIn(login: string) {
  const account = await findAccountByLogin(site.deps.db, login);
  if (!account) throw new Error(`no account ${login}`);
  return { ...account, sessionId: 'e2e' };
}

/** The demo enterprise (one with an account) whose filing is in `status`, and that filing. */
async function demoFiling(status: string): Promise<{ id: string; login: string }> {
  const filings = await site.deps.db.query.filings.findMany();
  const accounts = await site.deps.db.query.accounts.findMany();
  for (const f of filings.filter((x) => x.status === status)) {
    const account = accounts.find((a) => a.enterpriseId === f.enterpriseId);
    if (account) return { id: f.id, login: account.login };
  }
  throw new Error(`no demo enterprise with a ${status} filing`);
}

async function logIn(name: string, landing: RegExp): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  await page.goto(`${site.url}/account/login/`);
  await page.getByLabel('登录名', { exact: true }).fill(name);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: landing, level: 1 }).waitFor();
  return page;
}

function pdf(name: string): string {
  const path = join(files, name);
  writeFileSync(path, '%PDF-1.4\n%%EOF\n');
  return path;
}

describe('after the decision', () => {
  it('shows the enterprise why its filing was not approved (不予通过)', async () => {
    const { id, login: hotel } = await demoFiling('submitted');
    const reason = '工作经历证明未加盖单位公章，且与填报的任职时间不符';
    const done = await act(site.deps, await signedIn('cc-city'), id, { action: 'city_reject', note: reason });
    expect(done.ok).toBe(true);

    const page = await logIn(hotel, /^企业账号：/);
    await page.goto(`${site.url}/filing/view/?id=${encodeURIComponent(id)}`);
    const box = page.getByRole('region', { name: '不予通过的理由' });
    await box.waitFor();
    expect(await box.textContent()).toContain(reason);
    expect(await box.textContent()).toContain('长春市文旅部门');
    await expectAccessibleAndFits(page, 'view of a rejected filing');
  });

  it('puts deregistration requests in front of market regulation, with a filter and a count', async () => {
    const { id, login: scenic } = await demoFiling('recognized');
    const asked = await act(site.deps, await signedIn(scenic), id, {
      action: 'request_deregistration',
      reason: '首席质量官已调往集团总部',
    });
    expect(asked.ok).toBe(true);

    const page = await logIn('samr', /^审核工作台：/);
    const notice = page.locator('#requests-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('有 1 份备案的企业申请注销首席质量官');
    await expectAccessibleAndFits(page, 'samr queue with a pending request');
    await notice.getByRole('link', { name: '查看注销申请' }).click();
    await expect
      .poll(() => page.locator('#queue-status').textContent())
      .toContain('已认定，企业申请注销：共 1 条备案');
    expect(await page.getByLabel('状态').locator('option:checked').textContent()).toBe(
      '已认定，企业申请注销（1）',
    );
    expect(await page.getByRole('region', { name: '备案列表' }).textContent()).toContain('申请注销');
    await expectAccessibleAndFits(page, 'samr queue filtered to deregistration requests');
  });
});

describe('the 培训证明 after submission', () => {
  it('is uploaded by market regulation on the review page and by the enterprise on its filing page', async () => {
    const { id, login: rural } = await demoFiling('awaiting_training');

    const samr = await logIn('samr', /^审核工作台：/);
    await samr.goto(`${site.url}/review/filing/?id=${encodeURIComponent(id)}`);
    await samr.getByRole('heading', { name: /：首席质量官备案$/, level: 1 }).waitFor();
    await samr.getByLabel('上传培训证明（可多选）').setInputFiles(pdf('专题培训结业证书.pdf'));
    await samr.getByRole('link', { name: '专题培训结业证书.pdf' }).waitFor();
    await expect.poll(() => samr.locator('#review-training-status').textContent()).toContain('已上传 1 个');
    await expectAccessibleAndFits(samr, 'review page after uploading a 培训证明');

    const owner = await logIn(rural, /^企业账号：/);
    await owner.goto(`${site.url}/filing/view/?id=${encodeURIComponent(id)}`);
    await owner.getByRole('link', { name: '专题培训结业证书.pdf' }).waitFor();
    await owner.getByLabel('上传培训证明（可多选）').setInputFiles(pdf('在线学时证明.pdf'));
    await owner.getByRole('link', { name: '在线学时证明.pdf' }).waitFor();
    await expectAccessibleAndFits(owner, 'filing view after uploading a 培训证明');
    await owner.getByRole('button', { name: /^删除\s?：在线学时证明\.pdf$/ }).click();
    await expect.poll(() => owner.getByRole('link', { name: '在线学时证明.pdf' }).count()).toBe(0);

    // Deleted after submission: gone for the enterprise, kept (marked) for the reviewers.
    await samr.reload();
    await samr.getByRole('link', { name: '在线学时证明.pdf' }).waitFor();
    expect(await samr.getByRole('region', { name: '五、附件' }).textContent()).toContain('（已删除）');
  });
});
