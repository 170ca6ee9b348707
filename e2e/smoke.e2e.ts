import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot, startDemoServer, type TestServer } from './harness';

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

describe('smoke', () => {
  it('answers /api/health with ok on the embedded database', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', db: 'pglite' });
  });

  it('loads the login page with the product title', async () => {
    const page = await openPage(browser, server);
    await page.goto('/');
    await page.getByTestId('login-username').waitFor({ state: 'visible' });
    expect(await page.title()).toBe('示范创建管理平台');
    await expect(page.getByTestId('login-submit').isVisible()).resolves.toBe(true);
    await screenshot(page, 'smoke-login');
    await page.context().close();
  });
});
