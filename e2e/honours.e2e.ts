/**
 * Honours (先进典型 · 蓄水池, issue #8 §4) in the browser on the demo: the committee admin opens 先进典型
 * from the menu; the list holds the demo's 22 honours with every person's name masked; an Excel/CSV
 * import is checked first, then written; the 蓄水池 tab draws the chart and its table says 7 of 11 (63.6%)
 * in 2024; the pool tab lists the active titles' holders and recommends one's secretary in one step. Screenshots at 1366×768 and 390×844.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { signedIn } from './journeys';
import { PHONE, launchBrowser, screenshot, startDemoServer, type TestServer } from './harness';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the honours pool', () => {
  it('lists the honours masked, imports a file after a check, and shows the pool effect', async () => {
    onTestFailed(() => console.log(server.output()));
    const page = await signedIn(browser, server, 'admin');
    await page.getByTestId('menu-honours').click();
    await page.waitForURL(/\/honours$/);
    const table = page.getByTestId('honours-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByText('共 22 条').waitFor();
    const people = await page.getByTestId('honour-person').allInnerTexts();
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((p) => p.includes('*'))).toBe(true);
    await screenshot(page, 'honours-list-1366');
    // The committee sees the name whole on the detail only.
    const masked = await page.getByTestId('honour-person').first().innerText();
    await table
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: masked })
      .first()
      .getByTestId('honour-view')
      .click();
    const whole = await page.getByTestId('honour-detail-name').innerText();
    expect(whole).not.toContain('*');
    expect([...whole][0]).toBe([...masked][0]);
    await screenshot(page, 'honours-detail-1366', { fullPage: false });
    await page.keyboard.press('Escape');

    const csv = path.join(os.tmpdir(), `honours-${process.pid}.csv`);
    fs.writeFileSync(
      csv,
      '年度,表彰类型,组织编码,姓名,职务,文号,表彰日期\n2025,优秀党务工作者,TJJGGW-01,周晓红,组织委员,津党机工〔2025〕99号,2025-12-28\n',
    );
    await page.getByTestId('honour-import').click();
    const modal = page.locator('.ant-modal');
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      modal.getByTestId('honour-template').click(),
    ]);
    expect(template.suggestedFilename()).toBe('表彰导入模板.xlsx');
    await modal.locator('input[type=file]').setInputFiles(csv);
    await modal.getByTestId('honour-import-check').click();
    await modal.getByText('共 1 行，可导入 1 项').waitFor();
    await modal.getByTestId('honour-import-run').click();
    await modal.getByText('已导入 1 项').waitFor();
    await screenshot(page, 'honours-import-1366');
    await page.keyboard.press('Escape');
    await page.getByText('共 23 条').waitFor();

    await page.getByRole('tab', { name: '蓄水池效应' }).click();
    const panel = page.getByTestId('reservoir');
    await panel.locator('canvas').first().waitFor();
    await panel.getByText('63.6%').first().waitFor();
    const kinds = await page.getByTestId('reservoir-kinds').locator('tbody tr.ant-table-row').allInnerTexts();
    expect(kinds.map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      ['先进基层党组织', '5', '3', '60.0%'],
      ['优秀共产党员', '3', '2', '66.7%'],
      // The imported worker's organisation, the first unit, holds a site title itself: 3 of 4.
      ['优秀党务工作者', '4', '3', '75.0%'],
    ]);
    await screenshot(page, 'honours-reservoir-1366');

    await page.getByRole('tab', { name: '推荐人选' }).click();
    const pool = page.getByTestId('pool-table').locator('tbody tr.ant-table-row');
    await pool.first().waitFor();
    const first = pool.first();
    const secretary = (await first.locator('td').nth(2).innerText()).split(' / ')[0]!.trim();
    await first.getByTestId('pool-worker').click();
    const form = page.locator('.ant-modal');
    expect(await page.getByTestId('honour-person-name').inputValue()).toBe(secretary);
    await page.getByTestId('honour-document').fill('津党机工〔2026〕40号');
    await form.locator('.ant-picker input').click();
    await form.locator('.ant-picker input').fill('2026-06-28');
    await form.locator('.ant-picker input').press('Enter');
    await screenshot(page, 'honours-pool-recommend-1366', { fullPage: false });
    await page.getByTestId('honour-create-ok').click();
    await first.getByText('优秀党务工作者').waitFor();
    await screenshot(page, 'honours-pool-1366');
    await page.context().close();

    const phone = await signedIn(browser, server, 'admin', { viewport: PHONE });
    await phone.goto('/honours');
    await phone.getByRole('tab', { name: '蓄水池效应' }).click();
    await phone.getByTestId('reservoir').locator('canvas').first().waitFor();
    await screenshot(phone, 'honours-reservoir-390');
    await phone.context().close();
  });
});
