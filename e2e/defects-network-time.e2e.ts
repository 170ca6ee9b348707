/**
 * Issue 7 §1 defects 11 and 14 on the demo server: a lost connection keeps the layout, says the
 * connection failed and opens the page once the server answers again; pages show Beijing time even in
 * a browser set to New York.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, startDemoServer, type TestServer } from './harness';
import { signedIn } from './journeys';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** `YYYY-MM-DD HH:mm` of an instant at UTC+8, computed without any library. */
function beijing(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

describe('issue 7 §1: lost connection and time zones', () => {
  it('a page that cannot load for a lost connection keeps the layout, says so, and opens once back', async () => {
    const page = await signedIn(browser, server, 'applicant');
    await page.getByTestId('menu-inbox').waitFor({ state: 'visible' });
    await page.context().setOffline(true);
    await page.getByTestId('menu-inbox').click();
    const lost = page.getByTestId('connection-lost');
    await lost.waitFor({ state: 'visible' });
    expect(await lost.innerText()).toContain('网络连接失败');
    expect(await page.getByText('系统可能已经更新').count()).toBe(0);
    await page.getByTestId('user-menu').waitFor({ state: 'visible' });
    await page.getByTestId('menu-applications').waitFor({ state: 'visible' });
    await screenshot(page, 'defects-11-connection-lost', { fullPage: false });
    await page.context().setOffline(false);
    await page.getByTestId('inbox-list').waitFor({ state: 'visible', timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/inbox');
    await page.context().close();
  });

  it('a browser in New York shows the inbox times in Beijing time', async () => {
    const page = await signedIn(browser, server, 'applicant', { timezoneId: 'America/New_York' });
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      'America/New_York',
    );
    const res = await page.request.get('/api/notifications?sort=-createdAt&pageSize=1');
    const { items } = (await res.json()) as { items: { createdAt: string }[] };
    expect(items.length).toBe(1);
    await page.goto('/inbox');
    const first = page.getByTestId('inbox-item').first();
    await first.waitFor({ state: 'visible' });
    expect(await first.innerText()).toContain(beijing(items[0]!.createdAt));
    await screenshot(page, 'defects-14-beijing-time', { fullPage: false });
    await page.context().close();
  });
});
