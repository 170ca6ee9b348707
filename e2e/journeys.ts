/**
 * Small steps the journeys share: a signed-in page, the side menu's entries, files built in memory.
 * Selectors are the web's data-testid hooks; texts are the zh-CN catalogue's.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page, Response } from 'playwright-core';
import { IMPORT_COLUMNS } from '../shared/src/contracts/organizations';
import { DEMO_PASSWORD, logIn, openPage, type TestServer } from './harness';

/** Logs in on a new browser context and waits for the signed-in layout (the user menu). */
export async function signedIn(
  browser: Browser,
  server: TestServer,
  username: string,
  opts: { password?: string; viewport?: { width: number; height: number }; timezoneId?: string } = {},
): Promise<Page> {
  const page = await openPage(browser, server, { viewport: opts.viewport, timezoneId: opts.timezoneId });
  await logIn(page, username, opts.password ?? DEMO_PASSWORD);
  await page.getByTestId('user-menu').waitFor({ state: 'visible' });
  return page;
}

/**
 * A campaign's settings for a journey that needs one taking applications: the site track for branches
 * (quota 5), applications opened an hour ago and closing in 20 days, the later dates after.
 */
export function campaignTakingApplications(name: string, now = Date.now()) {
  const at = (days: number) => new Date(now + days * 24 * 3600 * 1000).toISOString();
  return {
    year: new Date(now).getFullYear(),
    name,
    tracks: [{ track: 'site', eligibleKinds: ['branch'] }],
    quotas: [{ track: 'site', orgKind: 'branch', quota: 5 }],
    timeline: {
      applicationOpensAt: at(-1 / 24),
      applicationClosesAt: at(20),
      recommendationDeadline: at(25),
      reviewStartsAt: at(30),
      reviewEndsAt: at(40),
      publicityStartsAt: at(45),
      publicityEndsAt: at(52),
    },
  };
}

/** The side menu's entries in order, as their keys (`menu-organizations` → `organizations`). */
export async function menuKeys(page: Page): Promise<string[]> {
  const items = page.locator('.ant-menu [data-testid^="menu-"]');
  await items.first().waitFor({ state: 'visible' });
  const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace(/^menu-/, ''));
}

/** Waits for the answer of an API GET whose path (and query, if given) match. */
export function apiAnswer(page: Page, path: string, query: Record<string, string> = {}): Promise<Response> {
  return page.waitForResponse((res) => {
    const url = new URL(res.url());
    if (url.pathname !== path || res.request().method() !== 'GET') return false;
    return Object.entries(query).every(([k, v]) => url.searchParams.get(k) === v);
  });
}

export type ImportCell = string | number | null;

/** An organisation import file: the template's zh-CN header row, then the rows (code, name, short name, kind, parent code, …). */
export async function orgImportXlsx(rows: ImportCell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('组织信息');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.zh));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A one-page PDF with a line of text, small enough for any evidence limit (the demo's evidence file is one). */
export { onePagePdf } from '../server/src/demo/evidence-file';
