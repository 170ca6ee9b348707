/**
 * The live presentation session (issue #6 §6, §9): the chair opens the presentation stage's sessions,
 * draws the order with a seed (preview, then commit with the same seed) and starts the timer; the room
 * screen (1920×1080) shows the order, the presenter and the timer; a panel member scores on its phone and
 * confirms; the chair's release is refused while two members have not confirmed (named), then, once they
 * have, releases the mean; the screen shows it by itself, without a reload and without a login page.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, screenshot, startSeededServer, type TestServer } from './harness';
import { signedIn } from './journeys';

const PASSWORD = 'Test-pass-2026'; // server/test/helpers.ts's PASSWORD: the seeded users'
const CSRF = { 'x-shifan-csrf': '1' };
const SCREEN = { width: 1920, height: 1080 } as const;

let server: TestServer;
let browser: Browser;
let campaignId: string;
let stageId: string;
let chair: Page;
let sessionId: string;
let order: string[];

beforeAll(async () => {
  const [seeded, b] = await Promise.all([startSeededServer('e2e/seed-presentation.ts'), launchBrowser()]);
  server = seeded.server;
  browser = b;
  ({ campaignId, stageId } = JSON.parse(seeded.seeded.trim().split('\n').pop()!) as {
    campaignId: string;
    stageId: string;
  });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A panel member who scores and confirms through the API (the phone journey is `rev`'s). */
async function scoreAndLock(username: string, applicationId: string, score: number) {
  const page = await signedIn(browser, server, username, { password: PASSWORD });
  const url = `/api/sessions/${sessionId}/presenters/${applicationId}/score`;
  const saved = await page.request.put(url, { headers: CSRF, data: { score } });
  expect(saved.status(), await saved.text()).toBe(200);
  const locked = await page.request.post(`${url}/lock`, { headers: CSRF, data: {} });
  expect(locked.status(), await locked.text()).toBe(200);
  await page.context().close();
}

describe('a presentation session', () => {
  it('the chair draws the order with a seed, creates the session and starts the timer', async () => {
    onTestFailed(() => console.log(server.output()));
    chair = await signedIn(browser, server, 'cadmin', { password: PASSWORD, viewport: DESKTOP });
    await chair.goto(`/campaigns/${campaignId}/stages/${stageId}`);
    await chair.getByTestId('stage-sessions').click();
    await chair.getByTestId('session-name').fill('第一场');
    await chair.getByTestId('session-room').fill('机关二楼第一会议室');
    for (const box of await chair.getByTestId('session-panel').locator('input[type=checkbox]').all())
      await box.check();
    await chair.getByLabel('随机种子（可不填）').fill('2026');
    await chair.getByTestId('draw-order').click();
    const preview = chair.getByTestId('order-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('随机种子 2026');
    order = (await preview.locator('li').allInnerTexts()).map((s) => s.trim());
    expect(order).toHaveLength(3);
    await screenshot(chair, 'presentation-1-new-session-desktop');
    await chair.getByTestId('create-session').click();
    await chair.getByTestId('draw-seed').waitFor();
    sessionId = chair.url().split('/').pop()!;
    expect(await chair.getByTestId('draw-seed').innerText()).toBe('2026');
    expect(await chair.getByTestId('presenter-row').allInnerTexts()).toHaveLength(3);
    await chair.getByTestId('timer-start').click();
    await chair.getByTestId('session-status').getByText('进行中').waitFor();
    expect(await chair.getByTestId('current-presenter').innerText()).toBe(`第 1 位：${order[0]}`);
    await screenshot(chair, 'presentation-2-chair-desktop', { fullPage: false });
  });

  let screen: Page;
  const navigations: string[] = [];

  it('the room screen shows the order, the presenter and the timer at 1920×1080', async () => {
    screen = await signedIn(browser, server, 'cadmin', { password: PASSWORD, viewport: SCREEN });
    screen.on('framenavigated', (f) => {
      if (f === screen.mainFrame()) navigations.push(new URL(f.url()).pathname);
    });
    await screen.goto(`/screen/sessions/${sessionId}`);
    await screen.getByTestId('room-screen').waitFor();
    expect(await screen.getByTestId('screen-title').innerText()).toBe('第一场');
    expect(await screen.getByTestId('screen-row').count()).toBe(3);
    const first = await screen.getByTestId('screen-current').innerText();
    expect(await chair.getByTestId('current-presenter').innerText()).toContain(first);
    // The timer runs down by itself.
    const t0 = await screen.getByTestId('session-timer').innerText();
    await expect.poll(() => screen.getByTestId('session-timer').innerText(), { timeout: 5_000 }).not.toBe(t0);
    await screenshot(screen, 'presentation-3-screen-1920', { fullPage: false });
  });

  let firstId: string;

  it('a panel member scores the presenter on its phone and confirms', async () => {
    onTestFailed(() => console.log(server.output()));
    const phone = await signedIn(browser, server, 'rev', { password: PASSWORD, viewport: PHONE });
    await phone.goto('/reviews');
    await phone.getByTestId('my-session').getByRole('button', { name: '进入评分' }).click();
    await phone.getByTestId('panel-current').waitFor();
    expect(await phone.getByTestId('panel-current').innerText()).toContain('第 1 位');
    await phone.getByTestId('overall-score').fill('86.5');
    await expect
      .poll(() => phone.getByTestId('panel-save-state').innerText(), { timeout: 10_000 })
      .toContain('已保存 86.5 分');
    await screenshot(phone, 'presentation-4-panel-phone', { fullPage: false });
    await phone.getByTestId('panel-lock').click();
    const confirm = phone.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('确认 86.5 分？');
    await confirm.getByRole('button', { name: '确认提交' }).click();
    await phone.getByTestId('panel-locked').waitFor();
    await screenshot(phone, 'presentation-5-panel-locked-phone', { fullPage: false });
    const view = await (await phone.request.get(`/api/sessions/${sessionId}/panel`)).json();
    firstId = view.current.applicationId;
    expect(view.presenters[0]).toMatchObject({ myStatus: 'locked', myScore: 86.5 });
    await phone.context().close();
  });

  it('release is refused naming who has not confirmed, then releases the mean; the screen shows it', async () => {
    onTestFailed(() => console.log(server.output()));
    await chair.getByTestId('presenter-row').first().getByTestId('release').click();
    const note = chair.locator('.ant-notification-notice');
    await note.waitFor();
    const text = await note.innerText();
    expect(text).toContain('评委尚未全部确认评分');
    expect(text).toContain('李明哲 尚未确认评分');
    expect(text).toContain('王慧敏 尚未确认评分');
    await screenshot(chair, 'presentation-6-release-refused-desktop', { fullPage: false });
    await note.locator('.ant-notification-notice-close').click();

    await scoreAndLock('judge2', firstId, 80);
    await scoreAndLock('judge3', firstId, 90);
    await expect
      .poll(() => chair.getByTestId('presenter-row').first().innerText(), { timeout: 10_000 })
      .toContain('已确认 3 / 3');
    await chair.getByTestId('presenter-row').first().getByTestId('release').click();
    // Fewer than five scores: the plain mean, (86.5 + 80 + 90) / 3.
    await chair.getByTestId('released-result').getByText('85.50').waitFor();
    await screenshot(chair, 'presentation-7-released-desktop', { fullPage: false });

    await expect
      .poll(() => screen.getByTestId('screen-result').first().innerText(), { timeout: 10_000 })
      .toBe('85.50');
    expect(navigations.filter((p) => p !== `/screen/sessions/${sessionId}`)).toEqual([]);
    await chair.getByTestId('timer-next').click();
    await expect
      .poll(() => screen.getByTestId('screen-current').innerText(), { timeout: 10_000 })
      .toBe(order[1]);
    await screenshot(screen, 'presentation-8-screen-released-1920', { fullPage: false });
  });
});
