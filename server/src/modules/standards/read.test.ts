import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { standards } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import { defaultStandard } from '../../../test/campaign-fixtures';

let env: TestEnv;
const as: Record<string, ReturnType<typeof client>> = {};

beforeAll(async () => {
  env = await makeTestEnv();
  const tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  for (const u of ['cadmin', 'uadmin', 'appl']) as[u] = client(env.app, await login(env.app, u));
});
afterAll(() => env.close());

async function idOf(code: string) {
  const [row] = await env.db.select().from(standards).where(eq(standards.code, code));
  return row!.id;
}

describe('GET /api/tracks and /api/standards', () => {
  it('lists the two default tracks in order', async () => {
    const res = await as.appl!.get('/api/tracks');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [
        {
          code: 'site',
          nameZh: '基层党建工作示范点',
          nameEn: 'Demonstration site of grassroots Party building',
          subject: 'organization',
          position: 1,
          active: true,
        },
        {
          code: 'venue',
          nameZh: '党员教育活动示范阵地',
          nameEn: 'Demonstration venue for Party-member education',
          subject: 'venue',
          position: 2,
          active: true,
        },
      ],
      total: 2,
    });
  });

  it("lists the article's three standards with their latest version, kinds and total", async () => {
    const res = await as.uadmin!.get('/api/standards');
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    expect(total).toBe(3);
    expect(items.map((s: { code: string }) => s.code)).toEqual(['SITE-BRANCH', 'SITE-COMMITTEE', 'VENUE']);
    expect(items[0]).toEqual({
      id: await idOf('SITE-BRANCH'),
      code: 'SITE-BRANCH',
      track: 'site',
      orgKinds: ['branch'],
      nameZh: '党支部示范点创建标准',
      nameEn: 'Site standard for Party branches',
      active: true,
      latestVersion: 1,
      latestVersionId: (await defaultStandard(env.db, 'SITE-BRANCH')).versionId,
      totalPoints: 100,
      bonusCap: 10,
      criteriaCount: 6,
      updatedAt: expect.any(String),
    });
    expect(items[1].orgKinds).toEqual(['party_committee', 'general_branch', 'party_group']);
  });

  it('filters by track, kind and active', async () => {
    const codes = async (q: string) =>
      (await as.cadmin!.get(`/api/standards?${q}`)).json().items.map((s: { code: string }) => s.code);
    expect(await codes('track=venue')).toEqual(['VENUE']);
    expect(await codes('orgKind=general_branch')).toEqual(['SITE-COMMITTEE']);
    expect(await codes('track=site&orgKind=branch')).toEqual(['SITE-BRANCH']);
    expect(await codes('active=false')).toEqual([]);
    const bad = await as.cadmin!.get('/api/standards?orgKind=working_committee');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('query.orgKind');
  });

  it('shows a standard with its latest criteria in order', async () => {
    const res = await as.appl!.get(`/api/standards/${await idOf('SITE-BRANCH')}`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.version).toMatchObject({
      version: 1,
      totalPoints: 100,
      bonusCap: 10,
      note: '依据“双示范”创建标准',
    });
    expect(
      s.version.criteria.map((c: { position: number; titleZh: string; maxPoints: number }) => [
        c.position,
        c.titleZh,
        c.maxPoints,
      ]),
    ).toEqual([
      [1, '支部班子好', 20],
      [2, '党员队伍好', 20],
      [3, '制度机制好', 20],
      [4, '工作业绩好', 20],
      [5, '群众反映好', 20],
      [6, '特色亮点创新点', 10],
    ]);
    expect(s.version.criteria[0]).toMatchObject({
      titleEn: 'Good branch committee',
      evidenceRequired: true,
      methods: ['汇报座谈', '查阅档案'],
      veto: false,
      bonus: false,
    });
    expect(s.version.criteria[5].bonus).toBe(true);
  });

  it('answers 404 for an unknown standard or version', async () => {
    const id = await idOf('VENUE');
    expect((await as.cadmin!.get('/api/standards/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
    expect((await as.cadmin!.get(`/api/standards/${id}/versions/2`)).statusCode).toBe(404);
    expect((await as.cadmin!.get(`/api/standards/${id}/versions/0`)).statusCode).toBe(400);
  });
});
