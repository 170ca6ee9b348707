/**
 * Re-review (复评复审, issue #8 §3) in the browser: the committee admin opens a round drawing a seeded
 * sample of 2 of the 2026 titles (seeded by `seed-rereview.ts`) — the page shows the seed and the drawn
 * titles are exactly those the seed draws from the pool; sends one to rectification with a deadline
 * (the confirmation states the consequence) and revokes the other, which closes and freezes the round;
 * the 优进劣出 card counts the revocation and the place it frees. Screenshots at 1366×768 and 390×844.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { signedIn } from './journeys';
import { PHONE, launchBrowser, screenshot, startSeededServer, type TestServer } from './harness';
import { sample } from '../shared/src/domain/evaluation/draw';
import { chinaDateOf } from '../shared/src/domain/working-days';

let server: TestServer;
let browser: Browser;
let pool: { id: string; serial: string; holderName: string }[];
const PASSWORD = 'Test-pass-2026'; // server/test/helpers.ts's PASSWORD: the seeded users'
const SEED = 20261207;

beforeAll(async () => {
  const [seeded, b] = await Promise.all([startSeededServer('e2e/seed-rereview.ts'), launchBrowser()]);
  server = seeded.server;
  browser = b;
  ({ titles: pool } = JSON.parse(seeded.seeded.trim().split('\n').pop()!) as { titles: typeof pool });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a re-review round', () => {
  it('opens a seeded sample, rectifies one, revokes the other, and shows the figures', async () => {
    onTestFailed(() => console.log(server.output()));
    const drawn = sample(
      pool.map((t) => t.id),
      2,
      SEED,
    ).map((id) => pool.find((t) => t.id === id)!);
    const [first, second] = [...drawn].sort((a, b) => (a.serial < b.serial ? -1 : 1));
    const chair = await signedIn(browser, server, 'cadmin', { password: PASSWORD });
    await chair.goto('/rereviews');
    await chair.getByTestId('round-create').click();
    const modal = chair.locator('.ant-modal');
    await modal.getByText('随机抽取').click();
    await chair.getByTestId('round-award-year').fill('2026');
    await chair.getByTestId('round-size').fill('2');
    await chair.getByTestId('round-seed').fill(String(SEED));
    await modal.getByText('开启后，所选称号立即转为“复评复审中”').waitFor();
    await screenshot(chair, 'rereview-create-1366', { fullPage: false });
    await chair.getByTestId('round-create-ok').click();
    await chair.waitForURL(/\/rereviews\/[0-9a-f-]{36}$/);
    expect(await chair.getByTestId('round-seed-value').innerText()).toBe(String(SEED));
    const rows = chair.getByTestId('round-items').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    expect((await rows.nth(0).locator('td').first().innerText()).trim()).toBe(first!.serial);
    expect((await rows.nth(1).locator('td').first().innerText()).trim()).toBe(second!.serial);
    await screenshot(chair, 'rereview-round-open-1366');

    // Rectify the first: the consequence first, a deadline after today.
    await rows.nth(0).getByTestId('round-step-rectify').click();
    expect(await chair.getByTestId('round-step-consequence').innerText()).toContain(
      '称号转为“整改中”，所属单位和联络员将收到整改通知',
    );
    const deadline = chinaDateOf(new Date(Date.now() + 60 * 86_400_000));
    await chair.getByLabel('整改期限').fill(deadline);
    await chair.getByLabel('整改期限').press('Enter');
    await chair.getByLabel('理由').fill('党员活动室台账不全');
    await screenshot(chair, 'rereview-rectify-confirm-1366', { fullPage: false });
    await chair.getByTestId('round-step-ok').click();
    await rows.nth(0).getByText(`整改期限：${deadline}`).waitFor();

    // Revoke the second: the last outcome closes and freezes the round.
    await rows.nth(1).getByTestId('round-step-revoke').click();
    const consequence = await chair.getByTestId('round-step-consequence').innerText();
    expect(consequence).toContain('证书查验页将显示“已撤销”');
    expect(consequence).toContain('记录后批次结束，全部结论冻结');
    await chair.getByLabel('理由').fill('发生严重违纪问题');
    await chair.getByTestId('round-step-ok').click();
    await chair.getByTestId('round-frozen').waitFor();
    expect(await rows.nth(1).getByTestId('round-outcome').innerText()).toBe('撤销');
    // The rectifying title still has its follow-up buttons.
    expect(await rows.nth(0).getByTestId('round-step-passed').count()).toBe(1);
    await screenshot(chair, 'rereview-round-closed-1366');

    await chair.goto('/rereviews');
    const figures = chair.getByTestId('title-figures');
    await figures.getByText('2026', { exact: true }).first().waitFor();
    // 2026: four titles added, one rectified and one revoked; 3 standing; turnover 1 / 4.
    expect(await figures.locator('tbody tr.ant-table-row').first().locator('td').allInnerTexts()).toEqual([
      '2026',
      '4',
      '0',
      '1',
      '1',
      '0',
      '3',
      '25.0%',
    ]);
    expect(
      await chair
        .getByTestId('freed-places')
        .locator('tbody tr.ant-table-row')
        .first()
        .locator('td')
        .allInnerTexts(),
    ).toEqual(['2027 年度（2026 年撤销）', '基层党建工作示范点', '党支部', '1']);
    await screenshot(chair, 'rereview-list-1366');

    const phone = await signedIn(browser, server, 'cadmin', { password: PASSWORD, viewport: PHONE });
    await phone.goto('/rereviews');
    await phone.getByTestId('round-card').first().click();
    await phone.getByTestId('round-item-card').first().waitFor();
    expect(await phone.getByTestId('round-item-card').count()).toBe(2);
    await screenshot(phone, 'rereview-round-390');
  });
});
