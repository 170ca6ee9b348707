/**
 * The campaign journey (issue #3) on the demo server: the committee opens a campaign, an applicant drafts,
 * self-assesses, attaches evidence and submits, the unit recommends, the committee returns it with a reason,
 * the applicant revises and resubmits, the unit recommends again and the committee accepts.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, startDemoServer, type TestServer } from './harness';
import { campaignTakingApplications, onePagePdf, signedIn } from './journeys';

const CAMPAIGN = '端到端测试·示范点创建活动';
const BRAND = '“排水先锋”党建品牌';
const RETURN_REASON = '概述未写明支部特色做法的成效数据，请补充后重新提交。';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const MUTATION = { 'x-shifan-csrf': '1' };

/** A JSON POST with the page's cookies (the campaign's settings; the wizard is another journey). */
async function post(
  request: APIRequestContext,
  url: string,
  data: unknown,
): Promise<Record<string, unknown>> {
  const res = await request.post(url, { data, headers: MUTATION });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok()) throw new Error(`POST ${url} answered ${res.status()}: ${JSON.stringify(body)}`);
  return body;
}

async function statusOf(page: Page, id: string): Promise<string> {
  const res = await page.request.get(`/api/applications/${id}`);
  return ((await res.json()) as { status: string }).status;
}

/** The unit's first-level check on its 推荐初审 page: pick the campaign, open the application, recommend. */
async function recommendOnPage(unit: Page, id: string, opinion: string, shot?: string): Promise<void> {
  await unit.goto('/recommend');
  await unit.getByTestId('pending-table').waitFor();
  // Two campaigns are open (the demo's and this one): the page header's selector picks ours.
  // The campaign picker shows only while more than one campaign is taking recommendations (the demo's 2026
  // campaign is past its recommendation deadline now, so this journey's campaign may be the only one).
  const picker = unit.locator('.ant-select').first();
  if ((await picker.count()) > 0) {
    await picker.click();
    await unit.locator('.ant-select-item-option', { hasText: CAMPAIGN }).click();
  }
  await unit.getByTestId('pending-open').filter({ hasText: BRAND }).click();
  const drawer = unit.getByTestId('application-drawer');
  await drawer.getByTestId('drawer-recommend').click();
  await unit.getByTestId('decision-opinion').fill(opinion);
  if (shot) await screenshot(unit, shot, { fullPage: false });
  await unit.getByTestId('decision-submit').click();
  await unit.getByTestId('decision-submit').waitFor({ state: 'detached' });
  await expect.poll(() => statusOf(unit, id)).toBe('recommended');
}

/** The committee opens the application in its intake queue (this campaign, recommended ones). */
async function openInIntake(admin: Page, campaignId: string, orgName: string): Promise<void> {
  await admin.goto(`/intake?campaign=${campaignId}`);
  const row = admin.getByTestId('intake-row-open').filter({ hasText: orgName });
  await row.waitFor();
  expect(await admin.getByTestId('intake-row-open').count()).toBe(1);
  await row.click();
  await admin.getByTestId('intake-detail').locator('.ant-drawer-title', { hasText: orgName }).waitFor();
}

describe('campaign journey', () => {
  it('an application goes from draft through a return for revision to accepted', async () => {
    const pages: Record<string, Page> = {};
    onTestFailed(async () => {
      for (const [who, p] of Object.entries(pages))
        await screenshot(p, `campaign-failed-${who}`).catch(() => undefined);
    });
    const admin = (pages.admin = await signedIn(browser, server, 'admin'));

    // The committee sets a campaign up (settings through the API) and opens it on its page.
    const created = await post(admin.request, '/api/campaigns', campaignTakingApplications(CAMPAIGN));
    const campaignId = created.id as string;
    expect(created.status).toBe('draft');
    await admin.goto(`/campaigns/${campaignId}`);
    await admin.getByTestId('campaign-title').filter({ hasText: CAMPAIGN }).waitFor();
    await admin.getByTestId('campaign-next').click();
    await admin.locator('.ant-modal-confirm .ant-btn-primary').click();
    await admin.getByTestId('campaign-status').filter({ hasText: '申报中' }).waitFor();
    await screenshot(admin, 'campaign-1-opened');

    // The applicant drafts an application in it.
    const applicant = (pages.applicant = await signedIn(browser, server, 'applicant'));
    await applicant.getByTestId('menu-applications').click();
    const card = applicant.getByTestId('open-campaign').filter({ hasText: CAMPAIGN });
    await card.getByTestId('new-application').click();
    // Nothing is preselected: the subject is chosen before anything is created.
    await applicant.getByTestId('new-application-org').click();
    await applicant.locator('.ant-select-item-option').first().click();
    await applicant.getByTestId('new-application-submit').click();
    await applicant.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    const appId = new URL(applicant.url()).pathname.split('/').pop()!;
    await applicant.getByTestId('application-title').waitFor();
    expect(await statusOf(applicant, appId)).toBe('draft');

    await applicant.getByTestId('field-brandName').fill(BRAND);
    await applicant.getByTestId('field-summary').fill('支部以“排水先锋”为品牌，汛期一线设立党员先锋岗。');
    const criteria = applicant.getByTestId('criterion-card');
    const n = await criteria.count();
    expect(n).toBe(6);
    for (let i = 0; i < n; i++) {
      const c = criteria.nth(i);
      // Every criterion is worth at least 10 points; 8 is a valid self-score (steps of 0.5) for each.
      await c.getByTestId('criterion-score').locator('xpath=self::input|.//input').first().fill('8');
      await c.getByTestId('criterion-note').fill(`第 ${i + 1} 项自评说明`);
      if (await c.locator('.ant-tag', { hasText: '须附佐证' }).count()) {
        await c.locator('input[type=file]').setInputFiles({
          name: `evidence-${i + 1}.pdf`,
          mimeType: 'application/pdf',
          buffer: onePagePdf(`Evidence ${i + 1}`),
        });
        await c.getByTestId('evidence-file').first().waitFor();
      }
    }
    await applicant.getByTestId('autosave-state').filter({ hasText: '已自动保存' }).waitFor();
    await applicant.evaluate(() => window.scrollTo(0, 0));
    await screenshot(applicant, 'campaign-2-draft-filled', { fullPage: false });
    await applicant.getByTestId('submit').click();
    await applicant.getByTestId('submit-confirm').click();
    await applicant.getByTestId('application-status').filter({ hasText: '已提交' }).waitFor();
    expect(await statusOf(applicant, appId)).toBe('submitted');
    await screenshot(applicant, 'campaign-3-submitted', { fullPage: false });

    // The unit recommends it.
    const unit = (pages.unit = await signedIn(browser, server, 'unit'));
    await recommendOnPage(unit, appId, '支部工作扎实，同意推荐。', 'campaign-3b-unit-recommends');

    // The committee returns it with a reason.
    await openInIntake(admin, campaignId, '市水务局排水五所党支部');
    await screenshot(admin, 'campaign-4-intake-detail');
    await admin.getByTestId('intake-return').click();
    await admin.getByTestId('intake-return-reason').fill(RETURN_REASON);
    await admin.getByTestId('intake-return-ok').click();
    await admin.getByTestId('intake-row-open').first().waitFor({ state: 'detached' });
    expect(await statusOf(admin, appId)).toBe('returned');

    // The applicant sees the reason, revises and resubmits.
    await applicant.goto(`/applications/${appId}`);
    const reason = applicant.getByTestId('returned-reason');
    await reason.waitFor();
    expect(await reason.locator('.ant-alert-description').innerText()).toBe(RETURN_REASON);
    await screenshot(applicant, 'campaign-5-returned', { fullPage: false });
    await applicant
      .getByTestId('field-summary')
      .fill('支部以“排水先锋”为品牌，汛期一线设立党员先锋岗 12 个，全年排除积水点 86 处，群众满意率 98%。');
    await applicant.getByTestId('autosave-state').filter({ hasText: '已自动保存' }).waitFor();
    await applicant.getByTestId('submit').click();
    await applicant.getByTestId('submit-confirm').click();
    await applicant.getByTestId('application-status').filter({ hasText: '已提交' }).waitFor();
    expect(await statusOf(applicant, appId)).toBe('submitted');

    // The unit recommends again; the committee accepts.
    await recommendOnPage(unit, appId, '已按意见补充成效数据，同意推荐。');
    await openInIntake(admin, campaignId, '市水务局排水五所党支部');
    await admin.getByTestId('intake-accept').click();
    await admin.getByTestId('intake-accept-ok').click();
    await admin.getByTestId('intake-row-open').first().waitFor({ state: 'detached' });
    expect(await statusOf(admin, appId)).toBe('accepted');
    await screenshot(admin, 'campaign-6-accepted-queue');

    await applicant.reload();
    await applicant.getByTestId('application-status').filter({ hasText: '已受理' }).waitFor();
    await applicant.getByTestId('history').scrollIntoViewIfNeeded();
    const history = await applicant.getByTestId('history').innerText();
    expect(history).toContain(RETURN_REASON);
    await screenshot(applicant, 'campaign-7-applicant-accepted', { fullPage: false });

    for (const p of [admin, applicant, unit]) await p.context().close();
  });
});
