/**
 * Work desks (issue #7 §2) on the demo server: each of the six demo accounts lands on a home page whose
 * counts equal GET /api/me/desk, and each count opens its list filtered so that the list's total is that
 * count (the filter read from the URL). Screenshots of every desk at 1366×768 and 390×844.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type {
  ApplicantDesk,
  AuditDesk,
  CommitteeDesk,
  Desk,
  ReviewerDesk,
  SecurityDesk,
  UnitDesk,
} from '../shared/src/contracts/desk';
import { auditTrend, funnelCounts, statusFunnel, STATUS_REACH } from '../shared/src/charts';
import { launchBrowser, PHONE, screenshot, startDemoServer, type TestServer } from './harness';
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

async function deskOf<T extends Desk>(page: Page): Promise<T> {
  const res = await page.request.get('/api/me/desk');
  expect(res.status()).toBe(200);
  return (await res.json()) as T;
}

/** The number a count card shows (its Statistic), after the desk has loaded. */
async function shown(page: Page, testId: string): Promise<number> {
  const card = page.getByTestId(`desk-${testId}`).first();
  await card.waitFor({ state: 'visible' });
  const attr = Number(await card.getAttribute('data-count'));
  const text = Number((await card.locator('.ant-statistic-content-value').innerText()).replace(/[^\d]/g, ''));
  expect(text).toBe(attr);
  return text;
}

/**
 * Clicks a count card and waits for the list's API answer with the filter; returns the list's total and
 * the page's URL query, after which it goes back to the desk.
 */
async function follow(
  page: Page,
  testId: string,
  apiPath: string,
  filter: Record<string, string>,
): Promise<{ total: number; query: URLSearchParams }> {
  const answer = page.waitForResponse((res) => {
    const url = new URL(res.url());
    return (
      url.pathname === apiPath &&
      res.request().method() === 'GET' &&
      Object.entries(filter).every(([k, v]) => url.searchParams.get(k) === v)
    );
  });
  await page.getByTestId(`desk-${testId}`).first().click();
  const res = await answer;
  const total = ((await res.json()) as { total: number }).total;
  const query = new URL(page.url()).searchParams;
  await page.goto('/');
  await page.getByTestId('desk-title').waitFor();
  return { total, query };
}

/** Both sizes of the desk: the desktop page as it is, then a phone context of the same account. */
async function pictures(page: Page, username: string, name: string, ready: string): Promise<void> {
  await page.getByTestId(ready).first().waitFor({ state: 'visible' });
  await screenshot(page, `desk-${name}-1366`);
  const phone = await signedIn(browser, server, username, { viewport: PHONE });
  await phone.getByTestId(ready).first().waitFor({ state: 'visible' });
  await screenshot(phone, `desk-${name}-390`);
  await phone.context().close();
}

describe('work desks', () => {
  it('applicant: returned, drafts and submitted equal the API and open the filtered list', async () => {
    const page = await signedIn(browser, server, 'applicant');
    const desk = await deskOf<ApplicantDesk>(page);
    expect(await shown(page, 'returned')).toBe(desk.returned.total);
    expect(await shown(page, 'drafts')).toBe(desk.drafts.total);
    expect(await shown(page, 'submitted')).toBe(desk.submitted);
    for (const [id, status, n] of [
      ['returned', 'returned', desk.returned.total],
      ['drafts', 'draft', desk.drafts.total],
      ['submitted', 'submitted', desk.submitted],
    ] as const) {
      const { total, query } = await follow(page, id, '/api/applications', { status });
      expect([id, total, query.get('status')]).toEqual([id, n, status]);
    }
    await page.getByTestId('desk-deadlines').waitFor();
    await pictures(page, 'applicant', 'applicant', 'desk-returned');
    await page.context().close();
  });

  it('unit admin: 待审核 and milestones equal the API; caps lead to 推荐初审 on their track', async () => {
    const page = await signedIn(browser, server, 'unit');
    const desk = await deskOf<UnitDesk>(page);
    expect(await shown(page, 'pending-review')).toBe(desk.pendingReview);
    expect(await shown(page, 'milestones-due')).toBe(desk.milestonesDue);
    expect(await shown(page, 'milestones-overdue')).toBe(desk.milestonesOverdue);
    const pending = await follow(page, 'pending-review', '/api/applications', { status: 'submitted' });
    expect(pending.total).toBe(desk.pendingReview);
    const due = await follow(page, 'milestones-due', '/api/cultivations', { milestones: 'due' });
    expect(due.total).toBe(desk.milestonesDue);
    const overdue = await follow(page, 'milestones-overdue', '/api/cultivations', { milestones: 'overdue' });
    expect(overdue.total).toBe(desk.milestonesOverdue);
    if (desk.caps.length > 0) {
      const cap = desk.caps[0]!;
      await page.getByTestId('desk-cap-link').first().click();
      await page.waitForURL(`**/recommend?campaign=${cap.campaignId}&track=${cap.track}`);
      await page.goto('/');
    }
    // The unit's own funnel and years in small: the picture's words are the unit-scoped statistics' spec.
    const recent = (await (await page.request.get('/api/campaigns?pageSize=5&sort=-year')).json()) as {
      items: { id: string; status: string }[];
    };
    const newest = recent.items.find((c) => c.status !== 'draft');
    const currentId = desk.caps[0]?.campaignId ?? desk.deadlines[0]?.campaignId ?? newest?.id;
    expect(currentId).toBeTruthy(); // the demo's unit always has a campaign to show
    const stats = (await (await page.request.get(`/api/campaigns/${currentId}/statistics`)).json()) as {
      scope: string;
      funnel: Parameters<typeof statusFunnel>[0];
    };
    expect(stats.scope).toBe('unit');
    const unitFunnel = page.getByTestId('desk-unit-funnel');
    await unitFunnel.locator('canvas').first().waitFor();
    expect(await unitFunnel.locator('[role="img"]').getAttribute('aria-label')).toBe(
      statusFunnel(stats.funnel, 'zh-CN').ariaLabel,
    );
    await page.getByTestId('desk-unit-years').locator('canvas').first().waitFor();
    await pictures(page, 'unit', 'unit', 'desk-pending-review');
    await page.context().close();
  });

  it('committee admin: 待受理 and the units still checking equal the API and open the intake queue filtered', async () => {
    const page = await signedIn(browser, server, 'admin');
    const desk = await deskOf<CommitteeDesk>(page);
    expect(desk.campaigns.length).toBeGreaterThan(0);
    const c = desk.campaigns[0]!;
    expect(await shown(page, 'pending-intake')).toBe(c.pendingIntake);
    expect(await shown(page, 'waiting-units')).toBe(c.waitingUnits.length);
    const intake = await follow(page, 'pending-intake', '/api/applications', {
      campaignId: c.id,
      status: 'recommended',
    });
    expect([intake.total, intake.query.get('campaign'), intake.query.get('status')]).toEqual([
      c.pendingIntake,
      c.id,
      'recommended',
    ]);
    const waiting = await follow(page, 'waiting-units', '/api/applications', {
      campaignId: c.id,
      status: 'submitted',
    });
    expect(waiting.total).toBe(c.waitingUnits.reduce((n, u) => n + u.waiting, 0));
    if (c.waitingUnits.length > 0) {
      const u = c.waitingUnits[0]!;
      const { total } = await follow(page, 'unit-link', '/api/applications', {
        campaignId: c.id,
        status: 'submitted',
        unitId: u.unitId,
      });
      expect(total).toBe(u.waiting);
    }
    await page.getByTestId('desk-quotas').first().waitFor();
    // The small funnel (ECharts) draws on its canvas and names its numbers for screen readers.
    const funnel = page.getByTestId('desk-funnel').first();
    await funnel.locator('canvas').first().waitFor();
    const steps = funnelCounts(c.byStatus.map((x) => ({ reach: STATUS_REACH[x.status], count: x.count })));
    expect(await funnel.locator('[role="img"]').getAttribute('aria-label')).toContain(
      `已提交 ${steps[0]!.count}`,
    );
    await pictures(page, 'admin', 'committee', 'desk-pending-intake');
    await page.context().close();
  });

  it('security admin: locked and password-change counts equal the API and open 账号管理 filtered', async () => {
    const page = await signedIn(browser, server, 'security');
    const desk = await deskOf<SecurityDesk>(page);
    expect(await shown(page, 'locked')).toBe(desk.locked);
    expect(await shown(page, 'must-change')).toBe(desk.mustChangePassword);
    const locked = await follow(page, 'locked', '/api/accounts', { state: 'locked' });
    expect(locked.total).toBe(desk.locked);
    const must = await follow(page, 'must-change', '/api/accounts', { state: 'must_change_password' });
    expect(must.total).toBe(desk.mustChangePassword);
    await page.getByTestId('desk-privilege-changes').waitFor();
    // Failed file integrity checks (issue #9 §5): the card says how many, as the API does.
    const integrity = page.getByTestId('desk-integrity-failures');
    await integrity.waitFor();
    expect(await integrity.locator('.ant-card-head-title').textContent()).toBe(
      `近 30 天文件完整性校验未通过（${desk.integrityFailures.total} 次）`,
    );
    await pictures(page, 'security', 'security', 'desk-locked');
    await page.context().close();
  });

  it("audit admin: today's denied requests, failed logins and account changes equal the log's totals", async () => {
    const page = await signedIn(browser, server, 'audit');
    // Something to count today: a failed login (an unknown name) and a request the auditor may not make.
    const failure = await page.request.post('/api/auth/login', {
      data: { username: 'nobody', password: 'wrong-password' },
      headers: { 'x-shifan-csrf': '1' },
    });
    expect(failure.status()).toBe(401);
    expect((await page.request.get('/api/organizations')).status()).toBe(403);
    await page.reload();
    const desk = await deskOf<AuditDesk>(page);
    expect(desk.failedLogins).toBeGreaterThanOrEqual(1);
    expect(desk.deniedRequests).toBeGreaterThanOrEqual(1);
    expect(await shown(page, 'denied')).toBe(desk.deniedRequests);
    expect(await shown(page, 'failed-logins')).toBe(desk.failedLogins);
    expect(await shown(page, 'account-changes')).toBe(desk.accountChanges);
    // The week in small: today's bar is the cards' counts; the picture's words are the desk's seven days.
    expect(desk.days).toHaveLength(7);
    expect(desk.days[6]).toEqual({
      day: new Date(Date.parse(desk.since) + 8 * 3600_000).toISOString().slice(0, 10),
      denied: desk.deniedRequests,
      failedLogins: desk.failedLogins,
      accountChanges: desk.accountChanges,
    });
    const trend = page.getByTestId('desk-audit-trend');
    await trend.locator('canvas').first().waitFor();
    expect(await trend.locator('[role="img"]').getAttribute('aria-label')).toBe(
      auditTrend(desk.days).ariaLabel,
    );
    const from = desk.since;
    const denied = await follow(page, 'denied', '/api/audit-events', { from, outcome: 'denied' });
    expect(denied.total).toBe(desk.deniedRequests);
    const failed = await follow(page, 'failed-logins', '/api/audit-events', {
      from,
      action: 'auth.login',
      outcome: 'failure',
    });
    expect(failed.total).toBe(desk.failedLogins);
    const accounts = await follow(page, 'account-changes', '/api/audit-events', {
      from,
      action: 'accounts.',
    });
    expect(accounts.total).toBe(desk.accountChanges);
    await pictures(page, 'audit', 'audit', 'desk-denied');
    await page.context().close();
  });

  it('reviewer: its stages with deadlines, or a clear empty state; no 管理范围 line', async () => {
    const page = await signedIn(browser, server, 'reviewer');
    const desk = await deskOf<ReviewerDesk>(page);
    await page.getByTestId('desk-title').waitFor();
    expect(await page.getByText('管理范围').count()).toBe(0);
    if (desk.stages.length === 0) {
      await page.getByTestId('desk-reviewer-empty').waitFor();
      await pictures(page, 'reviewer', 'reviewer', 'desk-reviewer-empty');
    } else {
      const s = desk.stages[0]!;
      expect(await page.getByTestId('desk-reviewer-stage').count()).toBe(desk.stages.length);
      await page.getByTestId('desk-reviewer-stage').first().locator('a').first().click();
      await page.waitForURL(`**/reviews?stage=${s.id}`);
      await page.getByTestId('assignment').first().waitFor();
      expect(await page.getByTestId('assignment').count()).toBe(s.assigned);
      await page.goto('/');
      await pictures(page, 'reviewer', 'reviewer', 'desk-reviewer-stage');
    }
    await page.context().close();
  });
});
