/**
 * Issue 7 §1 defects 6 and 12 on the demo server: the venue switch and the standards editor ask first;
 * a self-score out of range shows its error as typed and is not reported as saved.
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

describe('issue 7 §1: confirmations and self-scores', () => {
  it('the venue switch asks first and says what happens; the standards editor asks before discarding', async () => {
    const admin = await signedIn(browser, server, 'admin');
    await admin.goto('/venues');
    const sw = admin.getByTestId('venue-active-switch').first();
    await sw.waitFor({ state: 'visible' });
    const before = await sw.getAttribute('aria-checked');
    await sw.click();
    const pop = admin.locator('.ant-popconfirm').filter({ hasText: '阵地' });
    await pop.waitFor({ state: 'visible' });
    expect(await pop.innerText()).toContain(before === 'true' ? '不能再被选为新申报' : '可被选为申报');
    await screenshot(admin, 'defects-6-venue-confirm', { fullPage: false });
    expect(await sw.getAttribute('aria-checked')).toBe(before); // nothing changed yet
    await admin.getByTestId('venue-active-confirm').click();
    await admin.waitForFunction(([el, was]) => el?.getAttribute('aria-checked') !== was, [
      await sw.elementHandle(),
      before,
    ] as const);

    await admin.goto('/standards');
    await admin.getByTestId('standard-create').click();
    await admin.getByTestId('standard-name-zh').fill('测试标准');
    await admin.keyboard.press('Escape');
    const ask = admin.locator('.ant-modal-confirm').filter({ hasText: '放弃未保存的修改' });
    await ask.waitFor({ state: 'visible' });
    await ask.getByRole('button', { name: '继续编辑' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(await admin.getByTestId('standard-name-zh').inputValue()).toBe('测试标准');
    await admin.getByTestId('standard-cancel').click();
    await admin.getByTestId('discard-confirm').click();
    await admin.getByTestId('standard-editor').waitFor({ state: 'hidden' });
    await admin.context().close();
  });

  it('an out-of-range self-score shows its error as typed and the page does not claim it was saved', async () => {
    const page = await signedIn(browser, server, 'applicant');
    const res = await page.request.get('/api/applications?status=draft,returned&pageSize=1');
    const { items } = (await res.json()) as { items: { id: string }[] };
    expect(items.length).toBe(1);
    await page.goto(`/applications/${items[0]!.id}`);
    const card = page.getByTestId('criterion-card').first();
    const input = card.getByTestId('criterion-score').locator('xpath=self::input|.//input').first();
    await input.waitFor({ state: 'visible' });
    await input.fill('999');
    await card.getByTestId('criterion-score-error').waitFor({ state: 'visible' });
    expect(await input.inputValue()).toBe('999');
    await page.waitForTimeout(1600); // longer than the autosave delay
    expect(await page.getByTestId('autosave-state').innerText()).toContain('尚未保存');
    await screenshot(page, 'defects-12-score-error', { fullPage: false });
    await input.fill('1');
    await page.getByTestId('autosave-state').filter({ hasText: '已自动保存' }).waitFor({ timeout: 10_000 });
    await page.context().close();
  });
});
