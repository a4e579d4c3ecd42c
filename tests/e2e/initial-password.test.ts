import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '../../functions/accounts/reviewers.ts';
import { seedDemo } from '../../functions/demo/seed.ts';
import { axeViolations, launchBrowser } from '../support/browser.ts';
import { startSite } from '../support/server.ts';

let site: Awaited<ReturnType<typeof startSite>>;
let browser: Browser;
beforeAll(async () => {
  site = await startSite();
  await seedDemo(site.deps);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('a reviewer whose account an admin created', () => {
  it('is sent to change the initial password first, then reaches the review queue', async () => {
    const made = await createStaffAccount(site.deps, {
      role: 'city_tourism',
      login: 'sp-first',
      displayName: '四平新审核员',
      city: '220300',
      password: 'initial-password-9',
    });
    expect(made.ok).toBe(true);
    const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await page.goto(`${site.url}/account/login/`);
    await page.getByLabel('登录名').fill('sp-first');
    await page.getByLabel('密码', { exact: true }).fill('initial-password-9');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(/\/account\/password\/\?required=1$/);
    await expect.poll(() => page.locator('#password-required').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('当前密码').fill('initial-password-9');
    await page.getByLabel('新密码', { exact: true }).fill('a-password-only-i-know');
    await page.getByLabel('确认新密码').fill('a-password-only-i-know');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.waitForURL(/\/review\/$/);
    await expect.poll(() => page.locator('h1').textContent()).toContain('四平');
  });

  it('can have the password reset by an admin, who sees the new one once', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${site.url}/account/login/`);
    await page.getByLabel('登录名').fill('admin');
    await page.getByLabel('密码', { exact: true }).fill('Demo-2026-cqo');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(/\/admin\/accounts\/$/);
    await expect.poll(() => page.getByRole('button', { name: /重置密码\s*账号 sp-first/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /重置密码\s*账号 sp-first/ }).click();
    await expect
      .poll(() => page.locator('#flash').textContent())
      .toMatch(/已重置账号 sp-first.*新的初始密码：[A-Za-z0-9]{16}/);
    const password = /新的初始密码：([A-Za-z0-9]{16})/.exec(
      (await page.locator('#flash').textContent()) ?? '',
    )?.[1];
    const again = await (await browser.newContext()).newPage();
    await again.goto(`${site.url}/account/login/`);
    await again.getByLabel('登录名').fill('sp-first');
    await again.getByLabel('密码', { exact: true }).fill(password ?? '');
    await again.getByRole('button', { name: '登录', exact: true }).click();
    await again.waitForURL(/\/account\/password\/\?required=1$/);
  });
});
