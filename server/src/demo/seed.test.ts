import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq, inArray, ne } from 'drizzle-orm';
import {
  auditEvents,
  calendarDays,
  objections,
  organizations,
  publicities,
  publicityItems,
  titles,
  users,
  venues,
} from '../db/schema';
import { client, login, makeTestEnv, type TestEnv } from '../../test/helpers';
import { checkParentKind } from '../../../shared/src/domain/org-rules';
import { buildDemo } from './build';
import { isAuditAction, isAuditObject } from '../../../shared/src/audit-actions';
import type { Reviewer } from '../../../shared/src/contracts/reviewers';
import { DEMO_PASSWORD, seedDemo, type DemoSummary } from './seed';
import { applications, reviews } from '../db/schema';
import { canonicalJson } from '../../../shared/src/domain/evaluation';
import { sha256 } from '../modules/decisions/service';
import { DEVIATION_REASONS } from './campaign-evaluation';
import { OBJECTIONS } from './campaign-publicity';
import { auditDetailText } from '../../../shared/src/audit-fields';

const tally = (keys: string[]) =>
  keys.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});

let env: TestEnv;
let summary: DemoSummary;
let orgs: (typeof organizations.$inferSelect)[];

beforeAll(async () => {
  env = await makeTestEnv();
  summary = await seedDemo(env.db, env.clock.now);
  orgs = await env.db.select().from(organizations);
}, 900_000);
afterAll(() => env.close());

const byName = (name: string) => {
  const o = orgs.find((x) => x.name === name);
  if (!o) throw new Error(`missing ${name}`);
  return o;
};

describe('demo seed', () => {
  it('creates the working committee, 40 units, 400 grassroots organisations, 150 venues and 18 accounts', async () => {
    expect(summary).toEqual({
      organizations: 441,
      units: 40,
      grassroots: 400,
      venues: 150,
      accounts: 18,
      campaigns: 3,
      applications: 397,
      cultivations: 18,
      notifications: 66,
      stages: 2,
      entrants: 246,
      reviews: 492,
      calendarYears: 3,
      publicities: 2,
      objections: 3,
      titles: 138,
      honours: 22,
    });
    expect(orgs).toHaveLength(441);
    const root = orgs.filter((o) => o.depth === 0);
    expect(root.map((o) => [o.code, o.name, o.kind])).toEqual([
      ['TJJGGW', '天津市级机关工委', 'working_committee'],
    ]);
    expect(orgs.filter((o) => o.depth === 1)).toHaveLength(40);
    const [v] = await env.db.select({ n: count() }).from(venues);
    const [u] = await env.db.select({ n: count() }).from(users);
    // The foundation's 32 venues and 118 activity rooms added for the venue track (campaigns.ts).
    expect([v!.n, u!.n]).toEqual([150, 18]);
  });

  it('places every organisation the article names under its unit', () => {
    const expected: [string, string, string][] = [
      ['市人大法工委党支部', '市人大常委会机关党委', 'branch'],
      ['市工业和信息化稽查总队党总支', '市工业和信息化局机关党委', 'general_branch'],
      ['天津倚天会计师事务所有限公司党支部', '市财政局机关党委', 'branch'],
      ['市水务局排水五所党支部', '市水务局机关党委', 'branch'],
      ['市一中院刑事审判第一庭党支部', '市第一中级人民法院机关党委', 'branch'],
      ['市总工会权益保障部党支部', '市总工会机关党委', 'branch'],
      ['市委编办登记处党支部', '市委编办机关党委', 'branch'],
      ['市发改委固定资产投资处党支部', '市发展改革委机关党委', 'branch'],
      ['市知识产权局专利代办处党支部', '市知识产权局机关党委', 'branch'],
    ];
    for (const [name, unitName, kind] of expected) {
      const o = byName(name);
      expect([name, o.kind, o.unitId]).toEqual([name, kind, byName(unitName).id]);
    }
    expect(byName('市水务局排水五所党支部').parentId).toBe(byName('市水务局机关党委').id);
    expect(byName('天津倚天会计师事务所有限公司党支部').parentId).toBe(byName('市注册会计师行业党委').id);
  });

  it('keeps path, depth and unit consistent with the parent, and kinds allowed under it', () => {
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const bad: string[] = [];
    for (const o of orgs) {
      const parent = o.parentId ? byId.get(o.parentId) : undefined;
      const path = `${parent?.path ?? '/'}${o.id}/`;
      const depth = parent ? parent.depth + 1 : 0;
      const unitId = depth === 0 ? null : depth === 1 ? o.id : parent!.unitId;
      if (o.path !== path || o.depth !== depth || o.unitId !== unitId) bad.push(`${o.name}: tree`);
      if (checkParentKind(o.kind, parent?.kind ?? null) !== null) bad.push(`${o.name}: kind`);
      if (o.depth > 0 && (o.memberCount < 5 || o.memberCount > 120)) bad.push(`${o.name}: members`);
      if (!/^(022-2345\d{4}|138\d{8})$/.test(o.contactPhone ?? '')) bad.push(`${o.name}: phone`);
    }
    expect(bad).toEqual([]);
    expect(new Set(orgs.map((o) => o.name)).size).toBe(441);
    expect(orgs.filter((o) => o.depth > 1 && o.kind === 'party_committee').length).toBeGreaterThan(0);
  });

  it('gives venues and accounts the unit of their organisation', async () => {
    const unitOf = new Map(orgs.map((o) => [o.id, o.unitId]));
    const vs = await env.db.select().from(venues);
    expect(vs.filter((v) => v.unitId !== unitOf.get(v.organizationId))).toEqual([]);
    expect(vs.every((v) => v.address!.startsWith('天津市') && v.capacity! > 0 && v.areaM2! > 0)).toBe(true);
    const us = await env.db.select().from(users).where(ne(users.role, 'reviewer'));
    expect(
      us
        .map((u) => [u.username, u.role, u.organizationId, u.unitId, u.mustChangePassword])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['admin', 'committee_admin', null, null, false],
      ['applicant', 'applicant', byName('市水务局排水五所党支部').id, byName('市水务局机关党委').id, false],
      ['audit', 'audit_admin', null, null, false],
      ['security', 'security_admin', null, null, false],
      ['unit', 'unit_admin', byName('市水务局机关党委').id, byName('市水务局机关党委').id, false],
    ]);
    expect(us.map((u) => u.email).sort()).toEqual([
      'liuhaitao@example.org',
      'sunliqun@example.org',
      'wangjianhua@example.org',
      'zhaowenjing@example.org',
      'zhoumin@example.org',
    ]);
  });

  it('keeps an expert pool of 13 reviewers made through the reviewers service: 9 in units of the tree, 4 outside', async () => {
    const admin = client(env.app, await login(env.app, 'admin', DEMO_PASSWORD));
    const res = (await admin.get('/api/reviewers?pageSize=50&sort=username')).json();
    const unitName = (id: string | null) => orgs.find((o) => o.id === id)?.name ?? null;
    expect(
      res.items.map((r: Reviewer) => [
        r.username,
        r.displayName,
        r.affiliationOrgName ?? r.externalAffiliation,
        unitName(r.affiliationUnitId),
        r.expertise.join('、'),
        r.available,
      ]),
    ).toEqual([
      ['huangjunjie', '黄俊杰', '市文化和旅游局机关党委', '市文化和旅游局机关党委', '阵地建设、宣传', true],
      ['lihongmei', '李红梅', '市委办公厅机关党委', '市委办公厅机关党委', '党建、基层治理', true],
      ['liudesheng', '刘德胜', '市民政局机关党委', '市民政局机关党委', '基层治理', true],
      ['maxuejun', '马学军', '南开大学周恩来政府管理学院', null, '基层治理', true],
      ['reviewer', '陈思远', '市政府研究室机关党总支', '市政府研究室机关党总支', '党建、基层治理', true],
      ['sunjingyi', '孙静怡', '天津大学马克思主义学院', null, '党建、宣传', true],
      ['wangxuemei', '王雪梅', '市教委机关党委', '市教委机关党委', '宣传、党建', true],
      ['wupengfei', '吴鹏飞', '市总工会机关党委', '市总工会机关党委', '宣传、阵地建设', true],
      ['xuminghui', '徐明辉', '中共天津市委党校党建教研部', null, '党建、基层治理', true],
      ['yanghuimin', '杨慧敏', '市财政局机关党委', '市财政局机关党委', '党建', true],
      ['zhangzhenhua', '张振华', '市发展改革委机关党委', '市发展改革委机关党委', '党建、阵地建设', true],
      ['zhaohongwei', '赵宏伟', '市交通运输委机关党委', '市交通运输委机关党委', '阵地建设、党建', true],
      ['zhouyulan', '周玉兰', '市卫生健康委机关党委', '市卫生健康委机关党委', '党建、基层治理', false],
    ]);
    expect(res.total).toBe(13);
    const audit = await env.db
      .select({ action: auditEvents.action, actorName: auditEvents.actorName })
      .from(auditEvents)
      .where(inArray(auditEvents.action, ['accounts.create', 'reviewers.create', 'reviewers.update']));
    expect(tally(audit.map((e) => `${e.action} ${e.actorName}`))).toEqual({
      'accounts.create admin': 12,
      'reviewers.create admin': 12,
      'reviewers.update admin': 1,
    });
  });

  it('lets every demo account log in with the demo password, no change required', async () => {
    const expected: Record<string, [string, string | null]> = {
      admin: ['committee_admin', null],
      unit: ['unit_admin', '市水务局机关党委'],
      applicant: ['applicant', '市水务局排水五所党支部'],
      reviewer: ['reviewer', null],
      xuminghui: ['reviewer', null],
      security: ['security_admin', null],
      audit: ['audit_admin', null],
    };
    for (const [username, [role, orgName]] of Object.entries(expected)) {
      const cookie = await login(env.app, username, DEMO_PASSWORD);
      const me = (await client(env.app, cookie).get('/api/auth/me')).json();
      expect([username, me.roles, me.scope.organizationName, me.user.mustChangePassword]).toEqual([
        username,
        [role],
        orgName,
        false,
      ]);
    }
  });

  it('records the seed in the audit log', async () => {
    const events = await env.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'demo.seed'))
      .orderBy(asc(auditEvents.id));
    expect(events.map((e) => e.objectType)).toEqual([
      'organization',
      'venue',
      'user',
      'user',
      'user',
      'user',
      'user',
      'user',
      'venue',
      'campaign',
      'campaign',
      'campaign',
      'cultivation',
      'stage',
      'stage',
    ]);
    expect(events[0]!.detail).toBe('441 个党组织：40 个直属党组织，400 个基层党组织');
    expect(events.slice(8, 12).map((e) => e.detail)).toEqual([
      '另 118 个阵地（基层党组织活动室）',
      '2024年度“双示范”创建：示范点申报 68 个，示范阵地申报 56 个',
      '2025年度“双示范”创建：示范点申报 72 个，示范阵地申报 60 个',
      '2026年度“双示范”创建：示范点申报 77 个，示范阵地申报 64 个',
    ]);
    expect(events.slice(13).map((e) => [e.actorName, e.detail])).toEqual([
      ['demo', "238 generated reviews (review-scores.ts) entered as the experts' locked sheets"],
      ['demo', "254 generated reviews (review-scores.ts) entered as the experts' locked sheets"],
    ]);
  });

  it('writes only actions and object types of the typed list, so the audit page shows no raw code', async () => {
    const rows = await env.db
      .selectDistinct({ action: auditEvents.action, objectType: auditEvents.objectType })
      .from(auditEvents);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => !isAuditAction(r.action))).toEqual([]);
    expect(rows.filter((r) => r.objectType !== null && !isAuditObject(r.objectType))).toEqual([]);
  });

  it('refuses to seed a database that already holds organisations', async () => {
    await expect(seedDemo(env.db, env.clock.now)).rejects.toThrow('The demo seed needs an empty database.');
    const [n] = await env.db.select({ n: count() }).from(organizations);
    expect(n!.n).toBe(441);
  });

  it('builds the same data on every run', () => {
    const a = buildDemo();
    const b = buildDemo();
    expect(b).toEqual(a);
    expect(a.orgs[0]!.id).toBe(orgs.find((o) => o.depth === 0)!.id);
  });
});

type Line = {
  applicationId: string;
  title: string;
  rank: number;
  proposed: boolean;
  selected: boolean | null;
  votes: { for: number; against: number; abstain: number } | null;
  reason: string | null;
};
type Group = {
  orgKind: string | null;
  quota: number;
  proposedCount: number;
  selectedCount: number;
  lines: Line[];
};

describe('the closed years, evaluated and decided by the services', () => {
  const QUOTAS: Record<number, Record<string, number>> = {
    2024: { party_committee: 3, general_branch: 3, branch: 30, venue: 31 },
    2025: { party_committee: 4, general_branch: 3, branch: 31, venue: 33 },
  };
  const ACCEPTED: Record<number, number> = { 2024: 119, 2025: 127 };
  const SUBSTITUTED: Record<number, number> = { 2024: 0, 2025: 1 };

  it('gives 2024 and 2025 each a closed 实地考察 with two locked reviews per application (two experts visit each)', async () => {
    const admin = client(env.app, await login(env.app, 'admin', DEMO_PASSWORD));
    const list = (await admin.get('/api/campaigns?pageSize=10')).json();
    for (const year of [2024, 2025]) {
      const c = list.items.find((x: { year: number }) => x.year === year);
      const stages = (await admin.get(`/api/campaigns/${c.id}/stages`)).json().items;
      expect(
        stages.map((x: { nameZh: string; status: string; entrants: number; weight: number }) => [
          x.nameZh,
          x.status,
          x.entrants,
          x.weight,
        ]),
      ).toEqual([['实地考察', 'closed', ACCEPTED[year], 1]]);
      const rows = await env.db.select().from(reviews).where(eq(reviews.stageId, stages[0].id));
      expect([year, rows.length, rows.filter((r) => r.status === 'locked').length]).toEqual([
        year,
        ACCEPTED[year]! * 2,
        ACCEPTED[year]! * 2,
      ]);
      const progress = (await admin.get(`/api/stages/${stages[0].id}/progress`)).statusCode;
      expect(progress).toBe(200);
    }
  });

  it('confirms one decision per closed year: the quotas filled, one deviation each way with its votes and reason, the snapshot’s digest recomputed', async () => {
    const admin = client(env.app, await login(env.app, 'admin', DEMO_PASSWORD));
    const list = (await admin.get('/api/campaigns?pageSize=10')).json();
    for (const year of [2024, 2025]) {
      const c = list.items.find((x: { year: number }) => x.year === year);
      expect(c.status).toBe('closed');
      const d = (await admin.get(`/api/campaigns/${c.id}/decision`)).json();
      expect([d.status, d.releasedAt !== null, d.confirmedByName]).toEqual(['confirmed', true, '王建华']);
      const groups: Group[] = d.groups;
      expect(Object.fromEntries(groups.map((g) => [g.orgKind ?? 'venue', g.selectedCount]))).toEqual(
        QUOTAS[year],
      );
      expect(groups.every((g) => g.proposedCount === g.quota)).toBe(true);
      const lines = groups.flatMap((g) => g.lines);
      const departures = lines.filter((l) => l.selected !== l.proposed);
      expect(departures.map((l) => [l.proposed, l.selected, l.votes, l.reason])).toEqual(
        expect.arrayContaining([
          [true, false, { for: 7, against: 1, abstain: 1 }, DEVIATION_REASONS.dropped],
          [false, true, { for: 7, against: 1, abstain: 1 }, DEVIATION_REASONS.added],
        ]),
      );
      expect(departures).toHaveLength(2);
      expect(lines.filter((l) => l.selected === l.proposed).every((l) => l.votes?.for === 9)).toBe(true);
      const frozen = (await admin.get(`/api/decisions/${d.id}/snapshot`)).json();
      expect([frozen.digest, sha256(canonicalJson(frozen.snapshot))]).toEqual([
        d.snapshotDigest,
        d.snapshotDigest,
      ]);
      // The decision's selection, as certified after publicity: in 2025 one struck off on a founded
      // objection and the next ranked of its kind put in its place.
      const mine = await env.db.select().from(applications).where(eq(applications.campaignId, c.id));
      const items = await env.db
        .select()
        .from(publicityItems)
        .innerJoin(publicities, eq(publicities.id, publicityItems.publicityId))
        .where(eq(publicities.campaignId, c.id));
      const struck = items.filter((i) => i.publicity_items.status === 'struck');
      const substitutes = items.filter((i) => i.publicity_items.substituteFor !== null);
      const selected = lines.filter((l) => l.selected).map((l) => l.applicationId);
      const certified = [
        ...selected.filter((id) => !struck.some((i) => i.publicity_items.applicationId === id)),
        ...substitutes.map((i) => i.publicity_items.applicationId),
      ].sort();
      expect([year, struck.length, substitutes.length]).toEqual([year, SUBSTITUTED[year], SUBSTITUTED[year]]);
      expect(
        mine
          .filter((a) => a.status === 'certified')
          .map((a) => a.id)
          .sort(),
      ).toEqual(certified);
      expect(tally(mine.map((a) => a.status))).toEqual({
        certified: selected.length,
        not_selected: ACCEPTED[year]! - selected.length - SUBSTITUTED[year]!,
        withdrawn: mine.length - ACCEPTED[year]! + SUBSTITUTED[year]!,
      });
    }
    const confirms = await env.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'decisions.confirm'));
    expect(confirms.map((e) => e.actorName)).toEqual(['admin', 'admin']);
  });

  it('ranks 2025’s branches by their scores: the one taken out within the quota, the one put in below it', async () => {
    const admin = client(env.app, await login(env.app, 'admin', DEMO_PASSWORD));
    const c = (await admin.get('/api/campaigns?pageSize=10'))
      .json()
      .items.find((x: { year: number }) => x.year === 2025);
    const ranking = (
      await admin.get(`/api/campaigns/${c.id}/ranking?track=site&kind=branch&limit=100`)
    ).json();
    const d = (await admin.get(`/api/campaigns/${c.id}/decision`)).json();
    const lines: Line[] = d.groups.find((g: Group) => g.orgKind === 'branch').lines;
    const rankOf = new Map(
      ranking.items.map((r: { applicationId: string; rank: number }) => [r.applicationId, r.rank]),
    );
    const dropped = lines.find((l) => l.proposed && !l.selected)!;
    const added = lines.find((l) => !l.proposed && l.selected)!;
    expect([ranking.quota, ranking.total]).toEqual([31, 55]);
    expect([
      (rankOf.get(dropped.applicationId) as number) <= 31,
      (rankOf.get(added.applicationId) as number) > 31,
    ]).toEqual([true, true]);
  });

  it('shows the demo applicant its released 2025 results', async () => {
    const api = client(env.app, await login(env.app, 'applicant', DEMO_PASSWORD));
    const mine = (await api.get('/api/applications?pageSize=20')).json().items;
    const closed = mine.filter((a: { status: string }) => ['proposed', 'not_selected'].includes(a.status));
    expect(closed.length).toBeGreaterThan(0);
    for (const a of closed) {
      const res = await api.get(`/api/applications/${a.id}/results`);
      expect([res.statusCode, res.json().releasedAt !== null]).toEqual([200, true]);
    }
  });
});

describe('the closed years, published and certified by the services (issue #8)', () => {
  const TITLE = (y: number) => `${y}年度“双示范”创建拟命名名单公示`;

  it('imports the official holiday arrangements of 2024, 2025 and 2026 into the working-day calendar, each when it was announced', async () => {
    const days = await env.db.select().from(calendarDays);
    expect(tally(days.map((d) => `${d.date.slice(0, 4)} ${d.kind}`))).toEqual({
      '2024 holiday': 28,
      '2024 workday': 8,
      '2025 holiday': 28,
      '2025 workday': 5,
      '2026 holiday': 33,
      '2026 workday': 6,
    });
    const of = (date: string) => days.find((d) => d.date === date);
    expect(
      [of('2024-09-14'), of('2024-09-15'), of('2025-10-08'), of('2026-02-28')].map((d) => [d?.kind, d?.name]),
    ).toEqual([
      ['workday', '中秋节'],
      ['holiday', '中秋节'],
      ['holiday', '国庆节、中秋节'],
      ['workday', '春节'],
    ]);
    const imports = await env.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'calendar.import'))
      .orderBy(asc(auditEvents.id));
    expect(imports.map((e) => [e.objectId, e.actorName, e.at.toISOString(), e.detail])).toEqual([
      ['2024', 'admin', '2024-01-06T02:00:00.000Z', '2024年节假日安排.csv: 28 holidays, 8 workdays'],
      ['2025', 'admin', '2024-11-20T02:00:00.000Z', '2025年节假日安排.csv: 28 holidays, 5 workdays'],
      ['2026', 'admin', '2025-11-20T02:00:00.000Z', '2026年节假日安排.csv: 33 holidays, 6 workdays'],
    ]);
  });

  it('publishes each year’s list on 10 September for five working days (2024’s ends on the Saturday worked before 中秋), and closes it', async () => {
    const rows = await env.db.select().from(publicities).orderBy(asc(publicities.firstDay));
    const items = await env.db.select().from(publicityItems);
    expect(
      rows.map((p) => [
        p.title,
        p.status,
        p.workingDays,
        p.firstDay,
        p.lastDay,
        p.startsAt.toISOString(),
        p.endsAt.toISOString(),
        p.allowAnonymous,
        p.publishedByName,
        tally(items.filter((i) => i.publicityId === p.id).map((i) => i.status)),
      ]),
    ).toEqual([
      [
        TITLE(2024),
        'closed',
        5,
        '2024-09-10',
        '2024-09-14',
        '2024-09-10T02:00:00.000Z',
        '2024-09-14T16:00:00.000Z',
        true,
        '王建华',
        { listed: 67 },
      ],
      [
        TITLE(2025),
        'closed',
        5,
        '2025-09-10',
        '2025-09-16',
        '2025-09-10T02:00:00.000Z',
        '2025-09-16T16:00:00.000Z',
        true,
        '王建华',
        { listed: 71, struck: 1 },
      ],
    ]);
  });

  it('handles three objections: 2024 one unfounded; 2025 one founded, the entry struck and the next ranked substituted, one unfounded', async () => {
    const rows = await env.db
      .select()
      .from(objections)
      .innerJoin(publicities, eq(publicities.id, objections.publicityId))
      .orderBy(asc(objections.filedAt));
    const items = new Map((await env.db.select().from(publicityItems)).map((i) => [i.id, i]));
    expect(
      rows.map(({ objections: o, publicities: p }) => [
        p.title,
        o.status,
        o.outcome,
        o.anonymous,
        items.get(o.itemId!)!.trackCode,
        items.get(o.itemId!)!.orgKind,
        items.get(o.itemId!)!.status,
        o.assigneeName,
        o.filedAt.toISOString(),
        o.closedAt!.toISOString(),
      ]),
    ).toEqual([
      [
        TITLE(2024),
        'closed',
        'unfounded',
        true,
        'venue',
        'party_committee',
        'listed',
        '王建华',
        '2024-09-11T11:42:00.000Z',
        '2024-09-14T03:00:00.000Z',
      ],
      [
        TITLE(2025),
        'closed',
        'founded_substitute',
        false,
        'site',
        'party_committee',
        'struck',
        '王建华',
        '2025-09-11T12:14:00.000Z',
        '2025-09-16T02:30:00.000Z',
      ],
      [
        TITLE(2025),
        'closed',
        'unfounded',
        true,
        'site',
        'branch',
        'listed',
        '王建华',
        '2025-09-12T00:40:00.000Z',
        '2025-09-16T07:00:00.000Z',
      ],
    ]);
    // The substitute: the best ranked of the struck entry's kind that the decision did not select.
    const founded = rows[1]!.objections;
    const struck = items.get(founded.itemId!)!;
    const substitute = items.get(founded.substituteItemId!)!;
    const admin = client(env.app, await login(env.app, 'admin', DEMO_PASSWORD));
    const d = (await admin.get(`/api/campaigns/${rows[1]!.publicities.campaignId}/decision`)).json();
    const unselected = (d.groups as Group[])
      .find((g) => g.orgKind === struck.orgKind)!
      .lines.filter((l) => !l.selected)
      .sort((a, b) => a.rank - b.rank);
    expect([substitute.applicationId, substitute.rank, substitute.substituteFor, substitute.reason]).toEqual([
      unselected[0]!.applicationId,
      unselected[0]!.rank,
      struck.id,
      founded.reason,
    ]);
    const [gone] = await env.db.select().from(applications).where(eq(applications.id, struck.applicationId));
    expect(gone!.status).toBe('withdrawn');
    const receipt = (await client(env.app, null).get(`/api/public/objections/${founded.receiptCode}`)).json();
    expect([receipt.status, receipt.outcome, receipt.reply]).toEqual([
      'closed',
      'founded_substitute',
      founded.reply,
    ]);
  });

  it('certifies each list on the first working day after its window: titles per year and track, numbered in order, valid three years', async () => {
    const rows = await env.db.select().from(titles).orderBy(asc(titles.serial));
    expect(tally(rows.map((t) => `${t.year} ${t.trackCode === 'venue' ? 'venue' : t.orgKind}`))).toEqual({
      '2024 party_committee': 3,
      '2024 general_branch': 3,
      '2024 branch': 30,
      '2024 venue': 31,
      '2025 party_committee': 4,
      '2025 general_branch': 3,
      '2025 branch': 31,
      '2025 venue': 33,
    });
    expect(tally(rows.map((t) => `${t.year} ${t.trackCode}`))).toEqual({
      '2024 site': 36,
      '2024 venue': 31,
      '2025 site': 38,
      '2025 venue': 33,
    });
    for (const [year, track, letters, n] of [
      [2024, 'site', 'SFD', 36],
      [2024, 'venue', 'SFZD', 31],
      [2025, 'site', 'SFD', 38],
      [2025, 'venue', 'SFZD', 33],
    ] as const)
      expect(rows.filter((t) => t.year === year && t.trackCode === track).map((t) => t.serial)).toEqual(
        Array.from({ length: n }, (_, i) => `TJ-${letters}-${year}-${String(i + 1).padStart(3, '0')}`),
      );
    expect(
      tally(
        rows.map((t) =>
          [t.year, t.status, t.validityYears, t.validFrom, t.validUntil, t.certifiedAt.toISOString()].join(
            ' ',
          ),
        ),
      ),
    ).toEqual({
      '2024 active 3 2024-09-18 2027-09-18 2024-09-18T02:00:00.000Z': 67,
      '2025 active 3 2025-09-17 2028-09-17 2025-09-17T02:00:00.000Z': 71,
    });
    const certified = await env.db
      .select({ id: applications.id })
      .from(applications)
      .where(eq(applications.status, 'certified'));
    expect(rows.map((t) => t.applicationId).sort()).toEqual(certified.map((a) => a.id).sort());
    const admin = client(env.app, await login(env.app, 'admin', DEMO_PASSWORD));
    expect((await admin.get('/api/titles?pageSize=10')).json().total).toBe(138);
    const unit = client(env.app, await login(env.app, 'unit', DEMO_PASSWORD));
    // The demo unit's: the article's 海河治水 base, the demo applicant's activity room, three more.
    const mine = (await unit.get('/api/titles?pageSize=50&sort=serial')).json();
    expect(
      mine.items.map((t: { serial: string; holderName: string }) => `${t.serial} ${t.holderName}`),
    ).toEqual([
      'TJ-SFD-2024-007 市水务局水文水资源管理中心业务一科党支部',
      'TJ-SFZD-2024-002 市水务局海河治水党员教育基地',
      'TJ-SFZD-2024-014 市水务局水文水资源管理中心业务一科党员之家',
      'TJ-SFZD-2025-008 市水务局排水五所党员活动室',
      'TJ-SFZD-2025-031 市水务局规划计划处党员之家',
    ]);
  });

  it('records the steps in the audit log at their dates, by the committee’s admin and the public', async () => {
    const rows = await env.db
      .select()
      .from(auditEvents)
      .where(
        inArray(auditEvents.action, [
          'publicity.publish',
          'objections.file',
          'objections.accept',
          'objections.note',
          'objections.close',
          'titles.certify',
        ]),
      )
      .orderBy(asc(auditEvents.at));
    expect(rows.map((e) => `${e.at.toISOString().slice(0, 10)} ${e.action} ${e.actorName ?? '-'}`)).toEqual([
      '2024-09-10 publicity.publish admin',
      '2024-09-11 objections.file -',
      '2024-09-12 objections.accept admin',
      '2024-09-13 objections.note admin',
      '2024-09-14 objections.close admin',
      '2024-09-18 titles.certify admin',
      '2025-09-10 publicity.publish admin',
      '2025-09-11 objections.file -',
      '2025-09-12 objections.file -',
      '2025-09-12 objections.accept admin',
      '2025-09-12 objections.accept admin',
      '2025-09-12 objections.note admin',
      '2025-09-15 objections.note admin',
      '2025-09-15 objections.note admin',
      '2025-09-16 objections.close admin',
      '2025-09-16 objections.close admin',
      '2025-09-17 titles.certify admin',
    ]);
    const closes = rows.filter((e) => e.action === 'objections.close');
    expect(closes.map((e) => [Object.keys(e.changes ?? {}).sort(), e.detail])).toEqual([
      [['outcome', 'status'], OBJECTIONS[2][0]!.reason],
      [['outcome', 'status', 'struck', 'substitute'], OBJECTIONS[1][0]!.reason],
      [['outcome', 'status'], OBJECTIONS[1][1]!.reason],
    ]);
  });
});

describe('the demo’s audit log as the audit administrator reads it (issue #6)', () => {
  const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
  const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
  interface Event {
    action: string;
    actorId: string | null;
    scopeOrgId: string | null;
    objectType: string | null;
    objectId: string | null;
    changes: Record<string, { before: unknown; after: unknown }> | null;
    detail: string | null;
    names: Record<string, string>;
  }
  let events: Event[];

  beforeAll(async () => {
    const audit = client(env.app, await login(env.app, 'audit', DEMO_PASSWORD));
    events = [];
    // Page through the whole log, oldest first (each read adds its own audit.read at the end).
    for (let page = 1; ; page++) {
      const res = await audit.get(`/api/audit-events?page=${page}&pageSize=200&sort=at`);
      expect(res.statusCode).toBe(200);
      const items: Event[] = res.json().items;
      events.push(...items);
      if (items.length < 200) break;
    }
  });

  /** The name the API gives an id of an event, or the id itself when it has none. */
  const label = (e: Event, id: string) => e.names[id] ?? id;

  it('names every id an event mentions — actor, scope, object, changes, detail — and no name is a UUID', () => {
    expect(events.length).toBeGreaterThan(825);
    const unnamed: string[] = [];
    for (const e of events) {
      const ids = [e.actorId, e.scopeOrgId, e.objectId, ...(e.detail?.match(UUIDS) ?? [])];
      for (const c of Object.values(e.changes ?? {}))
        for (const v of [c.before, c.after].flat()) if (typeof v === 'string') ids.push(v);
      for (const id of ids)
        if (id && UUID.test(id) && UUID.test(label(e, id))) unnamed.push(`${e.action} ${id}`);
    }
    expect(unnamed).toEqual([]);
    expect(
      tally(
        events
          .filter((e) =>
            ['stage', 'draw', 'decision', 'calendar_day', 'publicity', 'objection'].includes(e.objectType!),
          )
          .map((e) => e.objectType!),
      ),
    ).toEqual({
      stage: 16,
      draw: 4,
      decision: 12,
      calendar_day: 3,
      publicity: 4,
      objection: 13,
    });
  });

  it('labels draws, stages (deleted ones too), decisions, experts and ids in the detail in words', () => {
    const of = (action: string) => events.filter((e) => e.action === action);
    expect(of('panel.draw').map((e) => label(e, e.objectId!))).toEqual([
      '2024年度“双示范”创建 · 实地考察 · 专家组抽取',
      '2025年度“双示范”创建 · 实地考察 · 专家组抽取',
    ]);
    expect(of('assignments.auto').map((e) => label(e, e.objectId!))).toEqual([
      '2024年度“双示范”创建 · 实地考察 · 评审任务分配',
      '2025年度“双示范”创建 · 实地考察 · 评审任务分配',
    ]);
    expect(of('stages.close').map((e) => label(e, e.objectId!))).toEqual([
      '2024年度“双示范”创建 · 实地考察',
      '2025年度“双示范”创建 · 实地考察',
    ]);
    // The seed shapes the template to one stage: the stages it deletes are named from their own events.
    expect(of('stages.delete').map((e) => label(e, e.objectId!))).toEqual(
      ['2024', '2025'].flatMap((y) =>
        ['集体评审', '互比互评', '现场考核', '现场讲述'].map((s) => `${y}年度“双示范”创建 · ${s}（已删除）`),
      ),
    );
    expect(of('decisions.confirm').map((e) => label(e, e.objectId!))).toEqual([
      '2024年度“双示范”创建',
      '2025年度“双示范”创建',
    ]);
    expect(
      of('reviewers.create')
        .map((e) => label(e, e.objectId!))
        .slice(0, 2),
    ).toEqual(['李红梅（lihongmei）', '张振华（zhangzhenhua）']);
    // The publicity: the list by its title, an objection and the entry it concerns by the list and the entry.
    const lists = ['2024', '2025'].map((y) => `${y}年度“双示范”创建拟命名名单公示`);
    expect(of('titles.certify').map((e) => label(e, e.objectId!))).toEqual(lists);
    for (const e of [...of('objections.file'), ...of('objections.close')]) {
      const entry = e.changes?.entryId?.after as string | undefined;
      const name = label(e, entry ?? e.objectId!);
      expect(lists.some((l) => name.startsWith(`${l} · `))).toBe(true);
    }
    // The detail's ids by name, as the page shows them.
    const draw = of('panel.draw')[0]!;
    expect(auditDetailText(draw.detail, { lang: 'zh', names: draw.names, time: (s) => s })).toBe(
      'stage 2024年度“双示范”创建 · 实地考察 seed 1202401 count 8 of 12',
    );
    for (const line of of('decisions.line')) {
      const text = auditDetailText(line.detail, { lang: 'zh', names: line.names, time: (s) => s });
      expect(text).toMatch(/^application \S+党/);
    }
  });
});

describe('demo honours (issue #8 §4)', () => {
  it('records 11 honours in each closed year, 7 of them to demonstration units, names masked in the list', async () => {
    const admin = client(env.app, await login(env.app, 'admin', DEMO_PASSWORD));
    const report = (await admin.get('/api/honours/reservoir')).json();
    expect(
      report.years.map((y: { year: number; total: number; fromPool: number; share: number }) => [
        y.year,
        y.total,
        y.fromPool,
        y.share,
      ]),
    ).toEqual([
      [2024, 11, 7, 0.6364],
      [2025, 11, 7, 0.6364],
    ]);
    expect(
      report.years[1].byKind.map((k: { kindNameZh: string; total: number; fromPool: number }) => [
        k.kindNameZh,
        k.total,
        k.fromPool,
      ]),
    ).toEqual([
      ['先进基层党组织', 5, 3],
      ['优秀共产党员', 3, 2],
      ['优秀党务工作者', 3, 2],
    ]);
    const list = (await admin.get('/api/honours?subject=person&pageSize=50')).json();
    expect(list.total).toBe(12);
    expect(
      list.items.every(
        (h: { personMasked: boolean; personName: string }) => h.personMasked && h.personName.includes('*'),
      ),
    ).toBe(true);
    const [u] = await env.db.select().from(users).where(eq(users.username, 'unit'));
    const unit = client(env.app, await login(env.app, 'unit', DEMO_PASSWORD));
    const mine = (await unit.get('/api/honours?pageSize=50')).json();
    expect(mine.items.every((h: { unitId: string }) => h.unitId === u!.unitId)).toBe(true);
  });
});
