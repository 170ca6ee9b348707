/**
 * Issue 7 §1 on the demo server: the audit log reads in words (defect 4) — no raw action code or UUID in
 * the table for any action the demo produces, the 操作 filter offers actions by name — at 1366×768 and
 * 390×844.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, PHONE, screenshot, startDemoServer, type TestServer } from './harness';
import { campaignTakingApplications, menuKeys, signedIn } from './journeys';
import { AUDIT_ACTIONS } from '../shared/src/audit-actions';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const CODES = Object.keys(AUDIT_ACTIONS);

describe('issue 7 §1.4: the audit log for an auditor', () => {
  it('shows names, not codes or UUIDs, for every event the demo produces, and filters by Chinese names', async () => {
    // More actions on record than the seed's: sign-ins of three roles and a denied request.
    for (const who of ['admin', 'unit']) {
      const p = await signedIn(browser, server, who);
      if (who === 'unit') await p.request.get('/api/audit-events');
      await p.context().close();
    }
    const page = await signedIn(browser, server, 'audit');
    // The whole log through the API, oldest first, 200 a page: the closed years make it several pages
    // (each read adds its own audit.read at the end, so the pages before stay as they were).
    const items: { action: string }[] = [];
    for (let n = 1; ; n++) {
      const api = await page.request.get(`/api/audit-events?pageSize=200&sort=at&page=${n}`);
      const batch = ((await api.json()) as { items: { action: string }[] }).items;
      items.push(...batch);
      if (batch.length < 200) break;
    }
    expect(items.length).toBeGreaterThan(800);
    const actions = new Set(items.map((e) => e.action));
    for (const a of [
      'demo.seed',
      'auth.login',
      'authz.denied',
      'panel.draw',
      'stages.delete',
      'decisions.line',
    ])
      expect(actions).toContain(a);

    // The table, page by page through the pager as a reader would: no UUID or action code on any page.
    await page.goto('/audit?pageSize=200&sort=at');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor({ state: 'visible' });
    const pages = Math.ceil(items.length / 200);
    let text = '';
    let shown = 0;
    for (let n = 1; n <= pages; n++) {
      if (n > 1) {
        await Promise.all([
          page.waitForResponse(
            (r) => r.url().includes('/api/audit-events?') && r.url().includes(`page=${n}`),
          ),
          page.locator('.ant-pagination-next').click(),
        ]);
        await page.locator(`.ant-pagination-item-active[title="${n}"]`).waitFor();
        await rows.first().waitFor({ state: 'visible' });
      }
      const pageText = await page.locator('.ant-table-tbody').innerText();
      expect(pageText, `page ${n}`).not.toMatch(UUID);
      for (const code of CODES) expect(pageText, `page ${n}: ${code}`).not.toContain(code);
      shown += await rows.count();
      text += pageText;
    }
    expect(shown).toBeGreaterThanOrEqual(items.length);
    expect(text).toContain('生成演示数据');
    expect(text).toContain('越权访问被拒绝');
    expect(text).toContain('查询审计日志'); // the API reads above, now on record
    expect(text).toContain('市水务局机关党委'); // the unit admin's scope, by name
    expect(text).toContain('王建华（admin）');
    expect(text).not.toContain('{"filters"'); // the log's own reads in words

    // The closed years' records, filtered by object type as a reader would: named, deleted stages too.
    const closedYears: [string, string[]][] = [
      [
        'draw',
        ['2024年度“双示范”创建 · 实地考察 · 专家组抽取', '2025年度“双示范”创建 · 实地考察 · 评审任务分配'],
      ],
      ['stage', ['2024年度“双示范”创建 · 实地考察', '2025年度“双示范”创建 · 现场讲述（已删除）']],
      ['decision', ['2024年度“双示范”创建', '2025年度“双示范”创建']],
    ];
    for (const [type, labels] of closedYears) {
      await page.goto(`/audit?pageSize=50&sort=at&objectType=${type}`);
      await rows.first().waitFor({ state: 'visible' });
      const filtered = await page.locator('.ant-table-tbody').innerText();
      expect(filtered, type).not.toMatch(UUID);
      for (const l of labels) expect(filtered, type).toContain(l);
      await screenshot(page, `defects-4-audit-${type}`, { fullPage: false });
    }
    await page.goto('/audit?pageSize=200');
    await rows.first().waitFor({ state: 'visible' });
    await screenshot(page, 'defects-4-audit-desktop', { fullPage: false });

    // The expanded row: the changes by field name, ids named.
    await page.locator('.ant-table-row-expand-icon').first().click();
    await page.locator('.ant-table-expanded-row').first().waitFor({ state: 'visible' });
    await screenshot(page, 'defects-4-audit-expanded', { fullPage: false });

    // The 操作 filter: every action by its Chinese name, grouped by module.
    await page.getByTestId('audit-action').click();
    await page.keyboard.type('锁定');
    const options = page.locator('.ant-select-dropdown .ant-select-item-option');
    await options.first().waitFor({ state: 'visible' });
    const offered = await options.allInnerTexts();
    expect(offered).toEqual(expect.arrayContaining(['账号锁定', '解除锁定']));
    for (const o of offered) expect(o).not.toMatch(/[a-z]+\.[a-z_]+/);
    await screenshot(page, 'defects-4-audit-filter', { fullPage: false });
    await page.context().close();

    const phone = await signedIn(browser, server, 'audit', { viewport: PHONE });
    await phone.goto('/audit');
    await phone.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ state: 'visible' });
    expect(await phone.locator('.ant-table-tbody').innerText()).not.toMatch(UUID);
    await screenshot(phone, 'defects-4-audit-phone', { fullPage: false });
    await phone.context().close();
  });

  it('a submitted application’s completeness panel says what was submitted, never 可以提交 (defect 9)', async () => {
    for (const viewport of [undefined, PHONE]) {
      const page = await signedIn(browser, server, 'unit', { viewport });
      const res = await page.request.get('/api/applications?status=submitted&pageSize=1');
      const { items } = (await res.json()) as { items: { id: string }[] };
      expect(items).toHaveLength(1);
      await page.goto(`/applications/${items[0]!.id}`);
      const card = page.getByTestId('completeness');
      await card.getByTestId('submitted-summary').waitFor({ state: 'visible' });
      const text = await card.innerText();
      expect(text).toContain('提交内容');
      expect(text).toMatch(/已提交 \d+ 项指标的自评和 [1-9]\d* 份佐证材料/); // the demo seeds its evidence
      expect(text).not.toContain('可以提交');
      expect(text).not.toContain('待完善');
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, `defects-9-submitted-${viewport ? 'phone' : 'desktop'}`, { fullPage: false });
      await page.context().close();
    }
  });

  it('evidence listings name the file type in words, the criterion each file supports, one size format (defect 13)', async () => {
    for (const viewport of [undefined, PHONE]) {
      const admin = await signedIn(browser, server, 'admin', { viewport });
      await admin.goto('/intake');
      await admin
        .getByTestId(viewport ? 'intake-card' : 'intake-row-open')
        .first()
        .click();
      const files = admin.getByTestId('intake-evidence-file');
      await files.first().waitFor({ state: 'visible' });
      const texts = await files.allInnerTexts();
      expect(texts.length).toBeGreaterThanOrEqual(4);
      for (const t of texts) {
        expect(t).toMatch(/指标 \d：\S+/); // the criterion it supports
        expect(t).toMatch(/PDF · \d+(\.\d)? (B|KB|MB) · \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
        expect(t).not.toContain('application/');
      }
      await files.first().scrollIntoViewIfNeeded();
      await screenshot(admin, `defects-13-intake-evidence-${viewport ? 'phone' : 'desktop'}`, {
        fullPage: false,
      });
      await admin.context().close();
    }
  });

  it('read-only roles get no menu entry for a page where they can do nothing (defect 15)', async () => {
    const expected: Record<string, string[]> = {
      security: ['dashboard', 'inbox', 'accounts'],
      applicant: ['dashboard', 'inbox', 'applications'],
      reviewer: ['dashboard', 'inbox', 'reviews'],
      audit: ['dashboard', 'inbox', 'audit'],
    };
    for (const [username, keys] of Object.entries(expected)) {
      const page = await signedIn(browser, server, username);
      expect(await menuKeys(page), username).toEqual(keys);
      const home = await page.locator('main').innerText();
      expect(home, username).not.toContain('管理范围：全部');
      if (username !== 'applicant') expect(home, username).not.toContain('管理范围');
      await screenshot(page, `defects-15-menu-${username}`, { fullPage: false });
      await page.context().close();
    }
    const phone = await signedIn(browser, server, 'security', { viewport: PHONE });
    await phone.getByTestId('menu-toggle').click();
    await phone.locator('.ant-drawer-open').getByTestId('menu-accounts').waitFor({ state: 'visible' });
    expect(await phone.locator('.ant-drawer-open [data-testid="menu-organizations"]').count()).toBe(0);
    await screenshot(phone, 'defects-15-menu-security-phone', { fullPage: false });
    await phone.context().close();
  });

  it('立即截止申报 asks first, says what happens to drafts and unrecommended applications, and is audited (defect 17)', async () => {
    const admin = await signedIn(browser, server, 'admin');
    const headers = { 'x-shifan-csrf': '1' };
    const created = await admin.request.post('/api/campaigns', {
      headers,
      data: campaignTakingApplications('缺陷回归·立即截止申报'),
    });
    expect(created.status()).toBe(201);
    const c = (await created.json()) as { id: string; version: number };
    const opened = await admin.request.post(`/api/campaigns/${c.id}/transition`, {
      headers,
      data: { to: 'open', version: c.version },
    });
    expect(opened.status()).toBe(200);
    await admin.goto(`/campaigns/${c.id}`);
    await admin.getByTestId('campaign-close-intake').click();
    const text = admin.getByTestId('close-intake-text');
    await text.waitFor({ state: 'visible' });
    const said = await text.innerText();
    expect(said).toContain('草稿和被退回的申报不能再提交');
    expect(said).toContain('未获推荐的申报将终止');
    await screenshot(admin, 'defects-17-close-intake-confirm', { fullPage: false });
    await admin.getByTestId('close-intake-ok').click();
    await admin.getByTestId('campaign-close-intake').waitFor({ state: 'detached' });
    const detail = (await (await admin.request.get(`/api/campaigns/${c.id}`)).json()) as {
      timeline: { applicationClosesAt: string };
    };
    expect(Date.parse(detail.timeline.applicationClosesAt)).toBeLessThanOrEqual(Date.now());
    await admin.context().close();

    const phone = await signedIn(browser, server, 'admin', { viewport: PHONE });
    await phone.goto(`/campaigns/${c.id}`);
    await phone.getByTestId('campaign-timeline').waitFor({ state: 'visible' });
    expect(await phone.getByTestId('campaign-close-intake').count()).toBe(0); // intake is over
    await screenshot(phone, 'defects-17-closed-phone', { fullPage: false });
    await phone.context().close();
  });

  it('tables fit or scroll at 1366: no column squeezed to a character or hidden under a fixed one (defect 7)', async () => {
    const admin = await signedIn(browser, server, 'admin');
    await admin.goto('/organizations');
    await admin.getByTestId('org-search').fill('排水');
    await admin.getByTestId('org-search').press('Enter');
    const table = admin.getByTestId('org-table');
    await table.getByTestId('org-row-name').first().waitFor();
    // The 所属直属党组织 cells show the whole name, left of the fixed 操作 column without scrolling.
    const unitCells = table.locator('tbody tr.ant-table-row td:nth-child(2)');
    const clipped = await unitCells.evaluateAll((tds) =>
      tds.filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent),
    );
    expect(clipped).toEqual([]);
    for (const text of await unitCells.allInnerTexts()) expect(text).toMatch(/^市.+党委$/);
    const unitBox = await unitCells.first().boundingBox();
    const actions = await table.locator('thead th', { hasText: '操作' }).boundingBox();
    expect(unitBox && actions && unitBox.x + unitBox.width <= actions.x + 1).toBe(true);
    await screenshot(admin, 'defects-7-org-search', { fullPage: false });

    await admin.goto('/venues');
    const venues = admin.getByTestId('venue-table');
    await venues.locator('tbody tr.ant-table-row').first().waitFor();
    // Scrolled to the far right, every column is clear of the fixed status column.
    await venues.locator('.ant-table-content').evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
    });
    await admin.waitForTimeout(300);
    const year = await venues.locator('th', { hasText: '建成年份' }).boundingBox();
    const status = await venues.locator('thead tr th').last().boundingBox();
    expect(year && status && year.x + year.width <= status.x + 1).toBe(true);
    await screenshot(admin, 'defects-7-venues', { fullPage: false });
    await admin.context().close();
  });
});
