import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq, inArray, ne } from 'drizzle-orm';
import { auditEvents, organizations, users, venues } from '../db/schema';
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
      notifications: 54,
      stages: 2,
      entrants: 246,
      reviews: 492,
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
      const mine = await env.db.select().from(applications).where(eq(applications.campaignId, c.id));
      const selected = lines
        .filter((l) => l.selected)
        .map((l) => l.applicationId)
        .sort();
      expect(
        mine
          .filter((a) => a.status === 'proposed')
          .map((a) => a.id)
          .sort(),
      ).toEqual(selected);
      expect(tally(mine.map((a) => a.status))).toEqual({
        proposed: selected.length,
        not_selected: ACCEPTED[year]! - selected.length,
        withdrawn: mine.length - ACCEPTED[year]!,
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
        events.filter((e) => ['stage', 'draw', 'decision'].includes(e.objectType!)).map((e) => e.objectType!),
      ),
    ).toEqual({
      stage: 16,
      draw: 4,
      decision: 12,
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
