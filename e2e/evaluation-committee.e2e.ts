/**
 * The committee's evaluation journey (issue #6 §9) on the demo server: apply the seed's stage template, move
 * the campaign into review, open the first stage, draw a panel at random (preview, then commit with the
 * previewed seed), auto-assign k experts per application with a preview of the loads and the recorded seed,
 * and follow the progress — at 1366×768 and on a 390×844 phone.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, PHONE, screenshot, startDemoServer, type TestServer } from './harness';
import { signedIn } from './journeys';

let server: TestServer;
let browser: Browser;
let page: Page;
let campaignId = '';

const MUTATION = { 'x-shifan-csrf': '1' };

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  page = await signedIn(browser, server, 'admin');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function json(
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  data?: unknown,
): Promise<Record<string, unknown>> {
  const res =
    method === 'GET'
      ? await page.request.get(url)
      : method === 'PATCH'
        ? await page.request.patch(url, { data, headers: MUTATION })
        : await page.request.post(url, { data, headers: MUTATION });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok()) throw new Error(`${method} ${url} answered ${res.status()}: ${JSON.stringify(body)}`);
  return body;
}

describe('the committee evaluates', () => {
  it('applies the seed’s stage template in one click', async () => {
    onTestFailed(() => console.error(server.output().slice(-4000)));
    const list = (await json('GET', '/api/campaigns?year=2026')) as { items: { id: string }[] };
    campaignId = list.items[0]!.id;
    await page.goto(`/campaigns/${campaignId}`);
    await page.getByTestId('tab-stages').click();
    await page.getByTestId('stages-panel').waitFor();
    await page.getByTestId('stage-template').click();
    await page.getByTestId('template-seed').click();
    const confirm = page.getByTestId('template-confirm');
    await confirm.waitFor();
    expect(await confirm.locator('li').count()).toBe(5);
    await screenshot(page, 'evaluation-1-template-confirm', { fullPage: false });
    await page.getByRole('button', { name: '确认创建' }).click();
    await page.getByTestId('stage-row-5').waitFor();
    expect(await page.getByTestId('weight-sums').locator('.ant-tag-success').count()).toBeGreaterThan(0);
    await screenshot(page, 'evaluation-2-stages');
  });

  it('opens the first stage once the campaign is in review', async () => {
    // The demo's 2026 intake is over (recommendation deadline passed): the campaign moves into review. Where
    // the deadline is still ahead (an older demo), end it a few seconds from now first (dates move forward only).
    const c = (await json('GET', `/api/campaigns/${campaignId}`)) as {
      version: number;
      timeline: Record<string, string>;
    };
    let version = c.version;
    if (Date.parse(c.timeline.recommendationDeadline!) > Date.now()) {
      const soon = Date.now() + 5000;
      const timeline: Record<string, string> = {};
      if (Date.parse(c.timeline.applicationClosesAt!) > Date.now())
        timeline.applicationClosesAt = new Date(soon).toISOString();
      timeline.recommendationDeadline = new Date(soon + 1000).toISOString();
      version = (
        (await json('PATCH', `/api/campaigns/${campaignId}`, { version, timeline })) as { version: number }
      ).version;
      await new Promise((r) => setTimeout(r, soon + 2500 - Date.now()));
    }
    await json('POST', `/api/campaigns/${campaignId}/transition`, { to: 'reviewing', version });
    for (let i = 1; i <= 6; i++)
      await json('POST', '/api/reviewers', {
        username: `expert0${i}`,
        displayName: ['李明', '张华', '刘洋', '赵敏', '孙强', '周静'][i - 1],
        externalAffiliation: `天津市属高校 ${i}`,
        expertise: ['党建'],
      });
    await page.reload();
    await page.getByTestId('stage-open-1').click();
    await page.getByTestId('move-open-text').waitFor();
    onTestFailed(async () => {
      await screenshot(page, 'evaluation-failed-open', { fullPage: false });
    });
    await page.waitForTimeout(500); // the confirmation finishes appearing
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').last().click(); // 开启
    await page.getByTestId('stage-row-1').getByText('进行中').waitFor();
    await screenshot(page, 'evaluation-3-stage-open');
  });

  it('draws a panel and auto-assigns with a preview and the recorded seed', async () => {
    await page.getByTestId('stage-detail-1').click();
    await page.getByTestId('stage-title').waitFor();
    await page.locator('input[data-testid="draw-count"], [data-testid="draw-count"] input').fill('6');
    await page.getByTestId('draw-preview').click();
    await page.getByTestId('draw-result').waitFor();
    await page.getByTestId('draw-commit').click();
    await page.getByRole('button', { name: '确认抽取' }).last().click();
    // Six drawn from the available experts (the demo's pool and the six added above).
    await expect.poll(() => page.getByTestId('panel-table').locator('tr.ant-table-row').count()).toBe(6);
    await page.getByTestId('tab-assignments').click();
    await page.locator('input[data-testid="auto-k"], [data-testid="auto-k"] input').fill('3');
    await page.getByTestId('auto-preview').click();
    const result = page.getByTestId('auto-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/随机种子 \d+/);
    await screenshot(page, 'evaluation-4-auto-preview');
    await page.getByTestId('auto-commit').click();
    await page.getByRole('button', { name: '确认分配' }).last().click();
    await page.getByText(/已分配 \d+ 条（种子 \d+）/).waitFor();
    await page.getByTestId('assignment-board').waitFor();
    await screenshot(page, 'evaluation-5-board');
    await page.getByTestId('tab-progress').click();
    await page.getByTestId('progress-counts').waitFor();
    expect(await page.getByTestId('progress-counts').innerText()).toMatch(/已锁定 0 \/ 已分配 \d+/);
    // 催办: the confirmation names how many experts and reviews; the answer says the same numbers.
    const button = page.getByTestId('remind-experts');
    const experts = Number(/（(\d+) 位专家）/.exec(await button.innerText())?.[1]);
    expect(experts).toBe(6);
    await button.click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.getByText(`将向 ${experts} 位专家各发送一条站内提醒`, { exact: false }).waitFor();
    await screenshot(page, 'evaluation-5b-remind-confirm');
    await page.getByRole('button', { name: '发送提醒' }).click();
    await page.getByText(new RegExp(`已提醒 ${experts} 位专家（共 \\d+ 份评审未锁定）`)).waitFor();
  });

  it('is usable on a phone: the stage list and the progress', async () => {
    const phone = await signedIn(browser, server, 'admin', { viewport: PHONE });
    await phone.goto(`/campaigns/${campaignId}?tab=stages`);
    await phone.getByTestId('stage-cards').waitFor();
    await screenshot(phone, 'evaluation-6-phone-stages');
    await phone.getByTestId('stage-detail-1').click();
    await phone.getByTestId('tab-progress').click();
    await phone.getByTestId('progress-counts').waitFor();
    await screenshot(phone, 'evaluation-7-phone-progress');
    await phone.context().close();
  });

  it('closes a stage whose reviews are not done only with a stated reason', async () => {
    await page.goto(`/campaigns/${campaignId}?tab=stages`);
    onTestFailed(async () => {
      await screenshot(page, 'evaluation-failed-close', { fullPage: false });
    });
    await page.getByTestId('stage-close-1').click();
    await page.getByTestId('move-close-text').waitFor();
    await page.waitForTimeout(500); // the confirmation finishes appearing
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').last().click(); // 结束
    // Nobody has scored yet: the server refuses (409 STAGE_INCOMPLETE) and the page says how much is missing.
    const dialog = page.getByTestId('close-incomplete');
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(
      /\d+ 项申报计入的评分少于本环节要求的 \d+ 份，0 份评分已保存但未确认锁定/,
    );
    await screenshot(page, 'evaluation-8-close-incomplete', { fullPage: false });
    await page.getByTestId('close-reason').fill('实地考察因故提前结束，未评分的申报转入集体评审');
    await page.getByRole('button', { name: '说明原因并结束' }).click();
    await page.getByTestId('stage-row-1').getByText('已结束').waitFor();
  });
});

describe('the committee imports experts from a spreadsheet', () => {
  const HEADER = '用户名,姓名,电子邮箱,所属党组织编码,外部单位,职称,专长,是否可参加,说明';
  const file = (lines: string[]) => ({
    name: '评审专家.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join('\n')}\n`),
  });

  it('checks the file, names the bad rows, imports on confirmation and hands out the one-time passwords once', async () => {
    await page.goto('/reviewers');
    onTestFailed(async () => {
      await screenshot(page, 'evaluation-failed-import', { fullPage: false });
    });
    await page.getByTestId('reviewer-import').click();
    const input = page.locator('.ant-modal input[type=file]');
    await input.setInputFiles(
      file(['admin,重名专家,,,市委党校,,,,', 'e2e.chen,陈静,,,市委党校,教授,党建理论、廉政,是,']),
    );
    const problems = page.getByTestId('reviewer-import-problems');
    await problems.waitFor();
    expect(await problems.locator('tbody tr').allInnerTexts()).toEqual(['2\t用户名\t该用户名已被使用']);
    await screenshot(page, 'evaluation-9-import-problems', { fullPage: false });
    await page.getByRole('button', { name: '换一个文件' }).click();
    await input.setInputFiles(
      file([
        'e2e.chen,陈静,,,市委党校,教授,党建理论、廉政,是,',
        'e2e.zhou,周强,,,天津大学,副教授,党史,否,出差至月底',
      ]),
    );
    const preview = page.getByTestId('reviewer-import-preview');
    await preview.waitFor();
    expect(await preview.locator('tbody tr').count()).toBe(2);
    await screenshot(page, 'evaluation-10-import-preview', { fullPage: false });
    await page.getByTestId('reviewer-import-confirm').click();
    await page.getByText('将创建 2 个评审专家账号').waitFor();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').last().click();
    const accounts = page.getByTestId('reviewer-import-accounts');
    await accounts.waitFor();
    expect(await accounts.locator('tbody tr').count()).toBe(2);
    await screenshot(page, 'evaluation-11-import-passwords', { fullPage: false });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('reviewer-import-passwords').click(),
    ]);
    const csv = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
    expect(
      csv
        .split('\r\n')
        .slice(0, 3)
        .map((l) => l.split(',').slice(0, 2).join(',')),
    ).toEqual(['\uFEFF登录账号,姓名', 'e2e.chen,陈静', 'e2e.zhou,周强']);
    await page.getByTestId('reviewer-import-done').click();
    await page.getByTestId('reviewer-search').fill('e2e.');
    await page.getByTestId('reviewer-search').press('Enter');
    await page.getByTestId('reviewer-table').getByText('周强').waitFor();
  });
});
