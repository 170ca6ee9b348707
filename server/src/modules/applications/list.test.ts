import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { applications, auditEvents, organizations } from '../../db/schema';
import { insertApplication, seedOpenCampaign } from '../../../test/campaign-fixtures';
import { APPLICATION_EXPORT_HEADERS } from '../../../../shared/src/contracts/applications';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import { setup, type Kit } from './test-kit';

let kit: Kit;
let campaignId: string;
/** name → id of the applications of the list's own campaign. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  kit = await setup();
  const seeded = await seedOpenCampaign(kit.env.db, kit.env.clock.now, { year: 2025 });
  campaignId = seeded.campaign.id;
  const t = kit.env.clock.now.getTime();
  const specs: [
    string,
    'A' | 'B',
    'branch' | 'general_branch',
    ApplicationStatus,
    string | null,
    number | null,
  ][] = [
    // name, unit, kind, status, brand, unit rank
    ['东风党支部', 'A', 'branch', 'draft', '东风红旗', null],
    ['南湖党总支', 'A', 'general_branch', 'submitted', '南湖先锋', null],
    ['北岸党支部', 'A', 'branch', 'recommended', '北岸灯塔', 2],
    ['西河党支部', 'A', 'branch', 'recommended', null, 1],
    ['工会党支部', 'B', 'branch', 'submitted', '职工之家', null],
  ];
  for (const [i, [name, unit, kind, status, brand, rank]] of specs.entries()) {
    const org = await kit.branch(unit, kind);
    await kit.env.db.update(organizations).set({ name }).where(eq(organizations.id, org.id));
    const std = kind === 'branch' ? seeded.standards.branch : seeded.standards.committee;
    const row = await insertApplication(kit.env.db, {
      campaignId,
      organization: org,
      standardVersionId: std.versionId,
      status,
      brandName: brand ?? undefined,
    });
    await kit.env.db
      .update(applications)
      .set({
        unitRank: rank,
        updatedAt: new Date(t - i * 3600_000),
        submittedAt: status === 'draft' ? null : new Date(t - (10 - i) * 3600_000),
      })
      .where(eq(applications.id, row.id));
    ids[name] = row.id;
  }
});
afterAll(() => kit.env.close());

const list = async (query: string, c = kit.c.committee) => {
  const res = await c.get(`/api/applications?campaignId=${campaignId}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string; orgName: string }[]; total: number };
};
const names = (r: { items: { orgName: string }[] }) => r.items.map((i) => i.orgName);

describe('GET /api/applications', () => {
  it('lists the campaign’s applications, newest change first, with names resolved', async () => {
    const r = await list('');
    expect(r.total).toBe(5);
    expect(names(r)).toEqual(['东风党支部', '南湖党总支', '北岸党支部', '西河党支部', '工会党支部']);
    expect(r.items[2]).toEqual({
      id: ids['北岸党支部'],
      campaignId,
      campaignName: '2025年度“双示范”创建',
      trackCode: 'site',
      trackNameZh: '基层党建工作示范点',
      trackNameEn: 'Demonstration site of grassroots Party building',
      organizationId: expect.any(String),
      orgName: '北岸党支部',
      orgCode: expect.any(String),
      orgKind: 'branch',
      unitId: kit.tree.unitA.id,
      unitName: '市水务局机关党委',
      venueId: null,
      venueName: null,
      brandName: '北岸灯塔',
      status: 'recommended',
      version: 1,
      unitRank: 2,
      submittedAt: new Date(kit.env.clock.now.getTime() - 8 * 3600_000).toISOString(),
      updatedAt: new Date(kit.env.clock.now.getTime() - 2 * 3600_000).toISOString(),
    });
  });

  it('filters by one or several statuses, kind, unit and text', async () => {
    expect(names(await list('&status=recommended'))).toEqual(['北岸党支部', '西河党支部']);
    expect(names(await list('&status=draft,submitted'))).toEqual(['东风党支部', '南湖党总支', '工会党支部']);
    expect(names(await list('&status=draft&status=recommended'))).toEqual([
      '东风党支部',
      '北岸党支部',
      '西河党支部',
    ]);
    expect(names(await list('&orgKind=general_branch'))).toEqual(['南湖党总支']);
    expect(names(await list(`&unitId=${kit.tree.unitB.id}`))).toEqual(['工会党支部']);
    expect(names(await list(`&q=${encodeURIComponent('先锋')}`))).toEqual(['南湖党总支']);
    expect(names(await list(`&q=${encodeURIComponent('西河')}`))).toEqual(['西河党支部']);
    expect(names(await list('&q=100%25'))).toEqual([]);
    expect((await kit.c.committee.get('/api/applications?status=bogus')).statusCode).toBe(400);
    expect((await kit.c.committee.get('/api/applications?sort=brandName')).statusCode).toBe(400);
  });

  it('filters by the day submitted, in Beijing time, both ends included', async () => {
    // 南湖党总支 submitted at 2026-11-28 23:59:59 Beijing time (15:59:59 UTC); the others on the 29th.
    const before = new Date(kit.env.clock.now.getTime() - 9 * 3600_000);
    const set = (at: Date) =>
      kit.env.db.update(applications).set({ submittedAt: at }).where(eq(applications.id, ids['南湖党总支']!));
    await set(new Date('2026-11-28T15:59:59Z'));
    try {
      const from29 = await list('&submittedFrom=2026-11-29');
      expect(names(from29)).toEqual(['北岸党支部', '西河党支部', '工会党支部']);
      expect(from29.total).toBe(3);
      expect(names(await list('&submittedTo=2026-11-28'))).toEqual(['南湖党总支']);
      expect(names(await list('&submittedFrom=2026-11-28&submittedTo=2026-11-28'))).toEqual(['南湖党总支']);
      expect(await list('&submittedFrom=2026-11-30')).toEqual({ items: [], total: 0 });
      expect(names(await list('&status=submitted&submittedFrom=2026-11-29'))).toEqual(['工会党支部']);
      expect(names(await list(`&submittedTo=2026-11-29&q=${encodeURIComponent('南湖')}`))).toEqual([
        '南湖党总支',
      ]);
      const page = await list('&submittedTo=2026-11-29&pageSize=2&page=2&sort=-submittedAt');
      expect(page).toMatchObject({ total: 4, items: [{ orgName: '北岸党支部' }, { orgName: '南湖党总支' }] });
      const bad = await kit.c.committee.get('/api/applications?submittedFrom=2026-11-31');
      expect(bad.statusCode).toBe(400);
      const early = await kit.c.committee.get('/api/applications?submittedTo=0099-12-31');
      expect(early.statusCode).toBe(400);
    } finally {
      await set(before);
    }
  });

  it('sorts by the whitelisted fields and pages with the total', async () => {
    expect(names(await list('&sort=unitRank&status=recommended'))).toEqual(['西河党支部', '北岸党支部']);
    expect(names(await list('&sort=-submittedAt'))).toEqual([
      '工会党支部',
      '西河党支部',
      '北岸党支部',
      '南湖党总支',
      '东风党支部',
    ]);
    const byStatus = (await list('&sort=status')).items as unknown as { status: string }[];
    expect(byStatus.map((i) => i.status)).toEqual([
      'draft',
      'submitted',
      'submitted',
      'recommended',
      'recommended',
    ]);
    const page2 = await list('&sort=orgName&pageSize=2&page=2');
    expect(page2.total).toBe(5);
    expect(page2.items).toHaveLength(2);
    const all = names(await list('&sort=orgName'));
    expect(names(page2)).toEqual(all.slice(2, 4));
    expect(await list('&pageSize=2&page=9')).toEqual({ items: [], total: 5 });
  });

  it('shows a unit admin its unit only and an applicant its organisation only', async () => {
    expect(names(await list('', kit.c.unitA))).toEqual([
      '东风党支部',
      '南湖党总支',
      '北岸党支部',
      '西河党支部',
    ]);
    expect(await list(`&unitId=${kit.tree.unitB.id}`, kit.c.unitA)).toEqual({ items: [], total: 0 });
    expect(names(await list('', kit.c.unitB))).toEqual(['工会党支部']);
    expect(await list('', kit.c.applA)).toEqual({ items: [], total: 0 });
    expect((await kit.c.reviewer.get('/api/applications')).statusCode).toBe(403);
  });
});

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const ws = wb.getWorksheet('申报')!;
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

describe('GET /api/applications/export.xlsx', () => {
  it('exports the filtered list in its order with Chinese headers, and audits the export', async () => {
    const res = await kit.c.committee.get(
      `/api/applications/export.xlsx?campaignId=${campaignId}&status=recommended,submitted&sort=orgName`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="applications-20261129.xlsx"; filename*=UTF-8''${encodeURIComponent('申报-20261129.xlsx')}`,
    );
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual([...APPLICATION_EXPORT_HEADERS]);
    const listed = names(await list('&status=recommended,submitted&sort=orgName'));
    expect(rows.slice(1).map((r) => r[3])).toEqual(listed);
    const beian = rows.find((r) => r[3] === '北岸党支部')!;
    expect(beian.slice(1, 12)).toEqual([
      '2025年度“双示范”创建',
      '基层党建工作示范点',
      '北岸党支部',
      expect.any(String),
      '党支部',
      '市水务局机关党委',
      undefined,
      '北岸灯塔',
      '单位已推荐',
      2,
      undefined,
    ]);
    expect(beian[12]).toBe('2026-11-29 08:00');
    const audits = await kit.env.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'applications.export'));
    expect(audits).toHaveLength(1);
  });

  it('keeps the unit admin’s scope', async () => {
    const res = await kit.c.unitB.get(`/api/applications/export.xlsx?campaignId=${campaignId}`);
    const rows = await readXlsx(res.rawPayload);
    expect(rows.slice(1).map((r) => r[3])).toEqual(['工会党支部']);
    expect((await kit.c.applA.get('/api/applications/export.xlsx')).statusCode).toBe(403);
  });
});
