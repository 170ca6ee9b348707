/**
 * Batch intake (issue #7 §4) on the demo: the committee ticks recommended applications in its queue and
 * returns three with one reason, then tries to accept two of which one changed meanwhile (refused as a
 * whole, the changed one named, nothing accepted), downloads the dossiers of two ticked rows as one .zip
 * (folders in the order ticked, 申报书.pdf and the evidence in each, 清单.xlsx; one audit event), then
 * accepts on a phone.
 */
import fs from 'node:fs/promises';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApplicationListItem } from '../shared/src/contracts/applications';
import { launchBrowser, PHONE, screenshot, startDemoServer, type TestServer } from './harness';
import { signedIn } from './journeys';

const REASON = '佐证材料缺少活动现场照片，请补充后重新提交。';
const MUTATION = { 'x-shifan-csrf': '1' };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The running campaign's recommended applications in the queue's default order. */
async function queue(page: Page): Promise<{ campaignId: string; items: ApplicationListItem[] }> {
  const campaigns = (await (await page.request.get('/api/campaigns?status=open')).json()) as {
    items: { id: string }[];
  };
  const campaignId = campaigns.items[0]!.id;
  const res = await page.request.get(
    `/api/applications?campaignId=${campaignId}&status=recommended&pageSize=200`,
  );
  return { campaignId, items: ((await res.json()) as { items: ApplicationListItem[] }).items };
}

async function statusOf(page: Page, id: string): Promise<string> {
  return ((await (await page.request.get(`/api/applications/${id}`)).json()) as { status: string }).status;
}

describe('batch intake', () => {
  it('returns three with one reason, and refuses a batch in which one application changed', async () => {
    const admin = await signedIn(browser, server, 'admin');
    onTestFailed(async () => {
      await screenshot(admin, 'intake-batch-failed').catch(() => undefined);
    });
    const before = await queue(admin);
    await admin.goto(`/intake?campaign=${before.campaignId}`);
    const table = admin.getByTestId('intake-table');
    await table.locator('tbody tr[data-row-key]').first().waitFor();
    const rows = table.locator('tbody tr[data-row-key]');
    const keys = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')!));
    expect(keys).toEqual(before.items.slice(0, keys.length).map((a) => a.id));

    // Tick the first three: the bar counts them, the confirmation names them and states the consequence.
    for (const i of [0, 1, 2]) await rows.nth(i).getByTestId('intake-row-select').check();
    const bar = admin.getByTestId('intake-batch-bar');
    expect(await bar.innerText()).toContain('已选 3 份');
    await screenshot(admin, 'intake-batch-1-selected', { fullPage: false });
    await bar.getByTestId('intake-batch-return').click();
    const dialog = admin.locator('.ant-modal', { hasText: '退回选中的 3 份申报' });
    const names = await dialog.getByTestId('intake-batch-names').innerText();
    for (const a of before.items.slice(0, 3)) expect(names).toContain(a.orgName);
    expect(await dialog.innerText()).toContain('任何一份不能退回时，全部不办理');
    // No reason: refused in the form, nothing sent.
    await dialog.getByTestId('intake-batch-return-ok').click();
    await dialog.locator('.ant-form-item-explain-error').first().waitFor();
    await dialog.getByTestId('intake-batch-reason').fill(REASON);
    await screenshot(admin, 'intake-batch-2-return', { fullPage: false });
    await dialog.getByTestId('intake-batch-return-ok').click();
    await admin.locator('.ant-message', { hasText: '已退回 3 份申报' }).waitFor();
    await bar.waitFor({ state: 'detached' });
    for (const a of before.items.slice(0, 3)) {
      const d = (await (await admin.request.get(`/api/applications/${a.id}`)).json()) as {
        status: string;
        returnedReason: string;
      };
      expect([d.status, d.returnedReason]).toEqual(['returned', REASON]);
    }

    // Two ticked; meanwhile the second is returned through the API (another clerk): the batch is refused.
    const now = await queue(admin);
    expect(now.items.map((a) => a.id)).toEqual(before.items.slice(3).map((a) => a.id));
    await expect.poll(() => rows.first().getAttribute('data-row-key')).toBe(now.items[0]!.id);
    await rows.nth(0).getByTestId('intake-row-select').check();
    await rows.nth(1).getByTestId('intake-row-select').check();
    const changed = now.items[1]!;
    const other = await admin.request.post(`/api/applications/${changed.id}/return`, {
      data: { reason: '另一位工作人员已退回' },
      headers: MUTATION,
    });
    expect(other.status()).toBe(200);
    await bar.getByTestId('intake-batch-accept').click();
    await admin.getByTestId('intake-batch-accept-ok').click();
    const refusal = admin.getByTestId('refusal-reasons');
    await refusal.waitFor();
    // Named by its subject (organisation and brand); it changed since the clerk saw it.
    expect(await refusal.innerText()).toMatch(
      new RegExp(`^第 2 项（${changed.orgName}.*）：该记录已被他人修改`),
    );
    await screenshot(admin, 'intake-batch-3-refused', { fullPage: false });
    expect(await statusOf(admin, now.items[0]!.id)).toBe('recommended');
    await admin.context().close();
  });

  it('downloads the dossiers of the ticked rows as one .zip', async () => {
    const admin = await signedIn(browser, server, 'admin');
    onTestFailed(async () => {
      await screenshot(admin, 'intake-batch-zip-failed').catch(() => undefined);
    });
    const { campaignId, items } = await queue(admin);
    await admin.goto(`/intake?campaign=${campaignId}`);
    const rows = admin.getByTestId('intake-table').locator('tbody tr[data-row-key]');
    await expect.poll(() => rows.first().getAttribute('data-row-key')).toBe(items[0]!.id);
    // Ticked second row first: the folders follow the order of ticking.
    await rows.nth(1).getByTestId('intake-row-select').check();
    await rows.nth(0).getByTestId('intake-row-select').check();
    const bar = admin.getByTestId('intake-batch-bar');
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      bar.getByTestId('intake-batch-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^申报材料-\d{8}-2份\.zip$/);
    await admin.locator('.ant-message', { hasText: '已下载 申报材料-' }).waitFor();
    await screenshot(admin, 'intake-batch-5-zip', { fullPage: false });

    const zip = await yauzl.fromBufferPromise(await fs.readFile((await download.path())!), {
      lazyEntries: true,
    });
    const names: string[] = [];
    for await (const e of zip.eachEntry()) names.push(e.fileName);
    zip.close();
    const folder = (n: string, a: ApplicationListItem) =>
      `${n} ${a.orgName}${a.venueName ? ` ${a.venueName}` : ''}${a.brandName ? ` - ${a.brandName}` : ''}`;
    const [first, second] = [folder('001', items[1]!), folder('002', items[0]!)];
    expect(names[0]).toBe(`${first}/申报书.pdf`);
    expect(names).toContain(`${second}/申报书.pdf`);
    expect(names.at(-1)).toBe('清单.xlsx');
    // Complete applications carry evidence for the criteria that ask for it (the demo's PDF).
    expect(names.filter((n) => n.startsWith(`${first}/佐证材料/`)).length).toBeGreaterThan(0);
    expect(
      names.every((n) => n === '清单.xlsx' || n.startsWith(`${first}/`) || n.startsWith(`${second}/`)),
    ).toBe(true);

    // One audit event naming both, read by the audit admin.
    const auditor = await signedIn(browser, server, 'audit');
    const events = (await (
      await auditor.request.get('/api/audit-events?action=applications.dossiers_download')
    ).json()) as { items: { detail: string | null }[] };
    expect(events.items.map((e) => JSON.parse(e.detail!).applicationIds)).toEqual([
      [items[1]!.id, items[0]!.id],
    ]);
    await auditor.context().close();
    await admin.context().close();
  });

  it('filters the queue by the day submitted (Beijing days), typed into the picker and kept in the URL', async () => {
    const admin = await signedIn(browser, server, 'admin');
    const { campaignId, items } = await queue(admin);
    const beijingDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
    const day = beijingDay(items[0]!.submittedAt!);
    const sameDay = items.filter((a) => a.submittedAt && beijingDay(a.submittedAt) === day).length;
    await admin.goto(`/intake?campaign=${campaignId}`);
    const rows = admin.getByTestId('intake-table').locator('tbody tr[data-row-key]');
    await rows.first().waitFor();
    await admin.getByPlaceholder('提交日期起').click();
    await admin.getByPlaceholder('提交日期起').fill(day);
    await admin.keyboard.press('Enter');
    await admin.getByPlaceholder('提交日期止').fill(day);
    await admin.keyboard.press('Enter');
    await admin.waitForURL(new RegExp(`submittedFrom=${day}&submittedTo=${day}`));
    await expect.poll(() => rows.count()).toBe(Math.min(sameDay, 20));
    await screenshot(admin, 'intake-batch-5-submitted-range', { fullPage: false });
    await admin.goto(`/intake?campaign=${campaignId}&submittedTo=2000-01-01`);
    await admin.getByTestId('intake-table').locator('.ant-empty').waitFor();
    expect(await admin.getByPlaceholder('提交日期止').inputValue()).toBe('2000-01-01');
    await admin.context().close();
  });

  it('accepts from the phone cards', async () => {
    const admin = await signedIn(browser, server, 'admin', { viewport: PHONE });
    onTestFailed(async () => {
      await screenshot(admin, 'intake-batch-phone-failed').catch(() => undefined);
    });
    const { campaignId, items } = await queue(admin);
    await admin.goto(`/intake?campaign=${campaignId}`);
    const cards = admin.getByTestId('intake-card');
    await cards.first().waitFor();
    await cards.nth(0).getByTestId('intake-card-select').check();
    await cards.nth(1).getByTestId('intake-card-select').check();
    const bar = admin.getByTestId('intake-batch-bar');
    expect(await bar.innerText()).toContain('已选 2 份');
    await screenshot(admin, 'intake-batch-4-phone', { fullPage: false });
    await bar.getByTestId('intake-batch-accept').click();
    await admin.getByTestId('intake-batch-accept-ok').click();
    await admin.locator('.ant-message', { hasText: '已受理 2 份申报' }).waitFor();
    expect([await statusOf(admin, items[0]!.id), await statusOf(admin, items[1]!.id)]).toEqual([
      'accepted',
      'accepted',
    ]);
    await admin.context().close();
  });
});
