/**
 * Charts (issue #6 §9, issue #7 §3) in Chromium on demo-like data seeded by `seed-charts.ts`: the campaign
 * page's funnel, quota gauges, applications per unit (sorted both ways) and years, and a stage's statistics
 * (score distribution, reviewer leniency with the flagged experts), each drawn on a canvas with a table that
 * carries the API's numbers, at 1366×768 and on a phone (screenshots looked at).
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { StageStatistics } from '../shared/src/contracts/results';
import type { CampaignStatistics } from '../shared/src/contracts/campaign-statistics';
import { quotaGauges, statusFunnel, unitBar, yearComparison } from '../shared/src/charts/campaign';
import { leniencyBar, scoreHistogram } from '../shared/src/charts/evaluation';
import type { ChartSpec } from '../shared/src/charts/spec';
import { PHONE, launchBrowser, screenshot, startSeededServer, type TestServer } from './harness';
import { signedIn } from './journeys';

const PASSWORD = 'Test-pass-2026'; // server/test/helpers.ts's PASSWORD: the seeded users'

let server: TestServer;
let browser: Browser;
let campaignId: string;
let stageId: string;

beforeAll(async () => {
  const [seeded, b] = await Promise.all([startSeededServer('e2e/seed-charts.ts'), launchBrowser()]);
  server = seeded.server;
  browser = b;
  const last = seeded.seeded.trim().split('\n').pop()!;
  ({ campaignId, stageId } = JSON.parse(last) as { campaignId: string; stageId: string });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function api<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status()).toBe(200);
  return (await res.json()) as T;
}

/** The chart is drawn (a canvas with pixels) and its table holds the spec's rows, cell by cell. */
async function expectChart(page: Page, spec: ChartSpec): Promise<void> {
  const chart = page.getByTestId(`chart-${spec.name}`);
  await chart.locator('canvas').first().waitFor();
  expect(await chart.getAttribute('aria-label')).toBe(spec.ariaLabel);
  const table = page.getByTestId(`chart-table-${spec.name}`);
  const cells = await table
    .locator('tbody tr.ant-table-row')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const expected = spec.table.rows.map((r) => spec.table.columns.map((c) => String(r[c.key] ?? '')));
  expect(cells).toEqual(expected.slice(0, cells.length));
  expect(cells.length).toBe(Math.min(expected.length, 12));
}

describe('stage statistics', () => {
  it('draws the score distribution and reviewer leniency with the API numbers beside them', async () => {
    onTestFailed(() => console.log(server.output()));
    const page = await signedIn(browser, server, 'cadmin', { password: PASSWORD });
    const stats = await api<StageStatistics>(page, `/api/stages/${stageId}/statistics`);
    expect(stats.reviews).toBe(50);
    await page.goto(`/campaigns/${campaignId}/stages/${stageId}`);
    await page.getByTestId('tab-statistics').click();
    await page.getByTestId('stage-statistics').waitFor();
    expect(await page.getByTestId('stats-reviews').innerText()).toContain('50');
    await expectChart(page, scoreHistogram(stats.distribution));
    const leniency = leniencyBar(stats.leniency);
    await expectChart(page, leniency);
    expect(leniency.table.rows.filter((r) => r.flag).map((r) => r.flag)).toEqual(['偏宽', '偏严']);
    await screenshot(page, 'charts-stage-statistics-1366');

    const phone = await signedIn(browser, server, 'cadmin', { password: PASSWORD, viewport: PHONE });
    await phone.goto(`/campaigns/${campaignId}/stages/${stageId}`);
    await phone.getByTestId('tab-statistics').click();
    await phone.getByTestId('chart-reviewer-leniency').locator('canvas').waitFor();
    await screenshot(phone, 'charts-stage-statistics-390');
  });
});

describe('campaign charts', () => {
  it('draws the funnel, quotas, units and years with the API numbers beside them', async () => {
    onTestFailed(() => console.log(server.output()));
    const page = await signedIn(browser, server, 'cadmin', { password: PASSWORD });
    const stats = await api<CampaignStatistics>(page, `/api/campaigns/${campaignId}/statistics`);
    expect(stats.funnel.map((f) => f.count)).toEqual([18, 16, 15, 15, 10, 0, 0]);
    expect(stats.years.map((y) => y.year)).toEqual([2024, 2025, stats.year]);
    await page.goto(`/campaigns/${campaignId}`);
    await page.getByTestId('campaign-charts').waitFor();
    await expectChart(page, statusFunnel(stats.funnel));
    await expectChart(page, quotaGauges(stats.quotas, 'zh-CN', 2));
    await expectChart(page, unitBar(stats.byUnit));
    await expectChart(page, yearComparison(stats.years, stats.year));
    await screenshot(page, 'charts-campaign-1366');
    await page.getByTestId('unit-sort').getByText('按名称').click();
    await expectChart(page, unitBar(stats.byUnit, 'zh-CN', 'name'));

    const phone = await signedIn(browser, server, 'cadmin', { password: PASSWORD, viewport: PHONE });
    await phone.goto(`/campaigns/${campaignId}`);
    await phone.getByTestId('chart-year-comparison').locator('canvas').waitFor();
    await screenshot(phone, 'charts-campaign-390');
  });
});
