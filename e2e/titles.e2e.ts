/**
 * Naming (命名授牌, issue #8 §2) in the browser: the committee admin certifies a publicity whose window
 * has ended (seeded by `seed-titles.ts`), sees the consequence first and the serial after; the registry
 * shows the title with its exact serial, validity and history; a certificate and a year's batch print to
 * PDF; the certificate's QR code, scanned from the rendered page (pdftoppm, jsQR), opens the title's
 * verification page, which says 有效 without login on a phone.
 * Screenshots at 1366×768 and 390×844.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import sharp from 'sharp';
import jsQR from 'jsqr';
import { signedIn } from './journeys';
import { PHONE, launchBrowser, openPage, screenshot, startSeededServer, type TestServer } from './harness';
import { chinaDateOf } from '../shared/src/domain/working-days';
import { validityEnd } from '../shared/src/domain/title-workflow';

let server: TestServer;
let browser: Browser;
let publicityId: string;
let campaignId: string;
const PASSWORD = 'Test-pass-2026'; // server/test/helpers.ts's PASSWORD: the seeded users'
const SERIAL = 'TJ-SFD-2026-001'; // the site track's first number of the campaign's year (2026)
const HOLDER = 'A党支部';

beforeAll(async () => {
  const [seeded, b] = await Promise.all([startSeededServer('e2e/seed-titles.ts'), launchBrowser()]);
  server = seeded.server;
  browser = b;
  ({ publicityId, campaignId } = JSON.parse(seeded.seeded.trim().split('\n').pop()!) as {
    publicityId: string;
    campaignId: string;
  });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Clicks `button` and answers the bytes of the file the page downloads. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; body: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download') as Promise<Download>, click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), body: fs.readFileSync(file) };
}

function pdfText(body: Buffer): string {
  const file = `${server.dataDir}/check-${Math.random().toString(36).slice(2)}.pdf`;
  fs.writeFileSync(file, body);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** The address in the QR code of the PDF's first page: rendered at 200 dpi (pdftoppm), read with jsQR. */
async function scannedQr(body: Buffer): Promise<string | null> {
  const base = `${server.dataDir}/qr-${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(`${base}.pdf`, body);
  try {
    execFileSync('pdftoppm', ['-png', '-r', '200', '-f', '1', '-l', '1', '-singlefile', `${base}.pdf`, base]);
    const { data, info } = await sharp(`${base}.png`)
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
  } finally {
    fs.rmSync(`${base}.pdf`, { force: true });
    fs.rmSync(`${base}.png`, { force: true });
  }
}

describe('naming and the title registry', () => {
  let verifyPath = '';
  let scannedPath = '';
  // Certifying happens now (the server's clock): valid from today in China for 3 years.
  const validFrom = chinaDateOf(new Date());
  const validUntil = validityEnd(validFrom, 3);

  it('certifies after the window: the consequence first, then the serial and a link to the registry', async () => {
    onTestFailed(() => console.log(server.output()));
    const chair = await signedIn(browser, server, 'cadmin', { password: PASSWORD });
    await chair.goto(`/campaigns/${campaignId}?tab=publicity`);
    await chair.getByText('公示期已满，异议均已办结，可以确认命名').waitFor();
    await screenshot(chair, 'titles-certify-ready-1366', { fullPage: false });
    await chair.getByTestId('certify-open').click();
    const consequence = chair.getByTestId('certify-consequence');
    expect(await consequence.innerText()).toBe(
      '确认后，名单上的 1 个申报将转为“已命名”，并各自授予示范称号：按类别连续编号（如 TJ-SFD-2026-001），自今日起有效。此操作不能撤回，公示随之结束。',
    );
    await screenshot(chair, 'titles-certify-confirm-1366', { fullPage: false });
    await chair.getByTestId('certify-ok').click();
    await chair.getByText('已确认命名 1 个示范对象').waitFor();
    expect(await chair.getByTestId('certify-serials').innerText()).toBe(`${SERIAL}\n${HOLDER}`);
    await chair.getByText(`称号编号如下，有效期 ${validFrom} 至 ${validUntil}（3 年）`).waitFor();
    await screenshot(chair, 'titles-certify-done-1366', { fullPage: false });

    await chair.getByTestId('certify-registry').click();
    await chair.waitForURL(`**/titles?campaign=${campaignId}`);
    const row = chair.getByTestId('titles-table').locator('tbody tr.ant-table-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    const cells = await row.first().locator('td').allInnerTexts();
    expect(cells).toEqual([
      SERIAL,
      `${HOLDER}\n清水先锋`,
      '基层党建工作示范点\n党支部\n2026 年度',
      '市水务局机关党委',
      `${validFrom} 至 ${validUntil}`,
      '有效',
      '打印证书',
    ]);
    await screenshot(chair, 'titles-registry-1366');

    // 列设置 (issue #7 §4): the day certified, hidden by default, shown and kept for this account after a
    // reload; the table still fits or scrolls; reset brings the page's columns back.
    const head = chair.getByTestId('titles-table').locator('thead');
    await chair.getByTestId('titles-columns').click();
    await chair.getByTestId('column-toggle-certifiedAt').click();
    await head.getByText('命名时间').waitFor();
    await screenshot(chair, 'titles-columns-1366', { fullPage: false });
    await chair.getByTestId('titles-columns').click();
    await chair.reload();
    await row.first().waitFor();
    const withDay = [
      SERIAL,
      `${HOLDER}\n清水先锋`,
      '基层党建工作示范点\n党支部\n2026 年度',
      '市水务局机关党委',
      `${validFrom} 至 ${validUntil}`,
      validFrom,
      '有效',
      '打印证书',
    ];
    expect(await row.first().locator('td').allInnerTexts()).toEqual(withDay);

    // The day-certified range, typed into the picker: kept in the URL; a range before today shows none.
    await chair.getByPlaceholder('命名日期起').click();
    await chair.getByPlaceholder('命名日期起').fill(validFrom);
    await chair.keyboard.press('Enter');
    await chair.getByPlaceholder('命名日期止').fill(validFrom);
    await chair.keyboard.press('Enter');
    await chair.waitForURL(new RegExp(`certifiedFrom=${validFrom}&certifiedTo=${validFrom}`));
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    const dayBefore = new Date(Date.parse(`${validFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await chair.goto(`/titles?campaign=${campaignId}&certifiedTo=${dayBefore}`);
    await chair.getByText('暂无称号。公示期满并确认命名后，称号将出现在这里。').waitFor();
    expect(await chair.getByPlaceholder('命名日期止').inputValue()).toBe(dayBefore);
    await chair.goto(`/titles?campaign=${campaignId}`);
    await row.first().waitFor();
    await chair.getByTestId('titles-columns').click();
    await chair.getByTestId('titles-columns-reset').click();
    await head.getByText('有效期').waitFor();
    expect(await head.getByText('命名时间').count()).toBe(0);
    await chair.getByTestId('titles-columns').click();

    await chair.getByTestId('title-open').click();
    const detail = chair.getByTestId('title-detail');
    await detail.waitFor();
    const history = await chair.getByTestId('title-history').innerText();
    expect(history).toContain('确认命名 → 有效');
    expect(history).toContain('公示期满确认命名');
    verifyPath = (await chair.getByTestId('title-verify-link').getAttribute('href')) ?? '';
    expect(verifyPath).toMatch(/^\/verify\/[A-Za-z0-9_-]{32}$/);
    await screenshot(chair, 'titles-detail-1366', { fullPage: false });

    const one = await downloaded(chair, () =>
      chair.locator('.ant-drawer-open').getByTestId('title-print').click(),
    );
    expect(one.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(one.body.length).toBeGreaterThan(0);
    const text = pdfText(one.body);
    expect(text).toContain('荣誉证书');
    expect(text).toContain(HOLDER);
    expect(text).toContain(SERIAL);
    // The QR code printed on the certificate, scanned: it opens this title's verification page.
    const scanned = await scannedQr(one.body);
    expect(scanned).not.toBeNull();
    expect(new URL(scanned!).pathname).toBe(verifyPath);
    scannedPath = new URL(scanned!).pathname;
    await chair.keyboard.press('Escape');

    await chair.getByTestId('titles-batch').click();
    await chair.getByTestId('titles-batch-ok').waitFor();
    await screenshot(chair, 'titles-batch-1366', { fullPage: false });
    const batch = await downloaded(chair, () => chair.getByTestId('titles-batch-ok').click());
    expect(batch.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(batch.body)).toContain(SERIAL);

    const xlsx = await downloaded(chair, () => chair.getByTestId('titles-export').click());
    expect(xlsx.name).toBe(`称号台账-${validFrom.replaceAll('-', '')}.xlsx`);
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');

    await chair.goto(`/campaigns/${campaignId}?tab=publicity`);
    await chair.getByTestId('certify-done').getByText('已确认命名，共 1 个称号').waitFor();
    expect(await chair.getByTestId('certify-open').count()).toBe(0);
    expect(publicityId).toBeTruthy();
  });

  it('the registry reads on a phone, and the certificate’s verification page says 有效 without login', async () => {
    onTestFailed(() => console.log(server.output()));
    const phone = await signedIn(browser, server, 'cadmin', { password: PASSWORD, viewport: PHONE });
    await phone.goto('/titles');
    const card = phone.getByTestId('title-card');
    await card.first().waitFor();
    expect(await card.first().innerText()).toContain(SERIAL);
    await screenshot(phone, 'titles-registry-390', { fullPage: false });
    await card.first().click();
    await phone.getByTestId('title-detail').waitFor();
    await screenshot(phone, 'titles-detail-390', { fullPage: false });

    const anyone = await openPage(browser, server, { viewport: PHONE });
    await anyone.goto(scannedPath); // as a phone camera would, from the certificate's QR code
    await anyone.getByText('证书有效').waitFor();
    const body = await anyone.locator('body').innerText();
    expect(body).toContain(SERIAL);
    expect(body).toContain(HOLDER);
    expect(body).toContain(`${validFrom} 至 ${validUntil}`);
    await screenshot(anyone, 'titles-verify-390');
  });

  it('the committee edits the certificate template, uploads a seal and prints a sample with it', async () => {
    onTestFailed(() => console.log(server.output()));
    const chair = await signedIn(browser, server, 'cadmin', { password: PASSWORD });
    await chair.goto('/titles');
    await chair.getByTestId('titles-templates').click();
    await chair.waitForURL('**/titles/templates');
    await chair.getByText('当前为系统默认模板，尚未修改过').waitFor();
    expect(await chair.getByTestId('template-heading').inputValue()).toBe('荣誉证书');
    expect(await chair.getByTestId('template-save').isDisabled()).toBe(true);

    const HEADING = '荣誉证书（二〇二六年度）';
    await chair.getByTestId('template-heading').fill(HEADING);
    await chair.getByTestId('template-dirty').getByText('有未保存的修改').waitFor();
    expect(await chair.getByTestId('template-preview').isDisabled()).toBe(true);
    expect(await chair.getByTestId('template-preview-why').innerText()).toBe(
      '请先保存修改，样张按已保存的模板打印',
    );
    expect(await chair.getByTestId('template-seal-upload').isDisabled()).toBe(true);
    // Leaving with unsaved edits asks first; staying keeps them.
    await chair.getByTestId('menu-titles').click();
    await chair.getByText('模板的修改尚未保存，离开后将丢失。').waitFor();
    await chair.getByRole('button', { name: '留在本页' }).click();
    expect(chair.url()).toContain('/titles/templates');
    expect(await chair.getByTestId('template-heading').inputValue()).toBe(HEADING);
    await screenshot(chair, 'titles-template-dirty-1366', { fullPage: false });

    await chair.getByTestId('template-save').click();
    await chair.getByText('保存后，此后打印的证书都将采用新模板；已打印的文件不受影响。').waitFor();
    await chair.getByTestId('template-save-confirm').click();
    await chair.getByText('模板已保存').waitFor();
    await chair.getByText(/^最近修改：cadmin，/).waitFor();
    expect(await chair.getByTestId('template-dirty').count()).toBe(0);

    const seal = await sharp({
      create: { width: 240, height: 240, channels: 4, background: { r: 200, g: 16, b: 46, alpha: 1 } },
    })
      .png()
      .toBuffer();
    await chair
      .locator('input[type="file"]')
      .setInputFiles({ name: 'seal.png', mimeType: 'image/png', buffer: seal });
    await chair.getByTestId('template-seal-state').getByText('已上传印章图片').waitFor();
    await screenshot(chair, 'titles-template-1366');

    const sample = await downloaded(chair, () => chair.getByTestId('template-preview').click());
    expect(sample.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(sample.body);
    expect(text).toContain(HEADING);
    expect(text).toContain(SERIAL);

    const phone = await signedIn(browser, server, 'cadmin', { password: PASSWORD, viewport: PHONE });
    await phone.goto('/titles/templates');
    await phone.getByTestId('template-heading').waitFor();
    expect(await phone.getByTestId('template-heading').inputValue()).toBe(HEADING);
    await screenshot(phone, 'titles-template-390');
  });
});
