import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { applications, organizations } from '../../db/schema';
import { insertApplication, seedOpenCampaign } from '../../../test/campaign-fixtures';
import { setup, type Kit } from './test-kit';

let kit: Kit;
let campaignId: string;

/** name, code, brand: the search narrows by characters through the indexes, then ILIKE decides. */
const SPECS: [string, string, string | null][] = [
  ['河西区水务局第一党支部', 'HX-SW-01', '先锋驿站'],
  ['河东区水利站党支部', 'hd-sl-02', '先进锋芒'],
  ['和平区Water办公室党支部', 'HP-W-03', 'Red Star 红星'],
  ['南开区财政局党支部', 'NK-CZ-04', null],
];

beforeAll(async () => {
  kit = await setup();
  const seeded = await seedOpenCampaign(kit.env.db, kit.env.clock.now, { year: 2025 });
  campaignId = seeded.campaign.id;
  const t = kit.env.clock.now.getTime();
  for (const [i, [name, code, brand]] of SPECS.entries()) {
    const org = await kit.branch('A');
    await kit.env.db.update(organizations).set({ name, code }).where(eq(organizations.id, org.id));
    const row = await insertApplication(kit.env.db, {
      campaignId,
      organization: org,
      standardVersionId: seeded.standards.branch.versionId,
      status: 'submitted',
      brandName: brand ?? undefined,
    });
    await kit.env.db
      .update(applications)
      .set({
        updatedAt: new Date(t - i * 60_000),
        submittedAt: new Date(t - (9 - i) * 60_000),
        unitRank: 4 - i,
      })
      .where(eq(applications.id, row.id));
  }
});
afterAll(() => kit.env.close());

const search = async (q: string, extra = '') => {
  const res = await kit.c.committee.get(
    `/api/applications?campaignId=${campaignId}&q=${encodeURIComponent(q)}${extra}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { items: { orgName: string }[]; total: number };
  return { names: body.items.map((i) => i.orgName), total: body.total };
};

describe('GET /api/applications?q=', () => {
  it('finds a Chinese fragment of an organisation name, in the list’s order', async () => {
    expect(await search('水务')).toEqual({ names: ['河西区水务局第一党支部'], total: 1 });
    expect(await search('党支部')).toEqual({
      names: [
        '河西区水务局第一党支部',
        '河东区水利站党支部',
        '和平区Water办公室党支部',
        '南开区财政局党支部',
      ],
      total: 4,
    });
  });

  it('matches contiguous text only, not the same characters scattered', async () => {
    // 先进锋芒 holds 先 and 锋 but not 先锋; 河东区水利站 holds 水 and 务 nowhere together either.
    expect(await search('先锋')).toEqual({ names: ['河西区水务局第一党支部'], total: 1 });
    expect(await search('锋先')).toEqual({ names: [], total: 0 });
    expect(await search('区水')).toEqual({
      names: ['河西区水务局第一党支部', '河东区水利站党支部'],
      total: 2,
    });
  });

  it('ignores case in names, brands and code prefixes', async () => {
    expect(await search('water')).toEqual({ names: ['和平区Water办公室党支部'], total: 1 });
    expect(await search('RED STAR')).toEqual({ names: ['和平区Water办公室党支部'], total: 1 });
    expect(await search('hx-sw')).toEqual({ names: ['河西区水务局第一党支部'], total: 1 });
    expect(await search('HD-SL-0')).toEqual({ names: ['河东区水利站党支部'], total: 1 });
    // A code matches by its beginning only.
    expect(await search('SW-01')).toEqual({ names: [], total: 0 });
  });

  it('treats % and _ as plain characters', async () => {
    expect(await search('%')).toEqual({ names: [], total: 0 });
    expect(await search('HX_SW')).toEqual({ names: [], total: 0 });
  });

  it('keeps the search with other sorts and pages, with the exact total', async () => {
    expect(await search('党支部', '&sort=unitRank&pageSize=2')).toEqual({
      names: ['南开区财政局党支部', '和平区Water办公室党支部'],
      total: 4,
    });
    expect(await search('党支部', '&sort=-submittedAt&pageSize=2&page=2')).toEqual({
      names: ['河东区水利站党支部', '河西区水务局第一党支部'],
      total: 4,
    });
    expect(await search('区', '&sort=orgName&pageSize=3&page=2')).toEqual({
      names: ['河西区水务局第一党支部'],
      total: 4,
    });
  });

  it('answers a page past the end with the exact total', async () => {
    expect(await search('党支部', '&pageSize=2&page=9')).toEqual({ names: [], total: 4 });
    expect(await search('锋先', '&page=2')).toEqual({ names: [], total: 0 });
  });

  it('exports the searched list in the list’s order', async () => {
    const res = await kit.c.committee.get(
      `/api/applications/export.xlsx?campaignId=${campaignId}&q=${encodeURIComponent('区水')}&sort=-orgName`,
    );
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const names: unknown[] = [];
    wb.getWorksheet('申报')!.eachRow((r, i) => i > 1 && names.push((r.values as unknown[])[4]));
    expect(names).toEqual(['河西区水务局第一党支部', '河东区水利站党支部']);
  });
});
