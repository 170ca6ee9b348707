/**
 * Foundation journeys (issue #2): first administrator, organisation import, unit isolation and menus
 * per role, the phone layout. A fresh server (bootstrap admin from the CLI) and a demo server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  logIn,
  openPage,
  PHONE,
  screenshot,
  startDemoServer,
  startFreshServer,
  type BootstrapAdmin,
  type TestServer,
} from './harness';
import { apiAnswer, menuKeys, orgImportXlsx, signedIn, XLSX_TYPE, type ImportCell } from './journeys';

const NEW_PASSWORD = 'Hx7#qLm2-Rv9z';

let fresh: TestServer;
let admin: BootstrapAdmin;
let demo: TestServer;
let browser: Browser;

beforeAll(async () => {
  const [f, d, b] = await Promise.all([
    startFreshServer({ admin: { username: 'founder', displayName: '首任管理员' } }),
    startDemoServer(),
    launchBrowser(),
  ]);
  fresh = f.server;
  admin = f.admin!;
  demo = d;
  browser = b;
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([fresh?.stop(), demo?.stop()]);
});

/** The checklist line of one rule: `true` when met. */
async function ruleMet(page: Page, index: number): Promise<boolean> {
  const line = page.getByTestId('pwd-checklist').locator('[data-ok]').nth(index);
  return (await line.getAttribute('data-ok')) === 'true';
}

/** The error text under a form field, by the field's data-testid. */
function fieldError(page: Page, testId: string) {
  return page
    .locator('.ant-form-item', { has: page.getByTestId(testId) })
    .locator('.ant-form-item-explain-error');
}

describe('foundation journeys', () => {
  it('a bootstrap admin logs in with the one-time password, must change it, is refused a weak one and lands on the dashboard', async () => {
    const page = await openPage(browser, fresh);
    await logIn(page, admin.username, admin.password);
    await page.waitForURL('**/change-password');
    await page.getByTestId('pwd-current').fill(admin.password);

    // A weak password: the checklist marks the unmet rules and the form refuses it.
    await page.getByTestId('pwd-new').fill('abc');
    await page.getByTestId('pwd-confirm').fill('abc');
    expect(await ruleMet(page, 0)).toBe(false); // at least 8 characters
    expect(await ruleMet(page, 1)).toBe(false); // three classes
    expect(await ruleMet(page, 4)).toBe(true); // both entries match
    await page.getByTestId('pwd-submit').click();
    await expect(fieldError(page, 'pwd-new').textContent()).resolves.toBe('新密码不符合下方的密码规则');
    await screenshot(page, 'foundation-1-weak-password');

    // A password the page accepts but the server refuses (the current one again): the server's error shows.
    await page.getByTestId('pwd-new').fill(admin.password);
    await page.getByTestId('pwd-confirm').fill(admin.password);
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/auth/password'));
    await page.getByTestId('pwd-submit').click();
    expect((await refused).status()).toBe(400);
    await fieldError(page, 'pwd-new').filter({ hasText: '新密码不能与当前密码相同' }).waitFor();
    await screenshot(page, 'foundation-1-server-refuses');

    // A strong one: every rule is met, and the dashboard greets the administrator.
    await page.getByTestId('pwd-new').fill(NEW_PASSWORD);
    await page.getByTestId('pwd-confirm').fill(NEW_PASSWORD);
    for (let i = 0; i < 5; i++) expect(await ruleMet(page, i)).toBe(true);
    await page.getByTestId('pwd-submit').click();
    await page.getByText('您好，首任管理员').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await menuKeys(page)).toContain('organizations');
    await screenshot(page, 'foundation-1-dashboard');
    await page.context().close();
  });

  it('the committee admin imports an organisation file: the bad row is shown, the fixed file is imported and searchable', async () => {
    const page = await signedIn(browser, fresh, admin.username, { password: NEW_PASSWORD });
    await page.getByTestId('menu-organizations').click();
    await page.getByTestId('org-import-button').click();
    await page.waitForURL('**/organizations/import');

    // Row 1 is the header: the unknown parent code is on spreadsheet row 5.
    const rows: ImportCell[][] = [
      ['TJ-WC', '天津市级机关工委', '市级机关工委', '机关工委', null],
      ['JT-01', '市交通运输委机关党委', null, '党委', 'TJ-WC'],
      ['JT-01-01', '市交通运输委综合处党支部', null, '党支部', 'JT-01'],
      ['SW-01-01', '市商务局外贸处党支部', null, '党支部', 'SW-99'],
      ['SW-01', '市商务局机关党委', null, '党委', 'TJ-WC'],
    ];
    const fileInput = page.locator('input[type=file]');
    await fileInput.setInputFiles({
      name: '组织-有误.xlsx',
      mimeType: XLSX_TYPE,
      buffer: await orgImportXlsx(rows),
    });
    const errors = page.getByTestId('import-preview-errors');
    await errors.waitFor();
    const errorRows = errors.locator('tbody tr.ant-table-row');
    expect(await errorRows.count()).toBe(1);
    expect(await errorRows.locator('td').allInnerTexts()).toEqual([
      '5',
      '上级组织编码',
      '上级组织编码“SW-99”在文件和系统中都不存在',
    ]);
    expect(await page.getByTestId('import-confirm').count()).toBe(0);
    await screenshot(page, 'foundation-2-import-bad-row');

    // The corrected file: no errors, confirm, and the result counts five new organisations.
    rows[3] = ['SW-01-01', '市商务局外贸处党支部', null, '党支部', 'SW-01'];
    await page.getByTestId('import-retry').click();
    await fileInput.setInputFiles({
      name: '组织.xlsx',
      mimeType: XLSX_TYPE,
      buffer: await orgImportXlsx(rows),
    });
    await page.getByTestId('import-confirm').waitFor();
    expect(await page.getByTestId('import-preview-errors').count()).toBe(0);
    await screenshot(page, 'foundation-2-import-preview-ok');
    await page.getByTestId('import-confirm').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.locator('.ant-result-subtitle').textContent()).toBe(
      '共处理 5 行：新建 5 个，更新 0 个党组织。',
    );
    await screenshot(page, 'foundation-2-import-result');

    // Search the tree page for an imported organisation.
    await result.getByRole('button', { name: '查看组织' }).click();
    await page.waitForURL('**/organizations**');
    await page.getByTestId('org-tree').getByText('天津市级机关工委').waitFor();
    const searched = apiAnswer(page, '/api/organizations', { q: '外贸处' });
    await page.getByTestId('org-search').fill('外贸处');
    await page.getByTestId('org-search').press('Enter');
    expect(await (await searched).json()).toMatchObject({ total: 1, items: [{ code: 'SW-01-01' }] });
    const names = page.getByTestId('org-table').getByTestId('org-row-name');
    await names.first().waitFor();
    expect(await names.allInnerTexts()).toEqual(['市商务局外贸处党支部']);
    await screenshot(page, 'foundation-2-search');

    // The export shows phone numbers unmasked: it asks for its purpose first (issue #9 §5, PI-02).
    await page.getByTestId('org-export-button').click();
    const purpose = page.getByTestId('export-purpose');
    await purpose.fill('核查');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    expect(await fieldError(page, 'export-purpose').textContent()).toBe('至少 4 个字符');
    await purpose.fill('年度党组织信息核查');
    const exported = apiAnswer(page, '/api/organizations/export.xlsx', {
      q: '外贸处',
      purpose: '年度党组织信息核查',
    });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.ant-modal-footer .ant-btn-primary').click(),
    ]);
    expect((await exported).status()).toBe(200);
    expect(download.suggestedFilename()).toMatch(/^党组织-\d{8}\.xlsx$/);
    await page.getByTestId('export-purpose').waitFor({ state: 'detached' });
    await page.context().close();
  });

  it("the unit admin cannot find or open another unit's organisation", async () => {
    const name = '市总工会权益保障部党支部';
    const adminPage = await signedIn(browser, demo, 'admin');
    const found = await adminPage.request.get(`/api/organizations?q=${encodeURIComponent(name)}`);
    expect(found.status()).toBe(200);
    const body = (await found.json()) as { total: number; items: { id: string; name: string }[] };
    expect(body.total).toBe(1);
    const id = body.items[0]!.id;
    expect((await adminPage.request.get(`/api/organizations/${id}`)).status()).toBe(200);
    await adminPage.context().close();

    const page = await signedIn(browser, demo, 'unit');
    await page.getByTestId('menu-organizations').click();
    await page.getByTestId('org-tree').getByText('市水务局机关党委').first().waitFor();
    const searched = apiAnswer(page, '/api/organizations', { q: name });
    await page.getByTestId('org-search').fill(name);
    await page.getByTestId('org-search').press('Enter');
    expect(await (await searched).json()).toEqual({ items: [], total: 0 });
    await page.getByTestId('org-table').locator('.ant-empty').waitFor();
    expect(await page.getByTestId('org-table').getByTestId('org-row-name').count()).toBe(0);
    await screenshot(page, 'foundation-3-unit-search-nothing');

    // By id: the API answers 404 with the unit's cookies, and the page's own request too.
    const direct = await page.request.get(`/api/organizations/${id}`);
    expect(direct.status()).toBe(404);
    expect(await direct.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const opened = apiAnswer(page, `/api/organizations/${id}`);
    await page.goto(`/organizations?org=${id}`);
    expect((await opened).status()).toBe(404);
    await page.getByTestId('org-table').waitFor();
    expect(await page.getByText(name).count()).toBe(0);
    await screenshot(page, 'foundation-3-unit-open-by-id');
    await page.context().close();
  });

  it('each role sees only its own menu entries', async () => {
    const expected: Record<string, string[]> = {
      admin: [
        'dashboard',
        'inbox',
        'cultivation',
        'intake',
        'campaigns',
        'titles',
        'rereviews',
        'honours',
        'reviewers',
        'standards',
        'organizations',
        'venues',
        'accounts',
      ],
      unit: [
        'dashboard',
        'inbox',
        'applications',
        'recommend',
        'cultivation',
        'titles',
        'organizations',
        'venues',
        'accounts',
      ],
      // Read-only registers (organisations, venues) are no menu entry of an applicant (issue #7.15).
      applicant: ['dashboard', 'inbox', 'applications'],
      audit: ['dashboard', 'inbox', 'audit'],
    };
    const seen: Record<string, string[]> = {};
    for (const username of Object.keys(expected)) {
      const page = await signedIn(browser, demo, username);
      seen[username] = await menuKeys(page);
      await screenshot(page, `foundation-3-menu-${username}`);
      if (username === 'audit') {
        // Nor by address: the accounts page is not the audit admin's.
        expect((await page.request.get('/api/accounts')).status()).toBe(403);
      }
      await page.context().close();
    }
    expect(seen).toEqual(expected);
  });

  it('on a phone the menu is a drawer that opens the organisation page', async () => {
    const page = await signedIn(browser, demo, 'admin', { viewport: PHONE });
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    await page.getByTestId('menu-toggle').click();
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByTestId('menu-organizations').waitFor({ state: 'visible' });
    await screenshot(page, 'foundation-4-phone-menu', { fullPage: false });
    await drawer.getByTestId('menu-organizations').click();
    await page.waitForURL('**/organizations**');
    await page.getByTestId('org-table').getByTestId('org-row-name').first().waitFor();
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
    await screenshot(page, 'foundation-4-phone-organizations');
    await page.getByTestId('org-tree-open').click();
    await page.locator('.ant-drawer-open').getByTestId('org-tree').waitFor({ state: 'visible' });
    await screenshot(page, 'foundation-4-phone-tree', { fullPage: false });
    await page.context().close();
  });
});
