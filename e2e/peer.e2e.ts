/**
 * The peer rater's journey (issue #6 §5, §9): the committee draws a peer stage's groups (API, recorded
 * seed); the applicant of 市水务局排水五所党支部 finds 互比互评 in its menu, sees whom it ranks by name (never
 * itself), the member of its own unit it may not rate, and the other raters by pseudonym only; it reorders
 * with the arrows, saves a draft, and on a phone submits after a confirmation that lists the order; the
 * sheet locks, and a stale page's save is refused with the server's words.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, screenshot, startSeededServer, type TestServer } from './harness';
import { menuKeys, signedIn } from './journeys';

const PASSWORD = 'Test-pass-2026'; // server/test/helpers.ts's PASSWORD: the seeded users'
const CSRF = { 'x-shifan-csrf': '1' };

let server: TestServer;
let browser: Browser;
let stageId: string;

beforeAll(async () => {
  const [seeded, b] = await Promise.all([startSeededServer('e2e/seed-peer.ts'), launchBrowser()]);
  server = seeded.server;
  browser = b;
  ({ stageId } = JSON.parse(seeded.seeded.trim().split('\n').pop()!) as { stageId: string });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const rankNames = (page: Page) => page.getByTestId('peer-rank-name').allInnerTexts();

describe('a peer rater', () => {
  it('sees no 互比互评 entry before the groups are drawn', async () => {
    const page = await signedIn(browser, server, 'appl', { password: PASSWORD });
    // The entry depends on GET /api/peer/sheets/mine: read the menu once that answer is in.
    await page.waitForLoadState('networkidle');
    expect(await menuKeys(page)).not.toContain('peer');
    await page.context().close();
  });

  it('ranks the other members of its group by name and saves a draft (1366×768)', async () => {
    onTestFailed(() => console.log(server.output()));
    const committee = await signedIn(browser, server, 'cadmin', { password: PASSWORD });
    const drawn = await committee.request.post(`/api/stages/${stageId}/peer-groups`, {
      headers: CSRF,
      data: { seed: 20261207, preview: false },
    });
    expect(drawn.status(), await drawn.text()).toBe(200);
    expect((await drawn.json()).groups[0].members).toHaveLength(5);
    await committee.context().close();

    const page = await signedIn(browser, server, 'appl', { password: PASSWORD, viewport: DESKTOP });
    // The entry appears when GET /api/peer/sheets/mine answers (it failed once on a loaded machine when
    // the menu was read before that).
    await page.getByTestId('menu-peer').waitFor();
    expect(await menuKeys(page)).toContain('peer');
    await page.getByTestId('menu-peer').click();
    await page.getByTestId('peer-sheet').waitFor();
    const names = await rankNames(page);
    expect([...names].sort()).toEqual(
      ['市商务局外资处党支部', '市总工会权益保障部党支部二', '市教委基础教育处党支部'].sort(),
    );
    expect(names).not.toContain('市水务局排水五所党支部');
    expect(await page.getByTestId('peer-excluded').innerText()).toContain('市水务局供水三所党支部');
    const raters = await page.getByTestId('peer-raters').innerText();
    expect(raters).toContain('已提交 0 / 4');
    expect(raters).not.toContain('党支部');
    expect(await page.getByTestId('peer-howto').innerText()).toMatch(/代号“[甲乙丙丁戊]”/);

    // The last goes to the top with the arrows.
    await page.getByTestId('peer-rank-row').nth(2).getByTestId('peer-up').click();
    await page.getByTestId('peer-rank-row').nth(1).getByTestId('peer-up').click();
    const order = await rankNames(page);
    expect(order[0]).toBe(names[2]);
    await page.getByTestId('peer-save').click();
    await page.getByText('草稿已保存').first().waitFor();
    expect(await page.getByTestId('peer-status').innerText()).toBe('草稿');
    expect(await rankNames(page)).toEqual(order);
    await screenshot(page, 'peer-1-sheet-desktop');
    await page.context().close();
  });

  it('submits on a phone; the sheet locks and a stale page is refused with the reason', async () => {
    onTestFailed(() => console.log(server.output()));
    const stale = await signedIn(browser, server, 'appl', { password: PASSWORD, viewport: DESKTOP });
    await stale.goto('/peer');
    await stale.getByTestId('peer-sheet').waitFor();

    const page = await signedIn(browser, server, 'appl', { password: PASSWORD, viewport: PHONE });
    await page.goto('/peer');
    await page.getByTestId('peer-sheet').waitFor();
    const order = await rankNames(page);
    await page.getByTestId('peer-rank-row').nth(0).getByTestId('peer-down').click();
    const final = [order[1]!, order[0]!, order[2]!];
    expect(await rankNames(page)).toEqual(final);
    await screenshot(page, 'peer-2-sheet-phone', { fullPage: false });
    await page.getByTestId('peer-submit').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.getByTestId('peer-submit-summary').innerText()).toBe(final.join('\n'));
    await screenshot(page, 'peer-3-confirm-phone', { fullPage: false });
    await confirm.getByRole('button', { name: '确认提交' }).click();
    await page.getByText('评价已锁定').first().waitFor();
    expect(await page.getByTestId('peer-status').innerText()).toBe('已提交');
    expect(await page.getByTestId('peer-submit').count()).toBe(0);
    const mine = (await (await page.request.get('/api/peer/sheets/mine')).json()).items[0];
    expect(mine.status).toBe('locked');
    expect(
      mine.ranking.map(
        (p: string) => mine.targets.find((t: { pseudonym: string }) => t.pseudonym === p).organizationName,
      ),
    ).toEqual(final);
    await screenshot(page, 'peer-4-locked-phone');

    // The page opened before the submit still offers to save: the server refuses, and the page says why.
    await stale.getByTestId('peer-save').click();
    const note = stale.locator('.ant-notification-notice');
    await note.waitFor();
    expect(await note.innerText()).toContain('互评表已提交，不能再修改');
    // …and the page reloads the sheet: now locked.
    await stale.getByTestId('peer-status').getByText('已提交').waitFor();
    await screenshot(stale, 'peer-5-refused-desktop', { fullPage: false });
  });
});
