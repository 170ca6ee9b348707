/**
 * The committee's decision through the API: the draft from the proposal (exact ranks, finals, reasons),
 * line edits with their refusals, accepting the proposal; nothing written after a refusal.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { auditEvents, decisionLines, decisions, stages } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import type { ApplicationResult, DecisionDetail } from '../../../../shared/src/contracts/decisions';
import {
  canonicalJson,
  verifySnapshot,
  type DecisionSnapshot,
} from '../../../../shared/src/domain/evaluation';
import { sha256 } from './service';
import { actorOf, seedConfirmed, seedDeciding, seedReady, standardApps } from './test-kit';

let env: TestEnv;
let committee: ReturnType<typeof client>;
let tree: Awaited<ReturnType<typeof seedTree>>;
let users: Awaited<ReturnType<typeof seedUsers>>;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  users = await seedUsers(env.db, tree);
  committee = client(env.app, await login(env.app, 'cadmin'));
});
afterAll(() => env.close());

async function snapshotOfWrites() {
  const [d] = await env.db.select({ n: count() }).from(decisions);
  const [l] = await env.db.select({ n: count() }).from(decisionLines);
  const [a] = await env.db.select({ n: count() }).from(auditEvents);
  const lines = await env.db.execute(sql`select * from decision_lines order by application_id`);
  return { decisions: d!.n, lines: l!.n, audit: a!.n, rows: JSON.stringify(lines) };
}

const seed = (branchQuota = 3) =>
  seedDeciding(env.db, env.clock.now, { branchQuota, apps: standardApps(tree) });

function linesOf(d: DecisionDetail, ids: Record<string, string>) {
  const key = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
  return d.groups
    .flatMap((g) => g.lines)
    .map((l) => [key.get(l.applicationId), l.rank, l.finalScore, l.proposed, l.proposalReason, l.selected]);
}

describe('the draft from the proposal', () => {
  it('proposes the top of the quota among the shortlisted, ties at the line marked', async () => {
    const s = await seed();
    const res = await committee.post(`/api/campaigns/${s.campaignId}/decision`, {});
    expect(res.statusCode).toBe(201);
    const d = res.json<DecisionDetail>();
    expect(d.status).toBe('draft');
    expect(d.version).toBe(1);
    expect(linesOf(d, s.ids)).toEqual([
      ['A', 1, 90, true, 'within_quota', null],
      ['B', 2, 85, true, 'within_quota', null],
      ['C', 3, 80, true, 'tied_at_line', null],
      ['D', 4, 80, false, 'tied_at_line', null],
      ['F', 5, 65, false, 'below_quota_line', null],
    ]);
    const site = d.groups.find((g) => g.track === 'site' && g.orgKind === 'branch')!;
    expect([site.quota, site.proposedCount, site.selectedCount]).toEqual([3, 3, 0]);
    expect(site.lines[0]).toMatchObject({
      title: 'A品牌',
      organizationName: tree.a1.name,
      unitName: tree.unitA.name,
    });
    // Every quota group is shown, the whole-track venue quota with kind null.
    expect(d.groups.map((g) => [g.track, g.orgKind, g.quota, g.lines.length])).toEqual([
      ['site', 'branch', 3, 5],
      ['site', 'general_branch', 3, 0],
      ['site', 'party_committee', 3, 0],
      ['venue', null, 3, 0],
    ]);
    const again = await committee.get(`/api/campaigns/${s.campaignId}/decision`);
    expect(again.json()).toEqual(d);
    expect((await committee.get(`/api/decisions/${d.id}`)).json()).toEqual(d);
    const [audit] = await env.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'decisions.create'))
      .orderBy(sql`at desc`)
      .limit(1);
    expect(audit!.changes).toEqual({
      campaignId: { before: null, after: s.campaignId },
      lines: { before: null, after: 5 },
      proposed: { before: null, after: 3 },
    });
  });

  it('refuses a second draft and a campaign not deciding, writing nothing', async () => {
    const s = await seed();
    expect((await committee.post(`/api/campaigns/${s.campaignId}/decision`, {})).statusCode).toBe(201);
    const before = await snapshotOfWrites();
    const dup = await committee.post(`/api/campaigns/${s.campaignId}/decision`, {});
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE');
    await env.db.execute(sql`update campaigns set status = 'reviewing' where id = ${s.campaignId}`);
    const s2 = await seed();
    await env.db.execute(sql`update campaigns set status = 'reviewing' where id = ${s2.campaignId}`);
    const before2 = await snapshotOfWrites();
    const early = await committee.post(`/api/campaigns/${s2.campaignId}/decision`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CAMPAIGN_NOT_DECIDING');
    expect(await snapshotOfWrites()).toEqual(before2);
    expect(before2.decisions).toBe(before.decisions);
    const missing = await committee.get(`/api/campaigns/${s2.campaignId}/decision`);
    expect(missing.statusCode).toBe(404);
  });
});

describe('the committee’s choices', () => {
  it('records a line, refuses a deviation or a selection over the quota without a reason', async () => {
    const s = await seed();
    const d = (await committee.post(`/api/campaigns/${s.campaignId}/decision`, {})).json<DecisionDetail>();
    const line = (key: string) => `/api/decisions/${d.id}/lines/${s.ids[key]}`;

    const accepted = await committee.post(`/api/decisions/${d.id}/accept-proposal`, {
      version: 1,
      votes: { for: 9, against: 1, abstain: 1 },
    });
    expect(accepted.statusCode).toBe(200);
    const a = accepted.json<DecisionDetail>();
    expect(a.version).toBe(2);
    expect(linesOf(a, s.ids).map((l) => [l[0], l[5]])).toEqual([
      ['A', true],
      ['B', true],
      ['C', true],
      ['D', false],
      ['F', false],
    ]);
    expect(a.groups[0]!.lines[0]!.votes).toEqual({ for: 9, against: 1, abstain: 1 });
    expect(a.groups[0]!.selectedCount).toBe(3);

    const before = await snapshotOfWrites();
    // Not selecting a proposed application without a reason.
    const dev = await committee.patch(line('B'), { selected: false, version: 2 });
    expect(dev.statusCode).toBe(400);
    expect(dev.json().error.details.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['reason', 'deviation_without_reason'],
    ]);
    // Selecting over the quota without a reason: a deviation and over the quota.
    const over = await committee.patch(line('D'), { selected: true, reason: '  ', version: 2 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details.map((e: { code: string }) => e.code)).toEqual([
      'deviation_without_reason',
      'over_quota_without_reason',
    ]);
    expect(over.json().error.details[1].message).toBe('超出名额，须填写理由（site/branch）');
    // A stale version.
    const stale = await committee.patch(line('D'), { selected: true, reason: '理由', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(await snapshotOfWrites()).toEqual(before);

    const ok = await committee.patch(line('D'), {
      selected: true,
      votesFor: 8,
      votesAgainst: 2,
      votesAbstain: 1,
      reason: '现场讲述表现突出，经表决增列',
      version: 2,
    });
    expect(ok.statusCode).toBe(200);
    const o = ok.json<DecisionDetail>();
    expect(o.version).toBe(3);
    expect(o.groups[0]!.selectedCount).toBe(4);
    expect(o.groups[0]!.lines[3]).toMatchObject({
      selected: true,
      votes: { for: 8, against: 2, abstain: 1 },
      reason: '现场讲述表现突出，经表决增列',
    });
    const [audit] = await env.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'decisions.line'))
      .orderBy(sql`at desc`)
      .limit(1);
    expect(audit!.changes).toEqual({
      selected: { before: false, after: true },
      votesFor: { before: 9, after: 8 },
      votesAgainst: { before: 1, after: 2 },
      reason: { before: null, after: '现场讲述表现突出，经表决增列' },
    });
    // An unknown line.
    const unknown = await committee.patch(line('E'), { selected: true, reason: 'x', version: 3 });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('confirmation', () => {
  it('refuses an incomplete decision with a field error per line, then freezes the snapshot', async () => {
    const s = await seed();
    const d = (await committee.post(`/api/campaigns/${s.campaignId}/decision`, {})).json<DecisionDetail>();
    const url = `/api/decisions/${d.id}`;
    const before = await snapshotOfWrites();
    const empty = await committee.post(`${url}/confirm`, { version: 1 });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error.code).toBe('DECISION_INCOMPLETE');
    expect(empty.json().error.details.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual(
      ['A', 'B', 'C', 'D', 'F'].map((k) => [`lines.${s.ids[k]}.selected`, 'missing_line']),
    );
    expect(await snapshotOfWrites()).toEqual(before);

    await committee.post(`${url}/accept-proposal`, { version: 1 });
    const noVotes = await committee.post(`${url}/confirm`, { version: 2 });
    expect(noVotes.json().error.details.map((e: { field: string; code: string }) => e.code)).toEqual([
      'invalid_votes',
      'invalid_votes',
      'tie_without_reason',
      'invalid_votes',
      'invalid_votes',
      'invalid_votes',
    ]);
    let version = 2;
    for (const k of ['A', 'B', 'C', 'D', 'F']) {
      const res = await committee.patch(`${url}/lines/${s.ids[k]}`, {
        selected: k <= 'C',
        votesFor: 9,
        votesAgainst: 1,
        votesAbstain: 1,
        ...(k === 'C' ? { reason: '与 D 同分，按提交时间在先列入' } : {}),
        version,
      });
      expect(res.statusCode).toBe(200);
      version++;
    }
    const ok = await committee.post(`${url}/confirm`, { version });
    expect(ok.statusCode).toBe(200);
    const c = ok.json<DecisionDetail>();
    expect(c.status).toBe('confirmed');
    expect(c.confirmedByName).toBe('cadmin');

    // The stored snapshot is the canonical JSON its digest was taken of, and recomputes to itself.
    const [row] = await env.db.select().from(decisions).where(eq(decisions.id, d.id));
    const snapshot = row!.snapshot as DecisionSnapshot;
    expect(c.snapshotDigest).toBe(sha256(canonicalJson(snapshot)));
    expect(verifySnapshot(snapshot)).toEqual({ ok: true, differing: [] });
    expect(snapshot.input.reviews).toHaveLength(6 * 4);
    expect(snapshot.input.applications.map((a) => a.id).sort()).toEqual(
      ['A', 'B', 'C', 'D', 'F'].map((k) => s.ids[k]).sort(),
    );
    const scoring = s.stages.scoring.id;
    expect(
      snapshot.result.stageResults
        .filter((r) => r.stageId === scoring)
        .map((r) => [r.applicationId, r.score, r.spread]),
    ).toEqual(
      (
        [
          ['A', 90, 4],
          ['B', 85, 2],
          ['C', 80, 0],
          ['D', 80, 2],
          ['E', 95, 0],
          ['F', 65, 10],
        ] as const
      )
        .map(([k, score, spread]) => [s.ids[k], score, spread])
        .sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    expect(snapshot.quotas).toContainEqual({ track: 'site', kind: 'branch', quota: 3 });
    expect(snapshot.decision.lines.find((l) => l.applicationId === s.ids.C)).toEqual({
      applicationId: s.ids.C,
      selected: true,
      votes: { for: 9, against: 1, abstain: 1 },
      reason: '与 D 同分，按提交时间在先列入',
    });

    // The applications moved through the workflow's system rows, with their history.
    const statuses = await env.db.execute<{ id: string; status: string }>(
      sql`select id, status from applications where campaign_id = ${s.campaignId}`,
    );
    const statusOf = new Map(
      (statuses as unknown as { rows: { id: string; status: string }[] }).rows.map((r) => [r.id, r.status]),
    );
    expect(['A', 'B', 'C', 'D', 'E', 'F'].map((k) => statusOf.get(s.ids[k]!))).toEqual([
      'proposed',
      'proposed',
      'proposed',
      'not_selected',
      'not_selected',
      'not_selected',
    ]);
    const events = await env.db.execute(
      sql`select action, from_status, to_status, reason from application_events where application_id = ${s.ids.C}`,
    );
    expect((events as unknown as { rows: unknown[] }).rows).toEqual([
      {
        action: 'propose',
        from_status: 'shortlisted',
        to_status: 'proposed',
        reason: '与 D 同分，按提交时间在先列入',
      },
    ]);

    // Frozen: later edits are refused, and a later change of the reviews leaves the snapshot alone.
    const frozen = await snapshotOfWrites();
    for (const res of [
      await committee.patch(`${url}/lines/${s.ids.D}`, { selected: true, reason: 'x', version: c.version }),
      await committee.post(`${url}/accept-proposal`, { version: c.version }),
      await committee.post(`${url}/confirm`, { version: c.version }),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('DECISION_FROZEN');
    }
    expect(await snapshotOfWrites()).toEqual(frozen);
    await env.db.execute(sql`update reviews set score = 12.5 where stage_id = ${scoring}`);
    const [after] = await env.db.select().from(decisions).where(eq(decisions.id, d.id));
    expect(after!.snapshotDigest).toBe(c.snapshotDigest);
    expect(sha256(canonicalJson(after!.snapshot))).toBe(c.snapshotDigest);
    expect((await committee.get(url)).json<DecisionDetail>().snapshotDigest).toBe(c.snapshotDigest);
    // Anyone with the committee's access can check the digest from the snapshot the API serves.
    const served = await committee.get(`${url}/snapshot`);
    expect(served.statusCode).toBe(200);
    expect(served.json()).toMatchObject({
      decisionId: d.id,
      algorithm: 'sha256/canonical-json',
      digest: c.snapshotDigest,
    });
    expect(sha256(canonicalJson(served.json().snapshot))).toBe(c.snapshotDigest);
  });

  it('serves no snapshot for a draft (409 DECISION_INCOMPLETE) or an unknown decision (404)', async () => {
    const s = await seed();
    const d = (await committee.post(`/api/campaigns/${s.campaignId}/decision`, {})).json<DecisionDetail>();
    const draft = await committee.get(`/api/decisions/${d.id}/snapshot`, { 'accept-language': 'en' });
    expect(draft.statusCode).toBe(409);
    expect(draft.json().error).toMatchObject({
      code: 'DECISION_INCOMPLETE',
      details: [{ field: 'status', code: 'not_confirmed', message: 'The decision is not confirmed yet' }],
    });
    expect((await committee.get(`/api/decisions/${crypto.randomUUID()}/snapshot`)).statusCode).toBe(404);
  });
});

describe('release', () => {
  it('releases a confirmed decision once; a draft cannot be released', async () => {
    const units = { a1: tree.a1, unitA: tree.unitA, unitB: tree.unitB };
    const draft = await seedReady(env.db, env.clock.now, units);
    const before = await snapshotOfWrites();
    const early = await committee.post(`/api/decisions/${draft.decision.id}/release`, {
      version: draft.decision.version,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('DECISION_INCOMPLETE');
    expect(await snapshotOfWrites()).toEqual(before);

    const s = await seedConfirmed(env.db, env.clock.now, units, actorOf(users.committee_admin));
    const url = `/api/decisions/${s.decision.id}/release`;
    const ok = await committee.post(url, { version: s.decision.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<DecisionDetail>().releasedAt).toBe(env.clock.now.toISOString());
    const again = await committee.post(url, { version: s.decision.version + 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
  });
});

describe('the result list', () => {
  it('prints the frozen figures to PDF and .xlsx; a draft has none', async () => {
    const units = { a1: tree.a1, unitA: tree.unitA, unitB: tree.unitB };
    const draft = await seedReady(env.db, env.clock.now, units);
    const early = await committee.get(`/api/decisions/${draft.decision.id}/result.pdf`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('DECISION_INCOMPLETE');

    const s = await seedConfirmed(env.db, env.clock.now, units, actorOf(users.committee_admin));
    // A later change of the reviews does not reach the list: it prints the snapshot.
    await env.db.execute(sql`update reviews set score = 1 where stage_id = ${s.stages.scoring.id}`);
    const pdf = await committee.get(`/api/decisions/${s.decision.id}/result.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.SHIFAN_KEEP_PDF) fs.writeFileSync(process.env.SHIFAN_KEEP_PDF, pdf.rawPayload);

    const xlsx = await committee.get(`/api/decisions/${s.decision.id}/result.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('评审结果汇总表')!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const label = (await env.db.execute<{ name_zh: string }>(
      sql`select name_zh from tracks where code = 'site'`,
    )) as unknown as {
      rows: { name_zh: string }[];
    };
    const group = `${label.rows[0]!.name_zh} · 党支部`;
    // (an empty last cell reads back as absent)
    expect(rows).toEqual([
      [
        '类别',
        '名额',
        '排名',
        '申报名称',
        '党组织',
        '所属单位',
        '最终得分',
        '建议',
        '建议理由',
        '决定',
        '赞成',
        '反对',
        '弃权',
        '理由',
      ],
      [group, 1, 1, 'A品牌', 'A党支部', tree.unitA.name, 90, '建议', '名额内', '选定', 7, 0, 0],
      [group, 1, 2, 'B品牌', 'B党支部', tree.unitB.name, 80, '不建议', '名额线以下', '未选定', 7, 0, 0],
    ]);
    const audits = await env.db
      .select({ detail: auditEvents.detail })
      .from(auditEvents)
      .where(eq(auditEvents.objectId, s.decision.id));
    expect(
      audits
        .filter((a) => a.detail === 'pdf' || a.detail === 'xlsx')
        .map((a) => a.detail)
        .sort(),
    ).toEqual(['pdf', 'xlsx']);
  });
});

describe('an application’s own result', () => {
  it('the applicant and its unit see their own once released (404 before); the committee at any time', async () => {
    const applicant = client(env.app, await login(env.app, 'appl'));
    const unit = client(env.app, await login(env.app, 'uadmin'));
    // Quota 2, no tie at the line: A (branch A1, unit A) and B proposed; D (unit A) below the line; E fails the gate.
    const s = await seedDeciding(env.db, env.clock.now, {
      branchQuota: 2,
      apps: [
        { key: 'A', scores: [90, 92, 88], org: tree.a1, unit: tree.unitA, submittedMinute: 1 },
        { key: 'B', scores: [85, 84, 86], unit: tree.unitB, submittedMinute: 2 },
        { key: 'D', scores: [70, 72, 74], unit: tree.unitA, submittedMinute: 3 },
        {
          key: 'E',
          scores: [95, 95, 95],
          unit: tree.unitB,
          submittedMinute: 4,
          failsGate: true,
          status: 'not_selected',
        },
      ],
    });
    const created = (
      await committee.post(`/api/campaigns/${s.campaignId}/decision`, {})
    ).json<DecisionDetail>();
    const accepted = (
      await committee.post(`/api/decisions/${created.id}/accept-proposal`, {
        version: created.version,
        votes: { for: 7, against: 0, abstain: 0 },
      })
    ).json<DecisionDetail>();
    const confirmed = await committee.post(`/api/decisions/${created.id}/confirm`, {
      version: accepted.version,
    });
    expect(confirmed.statusCode).toBe(200);
    const url = (key: string) => `/api/applications/${s.ids[key]}/results`;

    // Before the release: the applicant (A is its branch's) and its unit get 404, the committee the result.
    for (const [who, key] of [
      [applicant, 'A'],
      [unit, 'A'],
      [unit, 'D'],
    ] as const) {
      const res = await who.get(url(key));
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    const early = await committee.get(url('A'));
    expect(early.statusCode).toBe(200);
    expect(early.json<ApplicationResult>()).toMatchObject({ releasedAt: null, outcome: 'selected', rank: 1 });

    const released = await committee.post(`/api/decisions/${created.id}/release`, {
      version: confirmed.json<DecisionDetail>().version,
    });
    expect(released.statusCode).toBe(200);

    const gate = s.stages.gate;
    const scoring = s.stages.scoring;
    const stagesOf = (score: number, gatePassed: boolean, reviewerNames: string[] | null = null) => [
      {
        stageId: gate.id,
        position: 1,
        nameZh: '资格审查',
        nameEn: 'Qualification check',
        method: 'gate',
        weight: 0,
        score: null,
        reviewCount: 1,
        gatePassed,
        reviewerNames: null,
      },
      {
        stageId: scoring.id,
        position: 2,
        nameZh: '集体评审',
        nameEn: 'Panel review',
        method: 'criteria_scoring',
        weight: 1,
        score,
        reviewCount: 3,
        gatePassed: null,
        reviewerNames,
      },
    ];
    const own = await applicant.get(url('A'));
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({
      applicationId: s.ids.A,
      campaignId: s.campaignId,
      releasedAt: env.clock.now.toISOString(),
      outcome: 'selected',
      proposed: true,
      finalScore: 90,
      rank: 1,
      stages: stagesOf(90, true),
    });
    // Its unit sees its other applications too: D (below the quota line, not proposed, not selected).
    const d = await unit.get(url('D'));
    expect(d.statusCode).toBe(200);
    expect(d.json()).toEqual({
      applicationId: s.ids.D,
      campaignId: s.campaignId,
      releasedAt: env.clock.now.toISOString(),
      outcome: 'not_selected',
      proposed: false,
      finalScore: 72,
      rank: 3,
      stages: stagesOf(72, true),
    });
    // Outside the caller's scope: another organisation's (B, E) and another unit's (B, E in unit B) are 404.
    for (const [who, key] of [
      [applicant, 'B'],
      [applicant, 'D'],
      [unit, 'B'],
      [unit, 'E'],
    ] as const) {
      const res = await who.get(url(key));
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    // E failed the gate (no decision line): not selected, without a rank; the committee sees it.
    expect((await committee.get(url('E'))).json()).toEqual({
      applicationId: s.ids.E,
      campaignId: s.campaignId,
      releasedAt: env.clock.now.toISOString(),
      outcome: 'not_selected',
      proposed: false,
      finalScore: null,
      rank: null,
      stages: stagesOf(95, false),
    });
    // No reviewer's name, nor any other application's figures, anywhere in the answer.
    for (const r of s.reviewers) expect(own.body).not.toContain(r.displayName);
    for (const key of ['B', 'D', 'E']) expect(own.body).not.toContain(s.ids[key]!);

    // A stage that shows its reviewers' names: those whose reviews counted, in reviewer (id) order.
    await env.db.update(stages).set({ showReviewerNames: true }).where(eq(stages.id, scoring.id));
    const named = await applicant.get(url('A'));
    expect(named.json<ApplicationResult>().stages).toEqual(
      stagesOf(
        90,
        true,
        [...s.reviewers].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => r.displayName),
      ),
    );
    // A review reopened (not locked) no longer counts: its reviewer's name goes.
    const byId = [...s.reviewers].sort((a, b) => (a.id < b.id ? -1 : 1));
    await env.db.execute(
      sql`update reviews set status = 'draft' where stage_id = ${scoring.id} and application_id = ${s.ids.A} and reviewer_id = ${byId[0]!.id}`,
    );
    const fewer = (await applicant.get(url('A'))).json<ApplicationResult>();
    expect(fewer.stages[1]!.reviewerNames).toEqual([byId[1]!.displayName, byId[2]!.displayName]);
  });
});
