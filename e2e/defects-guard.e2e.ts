/**
 * Issue 7 §1.6 on the demo data with the recommendation deadline ahead: leaving 推荐初审 with an unsaved
 * rank order asks first; staying keeps the order, leaving goes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, PHONE, screenshot, startSeededServer, type TestServer } from './harness';
import { signedIn } from './journeys';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [{ server }, browser] = await Promise.all([startSeededServer('e2e/seed-ranking.ts'), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('issue 7 §1.6: an unsaved rank order', () => {
  it.each([
    ['desktop', undefined],
    ['phone', PHONE],
  ] as const)('warns before leaving the page (%s)', async (name, viewport) => {
    const unit = await signedIn(browser, server, 'unit', { viewport });
    await unit.goto('/recommend');
    const table = unit.getByTestId('ranked-table');
    const down = table.getByTestId('rank-down').first();
    await down.waitFor({ state: 'visible' });
    const names = () => table.locator('tbody tr.ant-table-row').allInnerTexts();
    const before = await names();
    await down.click();
    const moved = await names();
    expect(moved).not.toEqual(before);

    // Leave by the menu: asked first, with what would be lost.
    const goHome = async () => {
      if (viewport) {
        await unit.getByTestId('menu-toggle').click();
        await unit.locator('.ant-drawer-open').getByTestId('menu-dashboard').click();
      } else await unit.getByTestId('menu-dashboard').click();
    };
    await goHome();
    const ask = unit.locator('.ant-modal-confirm').filter({ hasText: '离开本页' });
    await ask.waitFor({ state: 'visible' });
    expect(await ask.innerText()).toContain('推荐排序的调整尚未保存');
    await screenshot(unit, `defects-6-leave-rank-${name}`, { fullPage: false });
    await ask.getByRole('button', { name: '留在本页' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(new URL(unit.url()).pathname).toBe('/recommend');
    expect(await names()).toEqual(moved);

    await goHome();
    await unit.getByTestId('leave-confirm').click();
    await unit.waitForURL((u) => u.pathname === '/');
    await unit.context().close();
  });
});
