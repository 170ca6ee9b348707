/**
 * The applicant's released results (issue #6 §8): a campaign decided by the committee (seeded by
 * `seed-decision.ts`: 排水先锋 of the applicant `appl` scored 90 / 92 / 88 against a quota of 2); before the
 * release the application page only says the results will appear; after it, the applicant sees its own
 * outcome, final score, rank and each stage's score — no reviewer names (the stages do not show them) — and
 * another applicant's results stay out of reach (404). At 1366×768 and 390×844.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, screenshot, startSeededServer, type TestServer } from './harness';
import { signedIn } from './journeys';

const PASSWORD = 'Test-pass-2026'; // server/test/helpers.ts's PASSWORD: the seeded users'
const CSRF = { 'x-shifan-csrf': '1' };

let server: TestServer;
let browser: Browser;
let campaignId: string;
let committee: Page;
let decisionId: string;
let version: number;
let mine: string;
let other: string;

beforeAll(async () => {
  const [seeded, b] = await Promise.all([startSeededServer('e2e/seed-decision.ts'), launchBrowser()]);
  server = seeded.server;
  browser = b;
  ({ campaignId } = JSON.parse(seeded.seeded.trim().split('\n').pop()!) as { campaignId: string });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function committeeCall(path: string, data: unknown = {}) {
  const res = await committee.request.post(path, { headers: CSRF, data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  const body = await res.json();
  version = body.version;
  return body;
}

describe("an applicant's own results", () => {
  it('after the decision is confirmed but not released, the page says the results will come', async () => {
    onTestFailed(() => console.log(server.output()));
    committee = await signedIn(browser, server, 'cadmin', { password: PASSWORD });
    const draft = await committeeCall(`/api/campaigns/${campaignId}/decision`);
    decisionId = draft.id;
    await committeeCall(`/api/decisions/${decisionId}/accept-proposal`, {
      version,
      votes: { for: 9, against: 0, abstain: 0 },
    });
    const confirmed = await committeeCall(`/api/decisions/${decisionId}/confirm`, { version });
    const lines = confirmed.groups.flatMap(
      (g: { lines: { applicationId: string; title: string }[] }) => g.lines,
    );
    mine = lines.find((l: { title: string }) => l.title.includes('排水先锋')).applicationId;
    other = lines.find((l: { title: string }) => l.title.includes('职工之家')).applicationId;

    const page = await signedIn(browser, server, 'appl', { password: PASSWORD, viewport: DESKTOP });
    expect((await page.request.get(`/api/applications/${mine}/results`)).status()).toBe(404);
    await page.goto(`/applications/${mine}`);
    await page.getByTestId('results-pending').waitFor();
    expect(await page.getByTestId('own-results').count()).toBe(0);
    await page.context().close();
  });

  it('after the release, shows its own outcome and stage scores, and nothing of the others (1366×768)', async () => {
    onTestFailed(() => console.log(server.output()));
    await committeeCall(`/api/decisions/${decisionId}/release`, { version });
    const page = await signedIn(browser, server, 'appl', { password: PASSWORD, viewport: DESKTOP });
    await page.goto(`/applications/${mine}`);
    const card = page.getByTestId('own-results');
    await card.waitFor();
    expect(await page.getByTestId('own-outcome').innerText()).toBe('入选');
    const text = await card.innerText();
    expect(text).toContain('最终得分');
    expect(text).toContain('90.00');
    expect(text).toContain('资格审查');
    expect(text).toContain('通过');
    expect(text).toContain('集体评审');
    expect(text).toContain('不公开');
    await screenshot(page, 'results-1-application-desktop', { fullPage: false });
    const own = await (await page.request.get(`/api/applications/${mine}/results`)).json();
    expect(own.stages.map((s: { reviewerNames: unknown }) => s.reviewerNames)).toEqual([null, null]);
    expect((await page.request.get(`/api/applications/${other}/results`)).status()).toBe(404);
    await page.context().close();
  });

  it('reads well on a phone', async () => {
    const page = await signedIn(browser, server, 'appl', { password: PASSWORD, viewport: PHONE });
    await page.goto(`/applications/${mine}`);
    await page.getByTestId('own-results').waitFor();
    await page.getByTestId('own-results').scrollIntoViewIfNeeded();
    await screenshot(page, 'results-2-application-phone', { fullPage: false });
    await page.context().close();
  });
});
