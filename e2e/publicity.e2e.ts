/**
 * The public notice (公示, issue #8 §1) without login, on a phone: the proposed list with its brand, the
 * window and how to object; an anonymous objection filed, its receipt code shown and looked up. Seeded by
 * `seed-publicity.ts`. Screenshots at 390×844 and 1366×768.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { signedIn } from './journeys';
import { PHONE, launchBrowser, openPage, screenshot, startSeededServer, type TestServer } from './harness';
import { RECEIPT_PATTERN } from '../shared/src/domain/publicity';

let server: TestServer;
let browser: Browser;
let publicityId: string;
let campaignId: string;
const PASSWORD = 'Test-pass-2026'; // server/test/helpers.ts's PASSWORD: the seeded users'

beforeAll(async () => {
  const [seeded, b] = await Promise.all([startSeededServer('e2e/seed-publicity.ts'), launchBrowser()]);
  server = seeded.server;
  browser = b;
  ({ publicityId, campaignId } = JSON.parse(seeded.seeded.trim().split('\n').pop()!) as {
    publicityId: string;
    campaignId: string;
  });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the public notice', () => {
  it('shows the list without login and takes an anonymous objection with a receipt code', async () => {
    onTestFailed(() => console.log(server.output()));
    const page = await openPage(browser, server, { viewport: PHONE });
    await page.goto(`/public/publicity/${publicityId}`);
    await page.getByText('拟命名名单公示').first().waitFor();
    expect(page.url()).toContain(`/public/publicity/${publicityId}`);
    await page.getByText('A党支部').waitFor();
    await page.getByText('品牌：清水先锋').waitFor();
    await page.getByText('公示中').waitFor();
    await page.getByText('市级机关工委组织部，电话 022-23456789').waitFor();
    await screenshot(page, 'publicity-public-390');

    await page.locator('.ant-select').first().click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: 'A党支部',
      })
      .click();
    await page.getByRole('switch').click();
    await page.getByPlaceholder('请写明所反映的具体问题和事实依据').fill('<b>该支部</b>创建材料与实际不符');
    await page.getByRole('button', { name: '提交异议' }).click();
    await page.getByText('异议已提交').waitFor();
    const text = await page.getByText(/回执码：/).innerText();
    const code = /回执码：(\S+)/.exec(text)![1]!;
    expect(code).toMatch(RECEIPT_PATTERN);
    await screenshot(page, 'publicity-receipt-390', { fullPage: false });

    await page.getByPlaceholder('输入回执码，如 ABCD-EFGH-JKMN').fill(code);
    await page.getByTestId('receipt-lookup').click();
    await page.getByText('已收到，待受理').waitFor();

    const desk = await openPage(browser, server);
    await desk.goto(`/public/publicity/${publicityId}`);
    await desk.getByText('A党支部').waitFor();
    await screenshot(desk, 'publicity-public-1366');
  });

  it('the committee upholds the objection and substitutes the next ranked; the public list follows', async () => {
    onTestFailed(() => console.log(server.output()));
    const chair = await signedIn(browser, server, 'cadmin', { password: PASSWORD });
    await chair.goto(`/campaigns/${campaignId}?tab=publicity`);
    await chair.getByText('A党支部').first().waitFor();
    await chair.getByTestId('objection-handle').first().click();
    const drawer = chair.locator('.ant-drawer-open');
    const dropdown = chair.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await drawer.getByText('<b>该支部</b>创建材料与实际不符').waitFor();
    await chair.getByTestId('objection-submit').click(); // 受理（由我承办）
    await drawer.getByText('记录核查情况').first().waitFor();
    await drawer.locator('.ant-select').first().click();
    await dropdown.locator('.ant-select-item-option', { hasText: /^办结$/ }).click();
    await drawer.locator('.ant-select').nth(1).click();
    await dropdown.locator('.ant-select-item-option', { hasText: '依次递补' }).click();
    await drawer.getByText('将由同类别排名下一位递补：B党支部（第 2 名）').waitFor();
    await drawer
      .getByLabel('理由（内部记录）')
      .fill('经核查，该支部创建材料与实际不符，撤销拟命名，依次递补。');
    await drawer.getByLabel('答复异议人').fill('经核查，异议成立，已撤销拟命名并依次递补。');
    await screenshot(chair, 'publicity-objection-1366', { fullPage: false });
    await chair.getByTestId('objection-submit').click();
    await drawer.getByText('经核查，异议成立，已撤销拟命名并依次递补').first().waitFor();
    await chair.keyboard.press('Escape');
    await chair.getByText('B党支部').first().waitFor();
    await screenshot(chair, 'publicity-panel-1366');

    const page = await openPage(browser, server, { viewport: PHONE });
    await page.goto(`/public/publicity/${publicityId}`);
    await page.getByText('B党支部').waitFor();
    expect(await page.getByText('A党支部').count()).toBe(0);
  });
});
