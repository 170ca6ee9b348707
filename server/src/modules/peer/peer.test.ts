/**
 * Peer mutual evaluation through the API: groups drawn with a recorded seed (preview = commit), sheets by
 * pseudonym, refusals (itself, its own unit, twice, incomplete, submitted, closed) with nothing written,
 * scores in `stage_results` with the worked examples of evaluation-maths §3, and the committee's flags.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import {
  auditEvents,
  draws,
  evaluationTotals,
  peerGroups,
  peerSheets,
  stageResults,
  stages,
} from '../../db/schema';
import { seedTree, seedUsers, makeTestEnv, type TestEnv } from '../../../test/helpers';
import { seedOpenCampaign } from '../../../test/campaign-fixtures';
import { canonicalJson } from '../../../../shared/src/domain/evaluation';
import type { PeerGroupsView, PeerSheet } from '../../../../shared/src/contracts/peer';
import { auditCount, clientOf, enter, insertStage, member } from './test-kit';
import { pseudonymIndex } from './pseudonym';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let campaign: { id: string; standardVersionId: string };
let committee: Awaited<ReturnType<typeof clientOf>>;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  const users = await seedUsers(env.db, tree);
  const seeded = await seedOpenCampaign(env.db, env.clock.now);
  campaign = { id: seeded.campaign.id, standardVersionId: seeded.standards.branch.versionId };
  committee = await clientOf(env.app, env.db, users.committee_admin.id, env.clock.now);
});
afterAll(() => env.close());

type Member = Awaited<ReturnType<typeof member>>;

/** A peer stage whose entrants are `n` members, each in a unit of its own unless `units` says otherwise. */
async function peerStage(
  n: number,
  settings: Parameters<typeof insertStage>[4] = {},
  units?: ('A' | 'B' | 'own')[],
) {
  const stage = await insertStage(env.db, env.clock.now, campaign.id, 'peer', settings);
  const members: Member[] = [];
  for (let i = 0; i < n; i++) {
    const u = units?.[i] ?? 'own';
    members.push(
      await member(env.db, campaign, u === 'own' ? tree.root : u === 'A' ? tree.unitA : tree.unitB, {
        unit: u === 'own',
        name: `成员${String.fromCharCode(65 + i)}`,
      }),
    );
  }
  await enter(
    env.db,
    stage,
    members.map((m) => m.application),
    env.clock.now,
  );
  return { stage, members };
}

async function commit(stageId: string, seed = 20261207): Promise<PeerGroupsView> {
  const res = await committee.post(`/api/stages/${stageId}/peer-groups`, { seed, preview: false });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Each member's sheet as its applicant sees it, and the pseudonym of every member. */
async function sheetsOf(members: Member[], stageId: string) {
  const out: { member: Member; sheet: PeerSheet; client: Awaited<ReturnType<typeof clientOf>> }[] = [];
  for (const m of members) {
    const client = await clientOf(env.app, env.db, m.applicant.id, env.clock.now);
    const res = await client.get('/api/peer/sheets/mine');
    expect(res.statusCode).toBe(200);
    const sheet = (res.json().items as PeerSheet[]).find((s) => s.stage.id === stageId)!;
    out.push({ member: m, sheet, client });
  }
  return out;
}

async function pseudonyms(stageId: string): Promise<Map<string, string>> {
  const view: PeerGroupsView = (await committee.get(`/api/stages/${stageId}/peer-groups`)).json();
  return new Map(view.groups.flatMap((g) => g.members.map((m) => [m.applicationId, m.pseudonym])));
}

/** Rank mode: each rater's order given by letters (A = members[0] …); all submitted. */
async function rankAll(members: Member[], stageId: string, orders: Record<string, string>) {
  const p = await pseudonyms(stageId);
  const letter = (c: string) => p.get(members[c.charCodeAt(0) - 65]!.application.id)!;
  for (const { member: m, sheet, client } of await sheetsOf(members, stageId)) {
    const me = String.fromCharCode(65 + members.indexOf(m));
    const ranking = [...orders[me]!].map(letter);
    const saved = await client.put(`/api/peer/sheets/${sheet.id}`, { version: sheet.version, ranking });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await client.post(`/api/peer/sheets/${sheet.id}/submit`, {
      version: saved.json().version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
  }
  return letter;
}

async function scoreOf(stageId: string, applicationId: string) {
  const [row] = await env.db
    .select()
    .from(stageResults)
    .where(and(eq(stageResults.stageId, stageId), eq(stageResults.applicationId, applicationId)));
  return row!;
}

describe('peer groups', () => {
  it('previews without writing, then commits the same groups with the recorded seed and digests', async () => {
    const { stage, members } = await peerStage(5, { groupSize: 2 });
    const drawsBefore = (await env.db.select({ n: count() }).from(draws))[0]!.n;
    const preview = await committee.post(`/api/stages/${stage.id}/peer-groups`, { seed: 42, preview: true });
    expect(preview.statusCode, preview.body).toBe(200);
    const p: PeerGroupsView = preview.json();
    expect((await env.db.select({ n: count() }).from(draws))[0]!.n).toBe(drawsBefore);
    expect(await env.db.select().from(peerGroups).where(eq(peerGroups.stageId, stage.id))).toEqual([]);
    // Sessions of at most 2: the fewest groups, sizes differing by at most one.
    expect(p.groups.map((g) => g.members.length)).toEqual([2, 2, 1]);
    expect(p.groups.map((g) => g.members.map((m) => m.pseudonym))).toEqual([
      ['甲', '乙'],
      ['甲', '乙'],
      ['甲'],
    ]);
    expect(p.groups.map((g) => g.name)).toEqual([
      '基层党建工作示范点·党支部 第1组',
      '基层党建工作示范点·党支部 第2组',
      '基层党建工作示范点·党支部 第3组',
    ]);
    expect(new Set(p.groups.flatMap((g) => g.members.map((m) => m.applicationId)))).toEqual(
      new Set(members.map((m) => m.application.id)),
    );

    const c = await commit(stage.id, 42);
    expect(c.groups.map((g) => g.members.map((m) => m.applicationId))).toEqual(
      p.groups.map((g) => g.members.map((m) => m.applicationId)),
    );
    const [draw] = await env.db.select().from(draws).where(eq(draws.id, c.draw!.id!));
    expect(draw!.kind).toBe('peer_groups');
    expect(draw!.seed).toBe(42);
    const sorted = members.map((m) => m.application.id).sort();
    expect(
      (draw!.inputs as { partitions: { applicationIds: string[] }[] }).partitions[0]!.applicationIds,
    ).toEqual(sorted);
    const sha = (x: unknown) => crypto.createHash('sha256').update(canonicalJson(x)).digest('hex');
    expect(draw!.inputsDigest).toBe(sha(draw!.inputs));
    expect(draw!.resultDigest).toBe(sha(draw!.result));
    expect(c.draw!.inputsDigest).toBe(p.draw!.inputsDigest);
    expect(c.draw!.resultDigest).toBe(p.draw!.resultDigest);
    expect(c.groups.flatMap((g) => g.members.map((m) => m.sheetStatus))).toEqual(Array(5).fill('pending'));
  });

  it('verifies a groups draw: re-run with its seed, another seed refused (DRAW_MISMATCH), nothing written', async () => {
    const { stage } = await peerStage(7, { groupSize: 3 });
    const c = await commit(stage.id, 314);
    const drawId = c.draw!.id!;
    const ok = await committee.post(`/api/draws/${drawId}/verify`, { seed: 314 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({
      reproduced: true,
      rerun: true,
      seed: 314,
      inputsDigest: c.draw!.inputsDigest,
      resultDigest: c.draw!.resultDigest,
    });
    const written = async () => ({
      draws: (await env.db.select({ n: count() }).from(draws))[0]!.n,
      groups: (await env.db.select({ n: count() }).from(peerGroups))[0]!.n,
      sheets: (await env.db.select({ n: count() }).from(peerSheets))[0]!.n,
      events: (await env.db.select({ n: count() }).from(auditEvents))[0]!.n,
    });
    const before = await written();
    const other = await committee.post(
      `/api/draws/${drawId}/verify`,
      { seed: 315 },
      { 'accept-language': 'en' },
    );
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({
      code: 'DRAW_MISMATCH',
      details: [{ field: 'seed', message: 'Seed 315 is not the seed recorded for this draw' }],
    });
    expect(await written()).toEqual(before);
    // Groups swapped in the record (digest recomputed) do not survive the re-run.
    const [row] = await env.db.select().from(draws).where(eq(draws.id, drawId));
    const groups = (row!.result as { groups: { applicationIds: string[] }[] }).groups;
    const forged = { groups: [...groups].reverse() };
    const { digest } = await import('../assignments/draws');
    await env.db
      .update(draws)
      .set({ result: forged, resultDigest: digest(forged) })
      .where(eq(draws.id, drawId));
    const tampered = await committee.post(`/api/draws/${drawId}/verify`, { seed: 314 });
    expect(tampered.statusCode).toBe(409);
    expect(tampered.json().error.code).toBe('DRAW_MISMATCH');
    expect(groups.map((g) => g.applicationIds.length)).toEqual([3, 2, 2]);
  });

  it('refuses a stage of another method (409) and an unknown stage (404)', async () => {
    const other = await insertStage(env.db, env.clock.now, campaign.id, 'presentation');
    const res = await committee.post(`/api/stages/${other.id}/peer-groups`, { preview: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('STAGE_METHOD_MISMATCH');
    const missing = await committee.get(`/api/stages/${crypto.randomUUID()}/peer-groups`);
    expect(missing.statusCode).toBe(404);
  });

  it('refuses a redraw once a member has saved its sheet, and writes nothing', async () => {
    const { stage, members } = await peerStage(3);
    await commit(stage.id, 1);
    const { sheet, client } = (await sheetsOf(members.slice(0, 1), stage.id))[0]!;
    const target = sheet.targets[0]!.pseudonym;
    expect(
      (await client.put(`/api/peer/sheets/${sheet.id}`, { version: 1, ranking: [target] })).statusCode,
    ).toBe(200);
    const drawsBefore = (await env.db.select({ n: count() }).from(draws))[0]!.n;
    const res = await committee.post(`/api/stages/${stage.id}/peer-groups`, { seed: 2, preview: false });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PEER_GROUPS_FIXED');
    expect((await env.db.select({ n: count() }).from(draws))[0]!.n).toBe(drawsBefore);
    expect((await committee.get(`/api/stages/${stage.id}/peer-groups`)).json().draw.seed).toBe(1);
  });
});

describe('rating sheets', () => {
  it('Borda of rankings (evaluation-maths §3): A 66.67, B 100, C 16.67, D 16.67', async () => {
    const { stage, members } = await peerStage(4);
    await commit(stage.id);
    await rankAll(members, stage.id, { A: 'BCD', B: 'ADC', C: 'BAD', D: 'BAC' });
    const scores = await Promise.all(members.map((m) => scoreOf(stage.id, m.application.id)));
    expect(scores.map((s) => s.score)).toEqual([66.666666667, 100, 16.666666667, 16.666666667]);
    expect(scores.map((s) => s.reviewCount)).toEqual([3, 3, 3, 3]);
    // The finals take the peer stage (weight 0.1) in at once: 0.1 × the Borda score.
    const totals = await env.db.select().from(evaluationTotals);
    const finalOf = new Map(totals.map((t) => [t.applicationId, t.finalScore]));
    expect(members.map((m) => finalOf.get(m.application.id))).toEqual([
      6.666666667, 10, 1.666666667, 1.666666667,
    ]);
    // A received [100, 50, 50]: spread 50.
    expect(scores[0]!.spread).toBe(50);
    // Consensus without each rater: A and B ρ = 0.5, C and D ρ = 1; nobody below 0.3; A–B not both in the lower half.
    const flags = (await committee.get(`/api/stages/${stage.id}/peer-flags`)).json();
    const byApp = new Map(flags.groups[0].raters.map((r: { applicationId: string }) => [r.applicationId, r]));
    expect(members.map((m) => (byApp.get(m.application.id) as { rho: number }).rho)).toEqual([
      0.5, 0.5, 1, 1,
    ]);
    expect(flags.groups[0].raters.every((r: { flagged: boolean }) => !r.flagged)).toBe(true);
    expect(flags.groups[0].reciprocalFavours).toEqual([]);
    expect(flags.groups[0].submitted).toBe(4);
  });

  it('flags raters below the Spearman threshold and a reciprocal favour pair', async () => {
    const { stage, members } = await peerStage(5);
    await commit(stage.id);
    await rankAll(members, stage.id, { A: 'BCDE', B: 'ACDE', C: 'DEAB', D: 'CEAB', E: 'CDAB' });
    const scores = await Promise.all(members.map((m) => scoreOf(stage.id, m.application.id)));
    expect(scores.map((s) => s.score)).toEqual([50, 25, 83.333333333, 58.333333333, 33.333333333]);
    const flags = (await committee.get(`/api/stages/${stage.id}/peer-flags`)).json();
    const g = flags.groups[0];
    const rater = (i: number) =>
      g.raters.find((r: { applicationId: string }) => r.applicationId === members[i]!.application.id);
    [-0.2, -0.2, 0, 0.4, 0.95].forEach((rho, i) => expect(rater(i).rho).toBeCloseTo(rho, 12));
    expect([0, 1, 2, 3, 4].map((i) => rater(i).flagged)).toEqual([true, true, true, false, false]);
    expect(g.reciprocalFavours).toHaveLength(1);
    const pair = g.reciprocalFavours[0];
    const ab = [members[0]!.application.id, members[1]!.application.id];
    expect(new Set([pair.a.applicationId, pair.b.applicationId])).toEqual(new Set(ab));
    // Without their ratings of each other: C 83.33, D 58.33, A and E 33.33 (3.5 each), B 0 (5).
    const rankOf = (id: string) => (pair.a.applicationId === id ? pair.rankA : pair.rankB);
    expect([rankOf(ab[0]!), rankOf(ab[1]!), pair.n]).toEqual([3.5, 5, 5]);
    expect(pair.a.organizationName).toMatch(/^成员[AB]$/);
  });

  it('score mode: the trimmed mean of the scores received ([82, 90, 75, 88, 95] → 86.67); off-step refused', async () => {
    const { stage, members } = await peerStage(6, { peerMode: 'score' });
    await commit(stage.id);
    const p = await pseudonyms(stage.id);
    const f = p.get(members[5]!.application.id)!;
    const given = [82, 90, 75, 88, 95];
    const all = await sheetsOf(members, stage.id);
    // An off-step score is refused with its field, and nothing is written.
    const bad = await all[0]!.client.put(`/api/peer/sheets/${all[0]!.sheet.id}`, {
      version: 1,
      scores: { [f]: 82.3 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(bad.json().error.details[0].field).toBe(`scores.${f}`);
    const ranked = await all[0]!.client.put(`/api/peer/sheets/${all[0]!.sheet.id}`, {
      version: 1,
      ranking: [f],
    });
    expect(ranked.statusCode).toBe(400);
    for (const [i, { sheet, client }] of all.entries()) {
      const scores = Object.fromEntries(
        sheet.targets.map((t) => [t.pseudonym, t.pseudonym === f ? given[i]! : 60]),
      );
      const saved = await client.put(`/api/peer/sheets/${sheet.id}`, { version: sheet.version, scores });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().scores).toEqual(scores);
      const done = await client.post(`/api/peer/sheets/${sheet.id}/submit`, {
        version: saved.json().version,
      });
      expect(done.statusCode, done.body).toBe(200);
    }
    const fScore = await scoreOf(stage.id, members[5]!.application.id);
    expect(fScore.score).toBe(86.666666667);
    expect(fScore.reviewCount).toBe(5);
    // Everyone else got 60 from four raters and F's score of them.
    expect((await scoreOf(stage.id, members[0]!.application.id)).score).toBe(60);
  });

  it('refuses rating itself, its own unit, a member twice, an unknown member; nothing written', async () => {
    // A and A′ share unit A; B is in unit B: A may rate only B.
    const { stage, members } = await peerStage(3, {}, ['A', 'A', 'B']);
    await commit(stage.id);
    const p = await pseudonyms(stage.id);
    const [a] = await sheetsOf(members.slice(0, 1), stage.id);
    const { sheet, client } = a!;
    const self = p.get(members[0]!.application.id)!;
    const sameUnit = p.get(members[1]!.application.id)!;
    const other = p.get(members[2]!.application.id)!;
    expect(sheet.pseudonym).toBe(self);
    // The rater sees whom it rates by name, the member of its own unit it may not rate, and the other
    // raters by pseudonym only.
    expect(sheet.targets).toEqual([{ pseudonym: other, organizationName: '成员C' }]);
    expect(sheet.excluded).toEqual([{ organizationName: '成员B' }]);
    expect(sheet.raters).toEqual(
      [
        { pseudonym: sameUnit, submitted: false },
        { pseudonym: other, submitted: false },
      ].sort((x, y) => pseudonymIndex(x.pseudonym) - pseudonymIndex(y.pseudonym)),
    );
    const auditsBefore = await auditCount(env.db, 'peer.sheet_save');
    const cases: [string[], number, string][] = [
      [[self, other], 400, 'PEER_SELF_RATING'],
      [[sameUnit, other], 400, 'PEER_OWN_UNIT'],
      [[other, other], 400, 'PEER_DUPLICATE'],
      [['癸9', other], 400, 'VALIDATION_FAILED'],
    ];
    for (const [ranking, status, code] of cases) {
      const res = await client.put(`/api/peer/sheets/${sheet.id}`, { version: 1, ranking });
      expect(res.statusCode, `${ranking.join(',')}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const [row] = await env.db.select().from(peerSheets).where(eq(peerSheets.id, sheet.id));
    expect([row!.status, row!.version, row!.ranking]).toEqual(['pending', 1, []]);
    expect(await auditCount(env.db, 'peer.sheet_save')).toBe(auditsBefore);

    // Submitting an incomplete sheet is refused; a complete one locks; a second submit is refused.
    const incomplete = await client.post(`/api/peer/sheets/${sheet.id}/submit`, { version: 1 });
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json().error.code).toBe('PEER_SHEET_INCOMPLETE');
    expect(incomplete.json().error.details[0].field).toBe(`targets.${other}`);
    const saved = await client.put(`/api/peer/sheets/${sheet.id}`, { version: 1, ranking: [other] });
    expect(saved.statusCode).toBe(200);
    const stale = await client.post(`/api/peer/sheets/${sheet.id}/submit`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const done = await client.post(`/api/peer/sheets/${sheet.id}/submit`, { version: 2 });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'locked', editable: false, ranking: [other] });
    const again = await client.post(`/api/peer/sheets/${sheet.id}/submit`, { version: 3 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PEER_SHEET_LOCKED');
    const edit = await client.put(`/api/peer/sheets/${sheet.id}`, { version: 3, ranking: [other] });
    expect(edit.json().error.code).toBe('PEER_SHEET_LOCKED');
    // One rater, one rating: B's score is 100 (first of one).
    expect((await scoreOf(stage.id, members[2]!.application.id)).score).toBe(100);
  });

  it("another organisation's sheet is 404; a closed stage is 409 STAGE_CLOSED", async () => {
    const { stage, members } = await peerStage(2);
    await commit(stage.id);
    const [a, b] = await sheetsOf(members, stage.id);
    const foreign = await a!.client.put(`/api/peer/sheets/${b!.sheet.id}`, {
      version: 1,
      ranking: [a!.sheet.pseudonym],
    });
    expect(foreign.statusCode).toBe(404);
    expect((await a!.client.post(`/api/peer/sheets/${b!.sheet.id}/submit`, { version: 1 })).statusCode).toBe(
      404,
    );
    // Raters see whom they rate by organisation name (keyed by pseudonym), never another application's
    // id, nor any rating but their own.
    expect(a!.sheet.targets).toEqual([{ pseudonym: b!.sheet.pseudonym, organizationName: '成员B' }]);
    expect(JSON.stringify(a!.sheet)).not.toContain(members[1]!.application.id);

    await env.db
      .update(stages)
      .set({ closesAt: new Date(env.clock.now.getTime() - 1000) })
      .where(eq(stages.id, stage.id));
    {
      const closed = await a!.client.put(`/api/peer/sheets/${a!.sheet.id}`, {
        version: 1,
        ranking: [b!.sheet.pseudonym],
      });
      expect(closed.statusCode).toBe(409);
      expect(closed.json().error.code).toBe('STAGE_CLOSED');
      const mine = (await a!.client.get('/api/peer/sheets/mine')).json().items as PeerSheet[];
      expect(mine.find((s) => s.id === a!.sheet.id)!.editable).toBe(false);
    }
  });
});
