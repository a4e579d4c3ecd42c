/**
 * The registration journey in Debian Chromium on a 360 px phone, with axe on every page it visits:
 * announcement → log in → register 2 attendees → confirmation → .ics → cancel one → the waitlisted attendee of
 * another enterprise is promoted; then the organizer's list, roster and check-in, and an announcement whose
 * event the organizer has since changed. The site's clock starts inside the demo events' registration windows
 * (startSite), so the journey does not depend on the date it runs on.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccount, listDemoAccounts } from '../../db/queries/accounts/accounts.ts';
import { DEMO_PASSWORD, seedDemo } from '../../functions/demo/seed.ts';
import type { SignedIn } from '../../functions/deps.ts';
import { register } from '../../functions/events/registrations.ts';
import { getEvent, updateEvent } from '../../functions/events/service.ts';
import { expectAccessibleAndFits, launchBrowser } from '../support/browser.ts';
import { startSite } from '../support/server.ts';

const SLUG = 'yanbian-sharing-session-2027';

let site: Awaited<ReturnType<typeof startSite>>;
let browser: Browser;
let enterpriseA: SignedIn;
let enterpriseB: SignedIn;

beforeAll(async () => {
  site = await startSite();
  await seedDemo(site.deps);
  // Two seats, so that the journey fills the event and another enterprise has to wait.
  const event = await getEvent(site.deps, SLUG);
  if (!event.ok) throw new Error(event.message);
  const updated = await updateEvent(site.deps, SLUG, { ...event.value, capacity: 2 });
  if (!updated.ok) throw new Error(updated.message);
  const enterprises = (await listDemoAccounts(site.deps.db)).filter((a) => a.role === 'enterprise');
  const signedIn = async (id: string) =>
    ({ ...(await findAccount(site.deps.db, id)), sessionId: 'e2e' }) as SignedIn;
  enterpriseA = await signedIn(enterprises[2]?.id ?? '');
  enterpriseB = await signedIn(enterprises[3]?.id ?? '');
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  return { context, page: await context.newPage() };
}

async function logIn(page: Page, login: string) {
  await expect.poll(() => page.url()).toContain('/account/login/');
  await page.getByLabel('登录名').waitFor();
  await expectAccessibleAndFits(page);
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

describe('an enterprise on a 360 px phone', () => {
  it('registers two attendees, downloads the calendar file and cancels one; the waitlisted attendee of another enterprise gets the seat', async () => {
    const { context, page } = await phone();

    await page.goto(`${site.url}/forums/`);
    await expect
      .poll(() => page.locator(`[data-slug="${SLUG}"]`).textContent())
      .toContain('剩余 2 席（共 2 席）· 候补 0 人 · 报名中');
    await expectAccessibleAndFits(page);

    await page.goto(`${site.url}/forums/${SLUG}/`);
    await expect
      .poll(() => page.locator('[data-seat-status]').textContent())
      .toBe('报名中：剩余 2 席，候补 0 人。');
    expect(await page.locator('[data-seat-facts]').textContent()).toContain('最多报名 2 人（含候补）');
    await expectAccessibleAndFits(page);

    await page.getByRole('link', { name: '企业报名' }).click();
    await logIn(page, enterpriseA.login);
    await expect.poll(() => page.url()).toContain(`/forums/register/?event=${SLUG}`);
    await expect.poll(() => page.locator('#register-form').isVisible()).toBe(true);
    await expectAccessibleAndFits(page);

    // An empty submission: the error summary names the fields and takes the focus.
    await page.getByRole('button', { name: '提交报名' }).click();
    await expect.poll(() => page.locator('.error-summary').isVisible()).toBe(true);
    expect(await page.title()).toMatch(/^错误：/);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    await expectAccessibleAndFits(page);

    await page.locator('#attendees-0-name').fill('朴志勇');
    await page.locator('#attendees-0-position').fill('质量总监');
    await page.locator('#attendees-0-mobile').fill('139 0433 1001');
    await page.getByRole('button', { name: '再添加一位参会人员' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('attendees-1-name');
    await page.locator('#attendees-1-name').fill('金美兰');
    await page.locator('#attendees-1-position').fill('导游部经理');
    await page.locator('#attendees-1-mobile').fill('13904331002');
    expect(await page.getByRole('button', { name: '再添加一位参会人员' }).isHidden()).toBe(true);
    await page.getByRole('button', { name: '提交报名' }).click();

    await expect.poll(() => page.url()).toContain('/forums/registration/#');
    await expect
      .poll(() => page.locator('#code-text').textContent())
      .toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    const code = (await page.locator('#code-text').textContent()) ?? '';
    const rows = page.locator('#attendee-list > li');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('已确认');
    expect(await rows.nth(1).textContent()).toContain('已确认');
    expect(await rows.nth(0).textContent()).toContain('13904331001');
    await expectAccessibleAndFits(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '下载日历文件（.ics）' }).click(),
    ]);
    const ics = readFileSync((await download.path()) ?? '', 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('SUMMARY:延边州旅游企业首席质量官经验分享会');
    expect(ics.replace(/\r\n /g, '')).toContain(code);

    // Another enterprise registers now: the event is full, so its attendee waits.
    const other = await register(site.deps, enterpriseB, SLUG, {
      idempotencyKey: crypto.randomUUID(),
      attendees: [{ name: '崔成浩', position: '副总经理', mobile: '13904332001' }],
    });
    expect(other.ok && other.value.registration.attendees[0]?.status).toBe('waitlisted');

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '取消 金美兰 的报名' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('已取消 金美兰 的报名。空出的席位已由候补名单中的第一位递补。');
    expect(await rows.nth(1).textContent()).toContain('已取消');
    await expectAccessibleAndFits(page);

    await page.goto(`${site.url}/forums/${SLUG}/`);
    await expect
      .poll(() => page.locator('[data-seat-status]').textContent())
      .toBe('报名中：剩余 0 席，候补 0 人。');
    await context.close();

    // The other enterprise sees its attendee confirmed.
    const b = await phone();
    await b.page.goto(`${site.url}/account/registrations/`);
    await logIn(b.page, enterpriseB.login);
    await expect.poll(() => b.page.url()).toContain('/account/registrations/');
    await expect
      .poll(() => b.page.locator('#mine').textContent())
      .toContain('崔成浩（副总经理，13904332001）：已确认（由候补递补）');
    await expectAccessibleAndFits(b.page);
    await b.context.close();
  }, 120_000);
});

describe('an organizer on a phone', () => {
  it('sees the counts and the roster, and checks an attendee in by code', async () => {
    const first = await register(site.deps, enterpriseA, 'jilin-city-sharing-session-2027', {
      idempotencyKey: crypto.randomUUID(),
      attendees: [{ name: '韩雪', position: '质量主管', mobile: '13904321001' }],
    });
    if (!first.ok) throw new Error(first.message);
    const { context, page } = await phone();

    await page.goto(`${site.url}/admin/events/`);
    await logIn(page, 'admin');
    await expect.poll(() => page.url()).toContain('/admin/events/');
    await expect.poll(() => page.locator('#events table').isVisible()).toBe(true);
    await expectAccessibleAndFits(page);

    await page.getByRole('link', { name: /^名单\s*：延边州/ }).click();
    await expect.poll(() => page.locator('#roster-table').textContent()).toContain('崔成浩');
    expect(await page.locator('#counts').textContent()).toContain('2 人（其中已签到 0 人）');
    expect(await page.getByRole('link', { name: '导出名单（xlsx）' }).getAttribute('href')).toBe(
      `/api/events/${SLUG}/roster.xlsx`,
    );
    await expectAccessibleAndFits(page);

    await page.getByRole('link', { name: '修改报名设置' }).click();
    await expect.poll(() => page.locator('#capacity').inputValue()).toBe('2');
    await expectAccessibleAndFits(page);

    await page.goto(`${site.url}/admin/events/check-in/?event=jilin-city-sharing-session-2027`);
    await expect.poll(() => page.locator('#lookup').isVisible()).toBe(true);
    await page.getByLabel('确认码').fill(first.value.registration.code.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('1 人待签到');
    await expectAccessibleAndFits(page);
    await page.getByRole('button', { name: '签到：韩雪' }).click();
    // Weeks before the event: said so, and checked in once the organizer confirms.
    await page.getByRole('heading', { name: '今天不是活动日，确定要签到吗？' }).waitFor();
    await page.getByRole('button', { name: '仍然签到' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('签到成功：韩雪。');
    expect(await page.locator('#result-attendees').textContent()).toContain('已签到');
    await expectAccessibleAndFits(page);

    // A code of another event at this door: named as such, and nothing to check in.
    const elsewhere = await register(site.deps, enterpriseB, SLUG, {
      idempotencyKey: crypto.randomUUID(),
      attendees: [{ name: '李春', position: '总经理', mobile: '13904332002' }],
    });
    if (!elsewhere.ok) throw new Error(elsewhere.message);
    await page.getByRole('button', { name: '清空，签到下一位' }).click();
    await page.getByLabel('确认码').fill(elsewhere.value.registration.code);
    await page.getByRole('button', { name: '查询' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('该确认码属于另一场活动“延边州旅游企业首席质量官经验分享会”');
    expect(await page.getByRole('button', { name: /^签到：/ }).count()).toBe(0);
    await context.close();
  }, 120_000);
});

describe('an announcement whose event the organizer has changed', () => {
  it('shows the live time and place with an 已更新 note, not only the printed ones', async () => {
    const slug = 'jilin-city-sharing-session-2027';
    const event = await getEvent(site.deps, slug);
    if (!event.ok) throw new Error(event.message);
    const moved = await updateEvent(site.deps, slug, {
      ...event.value,
      venue: '吉林市某会展中心（示例）二号厅',
      startsAt: '2027-02-26T09:00:00+08:00',
      endsAt: '2027-02-26T12:00:00+08:00',
    });
    if (!moved.ok) throw new Error(moved.message);
    const { context, page } = await phone();
    await page.goto(`${site.url}/forums/${slug}/`);
    const note = page.locator('[data-event-updated]');
    await expect.poll(() => note.isVisible()).toBe(true);
    const text = (await note.textContent()) ?? '';
    expect(text).toMatch(/^已更新/);
    expect(text).toContain('吉林市某会展中心（示例）二号厅');
    expect(text).toContain('2027年2月26日');
    expect(text).not.toContain('名称：');
    await expectAccessibleAndFits(page);

    // The list shows it too, and the demo's own open event, which has no announcement page.
    await page.goto(`${site.url}/forums/`);
    await expect.poll(() => page.locator(`[data-slug="${slug}"]`).textContent()).toContain('已更新');
    await expect.poll(() => page.locator('[data-event-extra]').isVisible()).toBe(true);
    expect(await page.locator('[data-event-extra]').textContent()).toContain(
      '剩余 0 席（共 5 席）· 候补 2 人',
    );
    await expectAccessibleAndFits(page);
    await context.close();
  }, 60_000);
});
