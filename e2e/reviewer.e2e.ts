/**
 * The reviewer's journey (issue #6 §4, §9) on a phone: an expert with two applications to inspect on site
 * (seeded by `seed-review.ts`) opens 我的评审, sees the stage with its deadline, scores the first sheet item by
 * item (an off-step score shows the rule and is not saved), attaches a photo, sees the draft saved
 * automatically, confirms with the consequence stated, and finds the sheet locked; then the same at 1366×768.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { DESKTOP, PHONE, launchBrowser, screenshot, startSeededServer, type TestServer } from './harness';
import { signedIn } from './journeys';

const PASSWORD = 'Test-pass-2026'; // server/test/helpers.ts's PASSWORD: the seeded users'

let server: TestServer;
let browser: Browser;
let first: string;
let second: string;

beforeAll(async () => {
  const [seeded, b] = await Promise.all([startSeededServer('e2e/seed-review.ts'), launchBrowser()]);
  server = seeded.server;
  browser = b;
  ({ first, second } = JSON.parse(seeded.seeded.trim().split('\n').pop()!) as {
    first: string;
    second: string;
  });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a reviewer scores on a phone', () => {
  it('finds its assignments, scores item by item with a photo, and confirms', async () => {
    onTestFailed(() => console.log(server.output()));
    const page = await signedIn(browser, server, 'rev', { password: PASSWORD, viewport: PHONE });
    await page.goto('/reviews');
    await page.getByTestId('stage-group').waitFor();
    expect(await page.getByTestId('stage-group').innerText()).toContain('实地考察');
    expect(await page.getByTestId('stage-group').innerText()).toContain('已提交 0 / 2');
    expect(await page.getByTestId('assignment').count()).toBe(2);
    await screenshot(page, 'reviewer-1-assignments-phone');

    await page.goto(`/reviews/${first}`);
    await page.getByTestId('sheet-item').first().waitFor();
    const items = page.getByTestId('sheet-item');
    const n = await items.count();
    expect(n).toBeGreaterThan(1);
    // An off-step score shows the rule as typed and is not saved.
    const firstPoints = items.nth(0).getByTestId('item-points');
    await firstPoints.fill('7.3');
    await items.nth(0).getByTestId('points-rule').waitFor();
    await firstPoints.fill('');
    for (let i = 0; i < n; i++) {
      const input = items.nth(i).getByTestId('item-points');
      if (!(await input.count())) continue;
      const max = Number((await input.getAttribute('aria-valuemax')) ?? '10');
      await input.fill(String(Math.max(0, max - 1.5)));
      await input.blur();
    }
    await items.nth(0).getByTestId('item-comment').fill('责任区划分清楚，台账完整；建议补充群众评价材料。');
    // A photo of the first item, taken on site.
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c8102e' } })
      .png()
      .toBuffer();
    await items
      .nth(0)
      .getByTestId('photo-input')
      .setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: photo });
    await items.nth(0).locator('.ant-image').first().waitFor();
    await expect
      .poll(() => page.getByTestId('save-state').innerText(), { timeout: 15_000 })
      .toContain('已自动保存');
    expect(await page.getByTestId('sheet-total').innerText()).toContain('折合');
    await screenshot(page, 'reviewer-2-sheet-phone', { fullPage: false });

    await page.getByTestId('lock-review').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('提交后评分即锁定');
    await confirm.getByRole('button', { name: '确认提交' }).click();
    await page.getByText('已于').first().waitFor();
    const sheet = await (await page.request.get(`/api/reviews/${first}`)).json();
    expect(sheet.review.status).toBe('locked');
    expect(sheet.review.score).toBeGreaterThan(0);
    expect(sheet.photos).toHaveLength(1);
    expect(await page.getByTestId('lock-review').count()).toBe(0);
    await screenshot(page, 'reviewer-3-locked-phone');
  });

  it('shows the second sheet at 1366×768 with the progress updated', async () => {
    const page = await signedIn(browser, server, 'rev', { password: PASSWORD, viewport: DESKTOP });
    await page.goto('/reviews');
    await page.getByTestId('stage-group').waitFor();
    expect(await page.getByTestId('stage-group').innerText()).toContain('已提交 1 / 2');
    await page.goto(`/reviews/${second}`);
    await page.getByTestId('sheet-item').first().waitFor();
    await screenshot(page, 'reviewer-4-sheet-desktop', { fullPage: false });
  });
});
