/**
 * Every page of every demo role, in both languages, finds each of its strings: the web reports a key that
 * no loaded catalogue holds on the console (`[i18n] missing key …`), and this walk fails on any.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startDemoServer, type TestServer } from './harness';
import { menuKeys, signedIn } from './journeys';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens each menu entry in turn (as a user would: by the menu) and waits for its data to settle. */
async function visitAll(page: Page): Promise<string[]> {
  const keys = await menuKeys(page);
  for (const key of keys) {
    await page.getByTestId(`menu-${key}`).click();
    await page.waitForLoadState('networkidle');
    await page
      .locator('.ant-spin-spinning')
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
  }
  return keys;
}

describe('the catalogues in the browser', () => {
  it.each(['admin', 'unit', 'applicant', 'reviewer', 'security', 'audit'])(
    '%s sees no missing key on any of its pages, in Chinese or in English',
    async (username) => {
      const page = await signedIn(browser, server, username);
      const missing: string[] = [];
      page.on('console', (m) => {
        if (m.text().startsWith('[i18n] missing key')) missing.push(m.text());
      });
      const keys = await visitAll(page);
      expect(keys).toContain('dashboard');
      await page.getByTestId('lang-switch').click();
      await page.getByTestId('menu-dashboard').getByText('Home').waitFor({ state: 'visible' });
      await visitAll(page);
      expect(missing).toEqual([]);
      await page.context().close();
    },
  );
});
