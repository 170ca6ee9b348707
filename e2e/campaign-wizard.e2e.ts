/**
 * The committee's campaign wizard and campaign page in a real browser (issue #3): a new campaign through
 * every wizard step (tracks, kinds, standards, quotas with the article's figures, a unit cap, the timeline
 * typed and picked in antd's date pickers) saved as a draft and opened; "copy from last year" from the
 * campaign list; and the edit drawer of an open campaign, where quotas and the dates still ahead may change
 * and everything else is locked (disabled in the form, 409 CAMPAIGN_LOCKED from the server).
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { CampaignDetail, CampaignSummary } from '../shared/src/contracts/campaigns';
import { shiftYears, TIMELINE_ORDER, yearOf } from '../shared/src/domain/campaign-rules';
import { launchBrowser, PHONE, screenshot, startDemoServer, type TestServer } from './harness';
import { signedIn } from './journeys';

/** The demo's running campaign is this (Beijing) year's; the wizard sets up next year's. */
const YEAR = yearOf(new Date());
const NEXT = YEAR + 1;
const NAME = `${NEXT}年度“双示范”创建活动（端到端）`;
const SOURCE = `${YEAR}年度“双示范”创建`;
const COPY = `${NEXT}年度“双示范”创建`;
const SITE = '基层党建工作示范点';
const VENUE = '党员教育活动示范阵地';
const CAP_UNIT = '市水务局机关党委';
const MUTATION = { 'x-shifan-csrf': '1' };

type Field = (typeof TIMELINE_ORDER)[number];

/** A wall-clock time in Beijing (the browser's time zone) as the API's ISO instant. */
const cst = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`).toISOString();

/** What the wizard enters: the dates as typed (or picked), in order. */
const DATES: Record<Field, string> = {
  applicationOpensAt: `${NEXT}-03-08 09:00`,
  applicationClosesAt: `${NEXT}-05-28 17:00`, // picked in the calendar panel, the others typed
  recommendationDeadline: `${NEXT}-06-18 17:00`,
  reviewStartsAt: `${NEXT}-07-05 09:00`,
  reviewEndsAt: `${NEXT}-10-29 17:00`,
  publicityStartsAt: `${NEXT}-11-12 09:00`,
  publicityEndsAt: `${NEXT}-11-19 17:00`,
};
const LATER_DEADLINE = `${NEXT}-06-25 17:00`;

let server: TestServer;
let browser: Browser;
/** Carried from one step of the journey to the next. */
const state: { wizardId?: string } = {};

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The `<input>` of an antd control found by its data-testid (on the input itself or on a wrapper). */
const inputOf = (loc: Locator) => loc.locator('xpath=self::input|.//input').first();

/** The picker popup that is open now. */
const openDropdown = (page: Page, kind: 'picker' | 'select') =>
  page.locator(`.ant-${kind}-dropdown:not(.ant-${kind}-dropdown-hidden)`);

async function campaign(page: Page, id: string): Promise<CampaignDetail> {
  const res = await page.request.get(`/api/campaigns/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as CampaignDetail;
}

async function campaignByName(page: Page, year: number, name: string): Promise<CampaignSummary> {
  const res = await page.request.get(`/api/campaigns?year=${year}`);
  const items = ((await res.json()) as { items: CampaignSummary[] }).items;
  const hit = items.find((c) => c.name === name);
  if (!hit) throw new Error(`No ${year} campaign named ${name}: ${items.map((c) => c.name).join(', ')}`);
  return hit;
}

/** Types a date and time into an antd date picker as a user would, and confirms with Enter. */
async function typeDate(scope: Page | Locator, field: Field, value: string): Promise<void> {
  const input = inputOf(scope.getByTestId(`wizard-date-${field}`));
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
}

/** Picks a date in the picker's calendar panel, an hour in its time column, and presses 确定. */
async function pickDate(page: Page, field: Field, day: string, hour: string): Promise<void> {
  await inputOf(page.getByTestId(`wizard-date-${field}`)).click();
  // The picker typed into just before may still be fading out (slowly on a loaded machine): wait until
  // this one is the only open dropdown, or its time column would be the closing picker's.
  await expect.poll(() => openDropdown(page, 'picker').count(), { timeout: 10_000 }).toBe(1);
  const panel = openDropdown(page, 'picker').filter({ has: page.locator(`td[title="${day}"]`) });
  await panel.locator(`td[title="${day}"]`).click();
  await panel
    .locator('.ant-picker-time-panel-column')
    .first()
    .locator('.ant-picker-time-panel-cell-inner', { hasText: new RegExp(`^${hour}$`) })
    .click();
  await panel.locator('.ant-picker-ok button').click();
  await panel.waitFor({ state: 'hidden' });
}

/** Chooses an option of an antd select by its visible text. */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await openDropdown(page, 'select').locator('.ant-select-item-option', { hasText: option }).click();
}

/** A quota's input by its slot label (antd adds "（可选）" to the label of an optional field). */
const quotaInput = (scope: Page | Locator, slot: string) =>
  scope.getByLabel(new RegExp(`^${slot}\\s*（可选）$`));

const slots = (xs: readonly { track: string; orgKind: string | null }[]) =>
  xs.map((x) => `${x.track}/${x.orgKind ?? '*'}`);

describe('campaign wizard', () => {
  it('creates a campaign through every wizard step and opens it from its page', async () => {
    const admin = await signedIn(browser, server, 'admin');
    onTestFailed(async () => {
      await screenshot(admin, 'wizard-failed-create').catch(() => undefined);
    });

    await admin.getByTestId('menu-campaigns').click();
    await admin.getByTestId('campaign-table').waitFor();
    await admin.getByTestId('campaign-create').click();
    await admin.waitForURL(/\/campaigns\/new$/);

    // 1. Basic information.
    await inputOf(admin.getByTestId('wizard-year')).fill(String(NEXT));
    await admin.getByTestId('wizard-name').fill(NAME);
    await screenshot(admin, 'wizard-1-basics');
    await admin.getByTestId('wizard-next').click();

    // 2. Both tracks; the site track open to party committees, general branches and branches.
    const tracks = admin.getByTestId('wizard-tracks');
    await tracks.getByText(SITE, { exact: true }).click();
    await tracks.getByText(VENUE, { exact: true }).click();
    const kinds = admin.getByTestId('wizard-kinds-site');
    for (const k of ['党委', '党总支', '党支部']) await kinds.getByText(k, { exact: true }).click();
    await screenshot(admin, 'wizard-2-tracks');
    await admin.getByTestId('wizard-next').click();

    // 3. A standard per track × kind, preselected; the branches' one chosen again in its select.
    const standards = admin.getByTestId('wizard-standard');
    await expect.poll(() => standards.count()).toBe(4);
    expect(await standards.allInnerTexts()).toEqual([
      '党委（党总支）示范点创建标准 · SITE-COMMITTEE · 第 1 版',
      '党委（党总支）示范点创建标准 · SITE-COMMITTEE · 第 1 版',
      '党支部示范点创建标准 · SITE-BRANCH · 第 1 版',
      '党员教育活动示范阵地创建标准 · VENUE · 第 1 版',
    ]);
    await choose(admin, standards.nth(2), 'SITE-BRANCH');
    await screenshot(admin, 'wizard-3-standards');
    await admin.getByTestId('wizard-next').click();

    // 4. Quotas: the article's figures for the site track (10 / 8 / 89) and its 96 venues; one unit cap.
    const quotas: [string, string][] = [
      [`${SITE} · 党委`, '10'],
      [`${SITE} · 党总支`, '8'],
      [`${SITE} · 党支部`, '89'],
      [`${VENUE} · 不限类型`, '96'],
    ];
    for (const [slot, n] of quotas) await quotaInput(admin, slot).fill(n);
    await admin.getByTestId('wizard-add-cap').click();
    const unitPicker = admin.getByTestId('wizard-cap-unit');
    await unitPicker.click();
    await admin.keyboard.type(CAP_UNIT);
    await openDropdown(admin, 'select')
      .locator('.ant-select-item-option', { hasText: CAP_UNIT })
      .first()
      .click();
    await inputOf(admin.getByTestId('wizard-cap')).fill('3');
    await screenshot(admin, 'wizard-4-quotas');
    await admin.getByTestId('wizard-next').click();

    // 5. The timeline: one date picked in the calendar, the others typed.
    for (const f of TIMELINE_ORDER) {
      if (f === 'applicationClosesAt') await pickDate(admin, f, `${NEXT}-05-28`, '17');
      else await typeDate(admin, f, DATES[f]);
    }
    for (const f of TIMELINE_ORDER)
      expect(await inputOf(admin.getByTestId(`wizard-date-${f}`)).inputValue()).toBe(DATES[f]);
    await screenshot(admin, 'wizard-5-timeline');
    await admin.getByTestId('wizard-next').click();

    // 6. Review, then save as a draft.
    const review = admin.getByTestId('wizard-review');
    await review.waitFor();
    const text = await review.innerText();
    for (const s of [
      NAME,
      String(NEXT),
      `${NEXT}-06-18 17:00`,
      '名额 89',
      '名额 96',
      '党支部示范点创建标准 · 第 1 版',
    ])
      expect(text).toContain(s);
    // Each unit cap by its track, unit name and cap (not just how many there are).
    expect(await review.getByTestId('wizard-review-caps').innerText()).toBe(`${SITE} · ${CAP_UNIT}：3`);
    await screenshot(admin, 'wizard-6-review');
    await admin.getByTestId('wizard-submit').click();
    await admin.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const id = new URL(admin.url()).pathname.split('/').pop()!;
    state.wizardId = id;
    await admin.getByTestId('campaign-title').filter({ hasText: NAME }).waitFor();

    const created = await campaign(admin, id);
    const unit = await admin.request.get(`/api/organizations?q=${encodeURIComponent(CAP_UNIT)}`);
    const unitId = ((await unit.json()) as { items: { id: string; name: string }[] }).items.find(
      (o) => o.name === CAP_UNIT,
    )!.id;
    expect({
      year: created.year,
      name: created.name,
      status: created.status,
      copiedFromId: created.copiedFromId,
      tracks: created.tracks.map((t) => [t.track, t.eligibleKinds]),
      standards: created.standards.map((s) => [s.track, s.orgKind, s.code, s.version]),
      missingStandards: created.missingStandards,
      quotas: created.quotas.map((q) => [q.track, q.orgKind, q.quota]),
      unitCaps: created.unitCaps.map((c) => [c.track, c.unitId, c.unitName, c.cap]),
      timeline: created.timeline,
    }).toEqual({
      year: NEXT,
      name: NAME,
      status: 'draft',
      copiedFromId: null,
      tracks: [
        ['site', ['party_committee', 'general_branch', 'branch']],
        ['venue', []],
      ],
      standards: [
        ['site', 'party_committee', 'SITE-COMMITTEE', 1],
        ['site', 'general_branch', 'SITE-COMMITTEE', 1],
        ['site', 'branch', 'SITE-BRANCH', 1],
        ['venue', null, 'VENUE', 1],
      ],
      missingStandards: [],
      quotas: [
        ['site', 'party_committee', 10],
        ['site', 'general_branch', 8],
        ['site', 'branch', 89],
        ['venue', null, 96],
      ],
      unitCaps: [['site', unitId, CAP_UNIT, 3]],
      timeline: Object.fromEntries(TIMELINE_ORDER.map((f) => [f, cst(DATES[f])])),
    });
    // No date of next year's campaign is reached: nothing is current or finished, the first step says so.
    const timeline = admin.getByTestId('campaign-timeline');
    expect([
      await timeline.getByTestId('timeline-not-started').innerText(),
      await timeline.getByTestId('timeline-now').count(),
      await timeline.locator('.ant-steps-item-finish').count(),
      await timeline.locator('.ant-steps-item-wait').count(),
    ]).toEqual(['未开始', 0, 0, 7]);
    await screenshot(admin, 'wizard-7-draft-page');

    // Open it: the page's next-step button and its confirmation.
    await admin.getByTestId('campaign-next').click();
    await screenshot(admin, 'wizard-8-open-confirm', { fullPage: false });
    await admin.locator('.ant-modal-confirm .ant-btn-primary').click();
    await admin.getByTestId('campaign-status').filter({ hasText: '申报中' }).waitFor();
    const opened = await campaign(admin, id);
    expect([opened.status, opened.version, opened.openedAt !== null]).toEqual(['open', 2, true]);
    // Its dashboard before any application: zeros per track and per eligible kind within its track.
    const rows = (testId: string) =>
      admin
        .getByTestId(testId)
        .evaluate((e) => [...e.children].map((r) => [...r.children].map((c) => c.textContent)));
    await admin.getByTestId('dash-kinds').waitFor();
    expect([await rows('dash-tracks'), await rows('dash-kinds')]).toEqual([
      [
        [SITE, '0'],
        [VENUE, '0'],
      ],
      [
        [`${SITE} · 党委`, '0'],
        [`${SITE} · 党总支`, '0'],
        [`${SITE} · 党支部`, '0'],
      ],
    ]);
    await screenshot(admin, 'wizard-9-opened');
    await admin.context().close();
  });

  it('copies last year’s campaign from the list with its settings', async () => {
    const admin = await signedIn(browser, server, 'admin');
    onTestFailed(async () => {
      await screenshot(admin, 'wizard-failed-copy').catch(() => undefined);
    });
    const source = await campaign(admin, (await campaignByName(admin, YEAR, SOURCE)).id);

    await admin.getByTestId('menu-campaigns').click();
    const row = admin.locator('.ant-table-row', { hasText: SOURCE });
    await row.getByTestId('campaign-copy').click();
    // The dialog proposes the next year and the name with the year moved on.
    await expect.poll(() => inputOf(admin.getByTestId('campaign-copy-year')).inputValue()).toBe(String(NEXT));
    await expect.poll(() => admin.getByTestId('campaign-copy-name').inputValue()).toBe(COPY);
    await screenshot(admin, 'wizard-10-copy-dialog', { fullPage: false });
    await admin.getByTestId('campaign-copy-ok').click();
    await admin.waitForURL(
      (u) => /\/campaigns\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(source.id),
    );
    const id = new URL(admin.url()).pathname.split('/').pop()!;
    await admin.getByTestId('campaign-title').filter({ hasText: COPY }).waitFor();

    const copy = await campaign(admin, id);
    expect({
      year: copy.year,
      name: copy.name,
      status: copy.status,
      copiedFromId: copy.copiedFromId,
      tracks: copy.tracks,
      standards: copy.standards,
      quotas: copy.quotas,
      unitCaps: copy.unitCaps,
      timeline: copy.timeline,
    }).toEqual({
      year: NEXT,
      name: COPY,
      status: 'draft',
      copiedFromId: source.id,
      tracks: source.tracks,
      standards: source.standards,
      quotas: source.quotas,
      unitCaps: source.unitCaps,
      timeline: Object.fromEntries(
        TIMELINE_ORDER.map((f) => [f, shiftYears(new Date(source.timeline[f]), 1).toISOString()]),
      ),
    });
    expect(slots(copy.quotas)).toEqual([
      'site/party_committee',
      'site/general_branch',
      'site/branch',
      'venue/*',
    ]);
    await screenshot(admin, 'wizard-11-copied');

    // The copy's edit drawer shows last year's quotas; this year's branch quota is lowered to 28.
    await admin.getByTestId('campaign-edit').click();
    const drawer = admin.getByTestId('campaign-edit-drawer');
    await drawer.getByTestId('campaign-edit-save').waitFor();
    const shown = [];
    for (const s of [`${SITE} · 党委`, `${SITE} · 党总支`, `${SITE} · 党支部`, `${VENUE} · 不限类型`])
      shown.push(Number(await quotaInput(drawer, s).inputValue()));
    expect(shown).toEqual(source.quotas.map((q) => q.quota));
    await quotaInput(drawer, `${SITE} · 党支部`).fill('28');
    await drawer.getByTestId('campaign-edit-save').click();
    await drawer.waitFor({ state: 'detached' });
    const edited = await campaign(admin, id);
    expect(edited.quotas.map((q) => q.quota)).toEqual([
      ...source.quotas.slice(0, 2).map((q) => q.quota),
      28,
      source.quotas[3]!.quota,
    ]);
    expect([edited.version, edited.tracks, edited.standards, edited.unitCaps, edited.timeline]).toEqual([
      copy.version + 1,
      copy.tracks,
      copy.standards,
      copy.unitCaps,
      copy.timeline,
    ]);
    await admin.context().close();
  });

  it('edits an open campaign’s quotas and later dates; the rest is locked', async () => {
    const admin = await signedIn(browser, server, 'admin');
    onTestFailed(async () => {
      await screenshot(admin, 'wizard-failed-edit').catch(() => undefined);
    });
    const id = state.wizardId!;
    const before = await campaign(admin, id);
    expect(before.status).toBe('open');

    await admin.goto(`/campaigns/${id}`);
    await admin.getByTestId('campaign-edit').click();
    const drawer = admin.getByTestId('campaign-edit-drawer');
    await drawer.getByTestId('campaign-edit-save').waitFor();
    await drawer.getByText('活动已开启：只能修改名额、单位上限和尚未到达的时间点').waitFor();
    // Locked once open: year, name, tracks, kinds and standards are disabled in the form.
    expect(await drawer.getByLabel('年度', { exact: true }).isDisabled()).toBe(true);
    expect(await drawer.getByLabel('活动名称', { exact: true }).isDisabled()).toBe(true);
    const boxes = drawer.locator('[data-testid="wizard-tracks"] input, [data-testid^="wizard-kinds-"] input');
    expect(await boxes.count()).toBe(6); // two tracks, four kinds
    for (const box of await boxes.all()) expect(await box.isDisabled()).toBe(true);
    const std = drawer.getByTestId('wizard-standard');
    expect(await std.count()).toBe(4);
    for (const s of await std.all())
      await expect.poll(() => s.evaluate((e) => e.className)).toContain('ant-select-disabled');
    await screenshot(admin, 'wizard-12-edit-open-locked', { fullPage: false });
    // Allowed: a later recommendation deadline and the venues' quota.
    await typeDate(drawer, 'recommendationDeadline', LATER_DEADLINE);
    await quotaInput(drawer, `${VENUE} · 不限类型`).fill('32');
    await screenshot(admin, 'wizard-13-edit-open-changed', { fullPage: false });
    await drawer.getByTestId('campaign-edit-save').click();
    await drawer.waitFor({ state: 'detached' });
    const after = await campaign(admin, id);
    expect(after.timeline).toEqual({ ...before.timeline, recommendationDeadline: cst(LATER_DEADLINE) });
    expect(after.quotas.map((q) => [q.track, q.orgKind, q.quota])).toEqual([
      ['site', 'party_committee', 10],
      ['site', 'general_branch', 8],
      ['site', 'branch', 89],
      ['venue', null, 32],
    ]);
    expect([after.status, after.version, after.tracks, after.standards]).toEqual([
      'open',
      before.version + 1,
      before.tracks,
      before.standards,
    ]);

    // The server refuses a locked part (a track dropped) with 409 CAMPAIGN_LOCKED, in Chinese.
    const refused = await admin.request.patch(`/api/campaigns/${id}`, {
      headers: MUTATION,
      data: { version: after.version, tracks: [{ track: 'site', eligibleKinds: ['branch'] }] },
    });
    expect(refused.status()).toBe(409);
    const err = ((await refused.json()) as { error: { code: string; message: string; details: unknown[] } })
      .error;
    expect([err.code, err.message, err.details]).toEqual([
      'CAMPAIGN_LOCKED',
      '活动已开启申报，部分设置不能再修改',
      [{ field: 'tracks', code: 'fixed_after_opening', message: '活动开启申报后，该项不能再修改' }],
    ]);
    expect((await campaign(admin, id)).version).toBe(after.version);

    // The demo's running campaign: intake and the units' recommendation are over and the review period has
    // begun; the dates already passed are disabled, each with the reason in Chinese.
    const running = await campaignByName(admin, YEAR, SOURCE);
    await admin.goto(`/campaigns/${running.id}`);
    await admin.getByTestId('campaign-edit').click();
    await drawer.getByTestId('campaign-edit-save').waitFor();
    const passed = TIMELINE_ORDER.filter((f) => Date.parse(running.timeline[f]) <= Date.now());
    expect(passed).toEqual([
      'applicationOpensAt',
      'applicationClosesAt',
      'recommendationDeadline',
      'reviewStartsAt',
    ]);
    // Its timeline: the review period is the current step, the three before it are done.
    const runningSteps = admin.getByTestId('campaign-timeline').locator('.ant-steps-item');
    expect([
      await runningSteps.nth(3).getByTestId('timeline-now').innerText(),
      await admin.getByTestId('timeline-now').count(),
      await admin.getByTestId('campaign-timeline').locator('.ant-steps-item-finish').count(),
    ]).toEqual(['当前', 1, 4]);
    for (const f of TIMELINE_ORDER)
      expect([f, await inputOf(drawer.getByTestId(`wizard-date-${f}`)).isDisabled()]).toEqual([
        f,
        passed.includes(f),
      ]);
    expect(await drawer.getByText('该时间点已过，不能再修改').count()).toBe(4);
    await inputOf(drawer.getByTestId('wizard-date-applicationOpensAt')).scrollIntoViewIfNeeded();
    await screenshot(admin, 'wizard-14-edit-running', { fullPage: false });
    await admin.context().close();
  });

  it('fits the wizard on a phone', async () => {
    const phone = await signedIn(browser, server, 'admin', { viewport: PHONE });
    onTestFailed(async () => {
      await screenshot(phone, 'wizard-failed-phone').catch(() => undefined);
    });
    await phone.goto('/campaigns/new');
    await inputOf(phone.getByTestId('wizard-year')).fill(String(NEXT + 1));
    await phone.getByTestId('wizard-name').fill(`${NEXT + 1}年度“双示范”创建活动`);
    await phone.getByTestId('wizard-next').click();
    await phone.getByTestId('wizard-tracks').getByText(SITE, { exact: true }).click();
    await phone.getByTestId('wizard-tracks').getByText(VENUE, { exact: true }).click();
    for (const k of ['党委', '党总支', '党支部'])
      await phone.getByTestId('wizard-kinds-site').getByText(k, { exact: true }).click();
    await screenshot(phone, 'wizard-phone-2-tracks');
    // The step bar shows the current step's title on one line.
    expect((await phone.getByTestId('wizard-steps').boundingBox())!.height).toBeLessThan(40);
    await phone.getByTestId('wizard-next').click();
    await phone.getByTestId('wizard-standard').first().waitFor();
    await phone.getByTestId('wizard-next').click();
    await quotaInput(phone, `${SITE} · 党支部`).fill('89');
    await phone.getByTestId('wizard-add-cap').click();
    await screenshot(phone, 'wizard-phone-4-quotas');
    await phone.getByRole('button', { name: '删除' }).click();
    await phone.getByTestId('wizard-next').click();
    await inputOf(phone.getByTestId('wizard-date-publicityEndsAt')).waitFor();
    await screenshot(phone, 'wizard-phone-5-timeline');
    // Nothing wider than the screen.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.context().close();
  });
});
