/**
 * The second factor in the browser (issue #9 §2): on a demo server where the committee admin must use one,
 * `admin` logs in with the password, is held at the enrolment (QR code and key), confirms a first code,
 * sees and downloads the ten recovery codes, reaches the dashboard; logs out; logs in again with the
 * password and then the authenticator's code. Screenshots at desktop and phone sizes.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { totpCodeAt, TOTP_PERIOD_SECONDS } from '../server/src/core/totp';
import {
  DEMO_PASSWORD,
  PHONE,
  launchBrowser,
  logIn,
  openPage,
  screenshot,
  startDemoServer,
  type TestServer,
} from './harness';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  const [s, b] = await Promise.all([
    startDemoServer({ SHIFAN_MFA_REQUIRED_ROLES: 'committee_admin' }),
    launchBrowser(),
  ]);
  server = s;
  browser = b;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const step = (ms: number) => Math.floor(ms / 1000 / TOTP_PERIOD_SECONDS);

/** Waits for the next 30-second step (a code of the step just used would be a replay), then its code. */
async function freshCode(secret: string, usedAt: number): Promise<string> {
  while (step(Date.now()) <= step(usedAt)) await new Promise((r) => setTimeout(r, 500));
  return totpCodeAt(secret, new Date());
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.waitForURL('**/login');
}

describe('second factor', () => {
  it('enrol → log out → log in with the password and the code', { timeout: 180_000 }, async () => {
    const page = await openPage(browser, server);
    await logIn(page, 'admin', DEMO_PASSWORD);
    await page.waitForURL('**/second-factor/enrol');
    await page.getByTestId('enrol-qr').waitFor();
    const secret = (await page.getByTestId('enrol-secret').getAttribute('data-secret'))!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(page, 'second-factor-1-enrol');

    // A wrong code is refused on the field.
    const wrong = totpCodeAt(secret, new Date(Date.now() + 10 * 60_000));
    await page.getByTestId('enrol-code').fill(wrong);
    await page.getByTestId('enrol-submit').click();
    await page.getByText('验证码不正确，请核对手机时间后重试').waitFor();

    const enrolledAt = Date.now();
    await page.getByTestId('enrol-code').fill(totpCodeAt(secret, new Date(enrolledAt)));
    await page.getByTestId('enrol-submit').click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    const first = (await codes.first().innerText()).trim();
    expect(first).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const download = page.waitForEvent('download');
    await page.getByTestId('recovery-download').click();
    const file = fs.readFileSync((await (await download).path())!, 'utf8');
    expect(file).toContain(first);
    expect(file.split('\r\n').filter((l) => /^[a-z2-9]{5}-[a-z2-9]{5}$/.test(l))).toHaveLength(10);
    await screenshot(page, 'second-factor-2-recovery-codes');
    await page.getByTestId('recovery-saved').click();
    await page.getByText('您好，王建华').waitFor();

    await signOut(page);
    await logIn(page, 'admin', DEMO_PASSWORD);
    await page.waitForURL('**/login/code');
    await screenshot(page, 'second-factor-3-code');
    await page.getByTestId('code-input').fill(await freshCode(secret, enrolledAt));
    await page.getByTestId('code-submit').click();
    await page.getByText('您好，王建华').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    // 账户安全 shows the factor on, required, with ten recovery codes.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('account-security').click();
    await page.waitForURL('**/account/security');
    expect(await page.getByTestId('security-factor-state').innerText()).toBe('已启用');
    expect(await page.getByTestId('security-codes-left').innerText()).toBe('10 个');
    await screenshot(page, 'second-factor-4-security');
    await page.context().close();
  });

  it('on a phone: the code step and a recovery code', { timeout: 120_000 }, async () => {
    const page = await openPage(browser, server, { viewport: PHONE });
    await logIn(page, 'admin', DEMO_PASSWORD);
    await page.waitForURL('**/login/code');
    await page.getByTestId('code-switch').click();
    await screenshot(page, 'second-factor-5-phone-recovery');
    await page.getByTestId('code-recovery').fill('aaaaa-aaaaa');
    await page.getByTestId('code-submit').click();
    await page.getByTestId('code-error').waitFor();
    expect(await page.getByTestId('code-error').innerText()).toContain('验证码错误或已使用');
    await screenshot(page, 'second-factor-6-phone-wrong');
    await page.context().close();
  });
});
