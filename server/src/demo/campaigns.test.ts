import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import {
  applicationEvents,
  applications,
  campaignQuotas,
  campaigns,
  campaignStandards,
  campaignUnitCaps,
  criteria,
  cultivationMilestones,
  cultivationNotes,
  cultivations,
  evidenceFiles,
  organizations,
  selfAssessments,
  venues,
} from '../db/schema';
import { client, login, makeTestEnv, type TestEnv } from '../../test/helpers';
import {
  APPLICATION_ACTIONS,
  decide,
  type ApplicationAction,
} from '../../../shared/src/domain/application-workflow';
import { isValidScore } from '../../../shared/src/domain/standards';
import { completeness } from '../../../shared/src/domain/completeness';
import { RECOMMENDED_STATUSES } from '../modules/applications/rank-repo';
import { buildDemo } from './build';
import { buildCampaignDemo } from './campaign-build';
import { campaignStatusAt } from './campaign-history';
import { DAY } from './campaign-time';
import { ARTICLE_TOTALS } from './campaign-plan';
import { DEMO_RETURN_REASON } from './campaign-text';
import { loadDefaultStandards } from './campaigns';
import { DEMO_PASSWORD, seedDemo } from './seed';

let env: TestEnv;
let now: number;
type App = typeof applications.$inferSelect;
type Ev = typeof applicationEvents.$inferSelect;
let apps: App[];
let camps: Map<string, typeof campaigns.$inferSelect>;
let events: Map<string, Ev[]>;
let orgs: Map<string, typeof organizations.$inferSelect>;

beforeAll(async () => {
  env = await makeTestEnv();
  now = env.clock.now.getTime();
  await seedDemo(env.db, env.clock.now);
  apps = await env.db.select().from(applications);
  camps = new Map((await env.db.select().from(campaigns)).map((c) => [c.id, c]));
  orgs = new Map((await env.db.select().from(organizations)).map((o) => [o.id, o]));
  events = new Map();
  const all = await env.db
    .select()
    .from(applicationEvents)
    .orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
  for (const e of all) events.set(e.applicationId, [...(events.get(e.applicationId) ?? []), e]);
}, 900_000);
afterAll(() => env.close());

const yearOfApp = (a: App) => camps.get(a.campaignId)!.year;
const lineOf = (a: App) => (a.trackCode === 'venue' ? 'venue' : a.orgKind);
const tally = <T>(items: T[], key: (x: T) => string) =>
  items.reduce<Record<string, number>>((acc, x) => ({ ...acc, [key(x)]: (acc[key(x)] ?? 0) + 1 }), {});
const orgNamed = (name: string) => [...orgs.values()].find((o) => o.name === name)!;
const byYear = (year: number) => apps.filter((a) => yearOfApp(a) === year);

describe('demo campaigns', () => {
  it('holds 217 site and 180 venue applications over three yearly campaigns', () => {
    expect(tally(apps, (a) => `${yearOfApp(a)} ${a.trackCode}`)).toEqual({
      '2024 site': 68,
      '2024 venue': 56,
      '2025 site': 72,
      '2025 venue': 60,
      '2026 site': 77,
      '2026 venue': 64,
    });
    expect(tally(apps, (a) => a.trackCode)).toEqual({
      site: ARTICLE_TOTALS.site,
      venue: ARTICLE_TOTALS.venue,
    });
    expect(
      [...camps.values()].map((c) => [c.year, c.name, c.status]).sort((a, b) => Number(a[0]) - Number(b[0])),
    ).toEqual([
      [2024, '2024年度“双示范”创建', 'closed'],
      [2025, '2025年度“双示范”创建', 'closed'],
      [2026, '2026年度“双示范”创建', 'open'],
    ]);
  });

  it('certifies part of the article’s titles in the closed years (their confirmed decisions, published); this year’s quotas can reach the rest', async () => {
    const certified = apps.filter((a) => a.status === 'certified');
    expect(tally(certified, (a) => `${yearOfApp(a)} ${lineOf(a)}`)).toEqual({
      '2024 party_committee': 3,
      '2024 general_branch': 3,
      '2024 branch': 30,
      '2024 venue': 31,
      '2025 party_committee': 4,
      '2025 general_branch': 3,
      '2025 branch': 31,
      '2025 venue': 33,
    });
    const quotas = await env.db.select().from(campaignQuotas);
    const quota = (year: number, line: string) =>
      quotas.find((q) => camps.get(q.campaignId)!.year === year && (q.orgKind ?? 'venue') === line)!.quota;
    const article: Record<string, number> = {
      ...ARTICLE_TOTALS.selected,
      venue: ARTICLE_TOTALS.venuesCertified,
    };
    for (const [line, total] of Object.entries(article)) {
      const past = certified.filter((a) => lineOf(a) === line).length;
      expect([line, past <= total, past + quota(2026, line) >= total]).toEqual([line, true, true]);
      for (const year of [2024, 2025])
        expect(quota(year, line)).toBe(
          certified.filter((a) => yearOfApp(a) === year && lineOf(a) === line).length,
        );
    }
    expect(new Set(certified.map((a) => `${a.trackCode}:${a.subjectId}`)).size).toBe(certified.length);
  });

  it('ends every closed-year application certified, not selected or withdrawn, within its year', () => {
    for (const year of [2024, 2025]) {
      const mine = byYear(year);
      expect(Object.keys(tally(mine, (a) => a.status)).sort()).toEqual([
        'certified',
        'not_selected',
        'withdrawn',
      ]);
      const c = [...camps.values()].find((x) => x.year === year)!;
      expect([c.applicationOpensAt.getUTCFullYear(), c.publicityEndsAt.getUTCFullYear(), c.version]).toEqual([
        year,
        year,
        6,
      ]);
      expect(mine.every((a) => a.updatedAt.getTime() <= c.updatedAt.getTime())).toBe(true);
    }
  });

  it('has every status an open campaign can hold this year, its intake over: review can begin', () => {
    const c = [...camps.values()].find((x) => x.year === 2026)!;
    const days = (d: Date) => Math.round((d.getTime() - now) / DAY);
    expect(
      [
        c.applicationOpensAt,
        c.applicationClosesAt,
        c.recommendationDeadline,
        c.reviewStartsAt,
        c.reviewEndsAt,
      ].map(days),
    ).toEqual([-60, -12, -2, -1, 50]);
    expect(c.publicityStartsAt > c.reviewEndsAt).toBe(true);
    // Every step of this year's applications fell within the application window.
    const steps = byYear(2026).flatMap((a) => events.get(a.id)!);
    expect(steps.filter((e) => e.at > c.applicationClosesAt)).toEqual([]);
    const counts = tally(byYear(2026), (a) => a.status);
    expect(counts).toEqual({
      draft: 45,
      submitted: 36,
      recommended: 26,
      accepted: 17,
      returned: 10,
      withdrawn: 7,
    });
    const returnedBy = tally(
      byYear(2026).filter((a) => a.status === 'returned'),
      (a) => events.get(a.id)!.at(-1)!.role!,
    );
    expect(returnedBy).toEqual({ unit_admin: 6, committee_admin: 4 });
    for (const a of byYear(2026).filter((x) => x.status === 'returned'))
      expect(a.returnedReason).toBe(events.get(a.id)!.at(-1)!.reason);
  });

  it('gives recommendations an opinion and a rank unique in the unit’s list, within its cap', async () => {
    const caps = await env.db.select().from(campaignUnitCaps);
    expect(caps.filter((c) => camps.get(c.campaignId)!.year === 2026)).toHaveLength(5);
    const lists = new Map<string, App[]>();
    for (const a of apps.filter((x) => RECOMMENDED_STATUSES.includes(x.status))) {
      expect([a.unitOpinion !== null, a.unitRank !== null, a.recommendedAt !== null]).toEqual([
        true,
        true,
        true,
      ]);
      const key = `${a.campaignId}|${a.trackCode}|${a.unitId}`;
      lists.set(key, [...(lists.get(key) ?? []), a]);
    }
    for (const [key, list] of lists) {
      const ranks = list.map((a) => a.unitRank!);
      expect(new Set(ranks).size).toBe(ranks.length);
      const cap = caps.find((c) => `${c.campaignId}|${c.trackCode}|${c.unitId}` === key)?.cap;
      if (cap !== undefined) expect([list.length <= cap, Math.max(...ranks) <= cap]).toEqual([true, true]);
    }
  });

  it('keeps each history consistent with its row, and every workflow step one the rules allow at its time', () => {
    const bad: string[] = [];
    for (const a of apps) {
      const c = camps.get(a.campaignId)!;
      const list = events.get(a.id)!;
      const first = list[0]!;
      if (first.action !== 'create' || first.fromStatus !== null || first.toStatus !== 'draft')
        bad.push(a.id);
      if (first.at.getTime() !== a.createdAt.getTime()) bad.push(`${a.id} created`);
      const last = (action: string) =>
        list
          .filter((e) => e.action === action)
          .at(-1)
          ?.at.getTime() ?? null;
      if (list.at(-1)!.toStatus !== a.status) bad.push(`${a.id} status`);
      if ((a.submittedAt?.getTime() ?? null) !== last('submit')) bad.push(`${a.id} sub`);
      if ((a.recommendedAt?.getTime() ?? null) !== last('recommend')) bad.push(`${a.id} rec`);
      if ((a.acceptedAt?.getTime() ?? null) !== last('accept')) bad.push(`${a.id} acc`);
      if (a.updatedAt.getTime() < list.at(-1)!.at.getTime() || a.updatedAt.getTime() > now)
        bad.push(`${a.id} upd`);
      if (a.version < list.length) bad.push(`${a.id} version`);
      if (a.unitId !== first.unitId) bad.push(`${a.id} unit`);
      list.forEach((e, i) => {
        if (i > 0 && e.fromStatus !== list[i - 1]!.toStatus) bad.push(`${a.id} chain ${e.action}`);
        if (e.at.getTime() > now || e.actorName === null || e.role === null) bad.push(`${a.id} who/when`);
        if (i > 0) {
          const at = e.at;
          const d = decide({
            action: e.action as ApplicationAction,
            status: e.fromStatus!,
            role: e.role!,
            now: at,
            campaign: {
              ...c,
              status: campaignStatusAt(c.year !== 2026, at.getTime(), {
                reviewStartsAt: c.reviewStartsAt.getTime(),
                reviewEndsAt: c.reviewEndsAt.getTime(),
              }),
            },
            reason: e.reason,
            gaps: [],
          });
          if (!d.ok || d.to !== e.toStatus) bad.push(`${a.id} ${e.action} ${d.ok ? d.to : d.refusal}`);
        }
      });
      if (!list.slice(1).every((e) => (APPLICATION_ACTIONS as readonly string[]).includes(e.action)))
        bad.push(`${a.id} action`);
    }
    expect(bad).toEqual([]);
  });

  it('ties each application to its subject: unit, kind, venue owner, the campaign’s standard; one per subject', async () => {
    const vs = new Map((await env.db.select().from(venues)).map((v) => [v.id, v]));
    const slots = await env.db.select().from(campaignStandards);
    const bad = apps.filter((a) => {
      const org = orgs.get(a.organizationId)!;
      const venue = a.venueId ? vs.get(a.venueId) : null;
      const slot = slots.find(
        (s) =>
          s.campaignId === a.campaignId &&
          s.trackCode === a.trackCode &&
          (s.orgKind ?? a.orgKind) === a.orgKind,
      );
      return (
        a.unitId !== org.unitId ||
        a.orgKind !== org.kind ||
        a.subjectId !== (a.venueId ?? a.organizationId) ||
        (a.trackCode === 'venue') !== !!venue ||
        (venue && venue.organizationId !== org.id) ||
        slot?.standardVersionId !== a.standardVersionId ||
        (a.trackCode === 'site' && !['party_committee', 'general_branch', 'branch'].includes(a.orgKind))
      );
    });
    expect(bad).toEqual([]);
    expect(new Set(apps.map((a) => `${a.campaignId}|${a.trackCode}|${a.subjectId}`)).size).toBe(apps.length);
    const unitsWithApps = new Set(apps.map((a) => a.unitId)).size;
    expect(unitsWithApps).toBeGreaterThanOrEqual(35);
  });

  it('self-assesses every criterion of the standard in half points; only drafts have unscored items', async () => {
    const crit = await env.db.select().from(criteria);
    const rows = await env.db.select().from(selfAssessments);
    const bad: string[] = [];
    for (const a of apps) {
      const mine = crit.filter((c) => c.standardVersionId === a.standardVersionId);
      const scores = rows.filter((s) => s.applicationId === a.id);
      if (scores.length !== mine.length || scores.some((s) => s.unitId !== a.unitId))
        bad.push(`${a.id} cover`);
      for (const s of scores) {
        const c = mine.find((x) => x.id === s.criterionId);
        if (!c) bad.push(`${a.id} foreign criterion`);
        else if (s.score === null ? a.status !== 'draft' : !isValidScore(s.score, c.maxPoints))
          bad.push(`${a.id} score`);
      }
    }
    expect(bad).toEqual([]);
    expect(rows.some((s) => s.score === null)).toBe(true);
  });

  it('seeds every application past its draft complete, as the workflow requires to submit (issue #7.9)', async () => {
    const crit = await env.db.select().from(criteria);
    const scores = await env.db.select().from(selfAssessments);
    const files = await env.db.select().from(evidenceFiles);
    const incomplete: string[] = [];
    let drafts = 0;
    for (const a of apps) {
      const gaps = completeness({
        fields: { brandName: a.brandName, summary: a.summary },
        criteria: crit.filter((c) => c.standardVersionId === a.standardVersionId),
        selfAssessment: new Map(
          scores.filter((s) => s.applicationId === a.id).map((s) => [s.criterionId, s.score]),
        ),
        evidenceCount: files
          .filter((f) => f.applicationId === a.id)
          .reduce(
            (m, f) => m.set(f.criterionId!, (m.get(f.criterionId!) ?? 0) + 1),
            new Map<string, number>(),
          ),
      });
      if (a.status === 'draft') drafts += gaps.length ? 1 : 0;
      else if (gaps.length) incomplete.push(`${a.id} ${a.status}: ${gaps.map((g) => g.kind).join(',')}`);
    }
    expect(incomplete).toEqual([]);
    expect(drafts).toBeGreaterThan(0); // drafts still show what they miss
    // One file per criterion that asks for evidence, for each application past its draft; none for drafts.
    const asked = (a: App) =>
      crit.filter((c) => c.standardVersionId === a.standardVersionId && c.evidenceRequired);
    expect(files.length).toBe(
      apps.filter((a) => a.status !== 'draft').reduce((n, a) => n + asked(a).length, 0),
    );
    expect(files.filter((f) => apps.find((a) => a.id === f.applicationId)!.status === 'draft')).toEqual([]);
    expect(new Set(files.map((f) => f.storageKey))).toEqual(new Set(['demo/evidence.pdf']));
  });

  it('keeps cultivation pools for the demo unit and three more, some of them turned into applications', async () => {
    const cs = await env.db.select().from(cultivations);
    const ms = await env.db.select().from(cultivationMilestones);
    const ns = await env.db.select().from(cultivationNotes);
    const unit = orgNamed('市水务局机关党委');
    expect(new Set(cs.map((c) => c.unitId)).size).toBe(4);
    expect(
      tally(
        cs.filter((c) => c.unitId === unit.id),
        (c) => c.status,
      ),
    ).toEqual({
      applied: 2,
      ready: 1,
      cultivating: 2,
      dropped: 1,
    });
    const crit = await env.db.select().from(criteria);
    for (const c of cs) {
      const mine = ms.filter((m) => m.cultivationId === c.id);
      expect([c.plan !== null, mine.length, ns.some((n) => n.cultivationId === c.id)]).toEqual([
        true,
        4,
        true,
      ]);
      expect(mine.some((m) => m.doneAt !== null)).toBe(true);
      const app = apps.find((a) => a.cultivationId === c.id);
      expect([c.status, app ? yearOfApp(app) : null]).toEqual([
        c.status,
        c.status === 'applied' ? 2026 : null,
      ]);
      if (c.status !== 'dropped') {
        const ids = new Set(crit.filter((x) => x.standardVersionId === c.standardVersionId).map((x) => x.id));
        expect(Object.keys(c.readiness!).every((id) => ids.has(id))).toBe(true);
      }
    }
  });
});

describe('demo campaigns through the API', () => {
  it('shows the demo applicant its application returned by the unit, with the reason, too late to submit again', async () => {
    const api = client(env.app, await login(env.app, 'applicant', DEMO_PASSWORD));
    const list = (await api.get('/api/applications?status=returned')).json();
    expect(list.items.map((i: { orgName: string; status: string }) => [i.orgName, i.status])).toEqual([
      ['市水务局排水五所党支部', 'returned'],
    ]);
    const detail = (await api.get(`/api/applications/${list.items[0].id}`)).json();
    expect([detail.returnedReason, detail.history.at(-1).actorName, detail.abilities.submit]).toEqual([
      DEMO_RETURN_REASON,
      '赵文静',
      false,
    ]);
    const inbox = (await api.get('/api/notifications?sort=-createdAt')).json();
    expect(inbox.items[0].titleZh).toBe(`申报已退回：${DEMO_RETURN_REASON}`);
  });

  it('shows the demo unit what it did not recommend by the deadline, and the committee what waits for intake', async () => {
    const current = [...camps.values()].find((c) => c.year === 2026)!;
    const unit = client(env.app, await login(env.app, 'unit', DEMO_PASSWORD));
    const list = (await unit.get(`/api/applications?campaignId=${current.id}&status=submitted`)).json();
    const names = list.items.map((i: { orgName: string }) => i.orgName);
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(names).not.toContain('市水务局排水五所党支部');
    const detail = (await unit.get(`/api/applications/${list.items[0].id}`)).json();
    expect([detail.abilities.recommend, detail.abilities.return]).toEqual([false, true]);
    const admin = client(env.app, await login(env.app, 'admin', DEMO_PASSWORD));
    const queue = (await admin.get(`/api/applications?campaignId=${current.id}&status=recommended`)).json();
    const first = (await admin.get(`/api/applications/${queue.items[0].id}`)).json();
    expect([queue.total, first.abilities.accept]).toEqual([26, true]);
  });

  it('lets each demo account log in and list the applications its role may see', async () => {
    const unit = orgNamed('市水务局机关党委');
    const expected: Record<string, [number, number]> = {
      admin: [200, apps.length],
      unit: [200, apps.filter((a) => a.unitId === unit.id).length],
      applicant: [200, apps.filter((a) => a.organizationId === orgNamed('市水务局排水五所党支部').id).length],
      reviewer: [403, 0],
      security: [403, 0],
      audit: [403, 0],
    };
    for (const [username, [status, total]] of Object.entries(expected)) {
      const res = await client(env.app, await login(env.app, username, DEMO_PASSWORD)).get(
        '/api/applications',
      );
      expect([username, res.statusCode, res.statusCode === 200 ? res.json().total : 0]).toEqual([
        username,
        status,
        total,
      ]);
    }
    expect(expected.applicant![1]).toBe(3);
  });

  it('builds the same rows on every run for the same clock', async () => {
    const std = await loadDefaultStandards(env.db);
    const a = buildCampaignDemo(buildDemo(), std, env.clock.now);
    expect(buildCampaignDemo(buildDemo(), std, env.clock.now)).toEqual(a);
    expect(a.applications.map((x) => x.id).sort()).toEqual(apps.map((x) => x.id).sort());
  });
});
