/**
 * Page defects of issue 7 §1 on the demo server: nothing is preselected in 新建申报 and 列入培育库
 * (the subject is required), and an inbox message opens the record it is about while the menu
 * highlights 收件箱.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, startDemoServer, type TestServer } from './harness';
import { campaignTakingApplications, signedIn } from './journeys';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function total(page: Page, url: string): Promise<number> {
  return ((await (await page.request.get(url)).json()) as { total: number }).total;
}

describe('issue 7 §1 page defects', () => {
  it('新建申报 and 列入培育库 preselect no subject: the primary button alone creates nothing', async () => {
    // The demo's 2026 intake is over: the committee opens a campaign taking applications for this test.
    const admin = await signedIn(browser, server, 'admin');
    const headers = { 'x-shifan-csrf': '1' };
    const created = await admin.request.post('/api/campaigns', {
      headers,
      data: campaignTakingApplications('缺陷回归·示范点创建活动'),
    });
    expect(created.status()).toBe(201);
    const c = (await created.json()) as { id: string; version: number };
    const opened = await admin.request.post(`/api/campaigns/${c.id}/transition`, {
      headers,
      data: { to: 'open', version: c.version },
    });
    expect(opened.status()).toBe(200);
    await admin.context().close();

    const unit = await signedIn(browser, server, 'unit');
    const before = await total(unit, '/api/applications?pageSize=1');
    await unit.goto('/applications');
    await unit.getByTestId('new-application').first().click();
    const modal = unit.locator('.ant-modal').filter({ has: unit.getByTestId('new-application-submit') });
    await modal.waitFor({ state: 'visible' });
    await unit.getByTestId('new-application-submit').click();
    await modal.locator('.ant-form-item-explain-error').first().waitFor({ state: 'visible' });
    await screenshot(unit, 'defects-2-new-application-required', { fullPage: false });
    expect(new URL(unit.url()).pathname).toBe('/applications');
    expect(await total(unit, '/api/applications?pageSize=1')).toBe(before);
    await unit.keyboard.press('Escape');
    await modal.waitFor({ state: 'hidden' });

    const candidates = await total(unit, '/api/cultivations?pageSize=1');
    await unit.goto('/cultivation');
    await unit.getByTestId('cultivation-add').click();
    const add = unit.locator('.ant-modal').filter({ has: unit.getByTestId('new-cultivation-submit') });
    await add.waitFor({ state: 'visible' });
    await unit.getByTestId('new-cultivation-submit').click();
    await add.locator('.ant-form-item-explain-error').first().waitFor({ state: 'visible' });
    await screenshot(unit, 'defects-2-new-cultivation-required', { fullPage: false });
    expect(await total(unit, '/api/cultivations?pageSize=1')).toBe(candidates);
    await unit.context().close();
  });

  it('an inbox message opens its application, and the menu highlights 收件箱 on /inbox', async () => {
    const applicant = await signedIn(browser, server, 'applicant');
    await applicant.goto('/inbox');
    await applicant.getByTestId('inbox-item').first().waitFor();
    const selected = applicant.locator('.ant-menu-item-selected');
    await selected.getByTestId('menu-inbox').waitFor();
    expect((await selected.innerText()).trim()).toBe('收件箱');
    await screenshot(applicant, 'defects-3-inbox', { fullPage: false });
    const link = applicant.getByTestId('inbox-item-open').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/applications\/[0-9a-f-]{36}$/);
    await applicant.getByTestId('inbox-item').first().click();
    await applicant.waitForURL(`**${href}`);
    await applicant.getByTestId('application-title').waitFor();
    expect(await applicant.locator('.ant-menu-item-selected').getByTestId('menu-applications').count()).toBe(
      1,
    );
    await applicant.context().close();
  });
});
