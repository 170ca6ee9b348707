/**
 * The committee's decision meeting (issue #6 §8): on a campaign in `deciding` (seeded by
 * `seed-decision.ts`: quota 2, four shortlisted branches 90 / 85 / 80 / 70), the chair drafts the decision
 * from the proposal, records one deviation (the second proposed line not selected) whose reason the form
 * demands, accepts the proposal for the rest with the votes, confirms (the snapshot frozen with its
 * digest, the applications moved), at 1366×768 and on a phone.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DecisionDetail } from '../shared/src/contracts/decisions';
import { PHONE, launchBrowser, screenshot, startSeededServer, type TestServer } from './harness';
import { signedIn } from './journeys';

const PASSWORD = 'Test-pass-2026'; // server/test/helpers.ts's PASSWORD: the seeded users'
const REASON = '该支部在年度考核中存在整改未完成事项，委员会表决暂缓命名。';

let server: TestServer;
let browser: Browser;
let campaignId: string;

beforeAll(async () => {
  const [seeded, b] = await Promise.all([startSeededServer('e2e/seed-decision.ts'), launchBrowser()]);
  server = seeded.server;
  browser = b;
  const last = seeded.seeded.trim().split('\n').pop()!;
  campaignId = (JSON.parse(last) as { campaignId: string }).campaignId;
}, 300_000); // seeding runs the migrations on a fresh directory before the server does
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function decisionOf(page: Page): Promise<DecisionDetail> {
  const res = await page.request.get(`/api/campaigns/${campaignId}/decision`);
  return (await res.json()) as DecisionDetail;
}

describe('the decision meeting', () => {
  it('drafts, records a deviation with its reason, accepts the rest, confirms and freezes', async () => {
    onTestFailed(() => console.log(server.output()));
    const chair = await signedIn(browser, server, 'cadmin', { password: PASSWORD });

    // From the campaign page (deciding) to the meeting screen; no draft yet.
    await chair.goto(`/campaigns/${campaignId}`);
    await chair.getByTestId('campaign-decision').click();
    await chair.getByTestId('decision-create').click();
    await chair.getByTestId('decision-group').first().waitFor();
    expect(await chair.getByTestId('quota-gauge').innerText()).toContain('已定 0 / 名额 2');
    expect(await chair.getByTestId('decision-line').count()).toBe(4);

    // The deviation: the second proposed line not selected. Without a reason the form refuses.
    await chair.getByTestId('line-record-2').click();
    const modal = chair.locator('.ant-modal').filter({ hasText: '记录决定' });
    await modal.getByTestId('line-selected').click();
    await modal.getByTestId('reason-need').waitFor();
    expect(await modal.getByTestId('reason-need').innerText()).toContain('与建议名单不一致');
    await modal.getByLabel('赞成').fill('4');
    await modal.getByLabel('反对').fill('3');
    await modal.getByLabel('弃权').fill('0');
    await chair.getByTestId('line-save').click();
    await modal.getByText('请填写理由').waitFor();
    await modal.getByTestId('line-reason').fill(REASON);
    await screenshot(chair, 'decision-line-1366', { fullPage: false });
    await chair.getByTestId('line-save').click();
    await modal.waitFor({ state: 'hidden' });
    await expect
      .poll(async () => (await chair.getByTestId('decision-banner').innerText()).trim())
      .toContain('未决定 3 项 · 与建议不一致 1 项');

    // The rest as proposed, with the votes.
    await chair.getByTestId('decision-accept').click();
    const accept = chair.locator('.ant-modal').filter({ hasText: '按建议名单确定' });
    await accept.getByLabel('赞成').fill('7');
    await accept.getByLabel('反对').fill('0');
    await accept.getByLabel('弃权').fill('0');
    await chair.getByTestId('decision-accept-ok').click();
    await accept.waitFor({ state: 'hidden' });
    await expect
      .poll(async () => (await chair.getByTestId('decision-banner').innerText()).trim())
      .toContain('未决定 0 项');
    expect(await chair.getByTestId('quota-gauge').innerText()).toContain('已定 1 / 名额 2');
    await screenshot(chair, 'decision-draft-1366');

    const phone = await signedIn(browser, server, 'cadmin', { password: PASSWORD, viewport: PHONE });
    await phone.goto(`/campaigns/${campaignId}/decision`);
    await phone.getByTestId('decision-group').first().waitFor();
    await screenshot(phone, 'decision-draft-390');

    // Confirm: the consequence is stated, then the frozen view with the digest.
    await chair.getByTestId('decision-confirm').click();
    await chair.getByText('确认后将冻结评审快照').waitFor();
    await chair.getByTestId('decision-confirm-ok').click();
    await chair.getByTestId('decision-frozen').waitFor();
    const digest = (await chair.getByTestId('decision-digest').innerText()).trim();
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await chair.getByTestId('decision-confirm').count()).toBe(0);
    await screenshot(chair, 'decision-frozen-1366');

    const d = await decisionOf(chair);
    expect(d.status).toBe('confirmed');
    expect(d.snapshotDigest).toBe(digest);
    expect(
      d.groups.flatMap((g) => g.lines).map((l) => [l.rank, l.proposed, l.selected, l.votes, l.reason]),
    ).toEqual([
      [1, true, true, { for: 7, against: 0, abstain: 0 }, null],
      [2, true, false, { for: 4, against: 3, abstain: 0 }, REASON],
      [3, false, false, { for: 7, against: 0, abstain: 0 }, null],
      [4, false, false, { for: 7, against: 0, abstain: 0 }, null],
    ]);

    // The result list from the frozen snapshot, as a download.
    const [file] = await Promise.all([
      chair.waitForEvent('download'),
      chair.getByTestId('decision-result-xlsx').click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);

    // The ranking tab: the top of the group, raw or standardised.
    await chair.getByTestId('tab-ranking').click();
    await chair.getByTestId('ranking-group').waitFor();
    await expect
      .poll(() => chair.getByTestId('ranking-group').locator('tbody tr.ant-table-row').count())
      .toBe(4);
    await screenshot(chair, 'decision-ranking-1366');

    await phone.reload();
    await phone.getByTestId('decision-frozen').waitFor();
    await screenshot(phone, 'decision-frozen-390');
  });

  it('in deciding, the stages are a record: no planning or moving buttons, and no intake button', async () => {
    onTestFailed(() => console.log(server.output()));
    const chair = await signedIn(browser, server, 'cadmin', { password: PASSWORD });
    await chair.goto(`/campaigns/${campaignId}?tab=stages`);
    await chair.getByTestId('stages-over').waitFor();
    expect(await chair.getByTestId('stages-over').innerText()).toContain('本活动评审已结束');
    // The two seeded stages are listed, each with its detail link and nothing that would change it.
    await expect.poll(() => chair.locator('[data-testid^="stage-detail-"]').count()).toBe(2);
    const changing =
      '[data-testid="stage-new"], [data-testid="stage-template"], [data-testid^="stage-open-"], ' +
      '[data-testid^="stage-close-"], [data-testid^="stage-delete-"]';
    expect(await chair.locator(changing).count()).toBe(0);
    expect(await chair.getByRole('button', { name: '受理申报' }).count()).toBe(0);
    expect(await chair.getByTestId('campaign-decision').count()).toBe(1);
    await screenshot(chair, 'decision-stages-over-1366');
  });
});
