/**
 * Presentation sessions through the API: the order drawn by lot (preview = commit, recorded draw), the
 * timer on server time, panel scores as reviews (off-step refused, locked twice refused), release refused
 * until every panel member locked (nothing written), the trimmed mean released, and the room screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import {
  auditEvents,
  draws,
  evaluationTotals,
  presentationSessions,
  sessionPresenters,
  stageResults,
} from '../../db/schema';
import { insertUser, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import { seedOpenCampaign } from '../../../test/campaign-fixtures';
import { drawOrder } from '../../../../shared/src/domain/evaluation';
import type { SessionView } from '../../../../shared/src/contracts/presentation';
import { auditCount, clientOf, enter, insertStage, member } from '../peer/test-kit';

let env: TestEnv;
let committee: Awaited<ReturnType<typeof clientOf>>;
let stageId: string;
let presenters: string[];
let panel: { id: string; client: Awaited<ReturnType<typeof clientOf>> }[];
let outsider: Awaited<ReturnType<typeof clientOf>>;

beforeAll(async () => {
  env = await makeTestEnv();
  const tree = await seedTree(env.db);
  const users = await seedUsers(env.db, tree);
  const seeded = await seedOpenCampaign(env.db, env.clock.now);
  const campaign = { id: seeded.campaign.id, standardVersionId: seeded.standards.branch.versionId };
  committee = await clientOf(env.app, env.db, users.committee_admin.id, env.clock.now);
  const stage = await insertStage(env.db, env.clock.now, campaign.id, 'presentation', { minReviews: 5 });
  stageId = stage.id;
  const members = [];
  for (let i = 0; i < 3; i++)
    members.push(await member(env.db, campaign, tree.root, { unit: true, name: `讲述${i + 1}` }));
  await enter(
    env.db,
    stage,
    members.map((m) => m.application),
    env.clock.now,
  );
  presenters = members.map((m) => m.application.id);
  panel = [];
  for (let i = 0; i < 5; i++) {
    const u = await insertUser(env.db, { username: `judge${i}`, role: 'reviewer' });
    panel.push({ id: u.id, client: await clientOf(env.app, env.db, u.id, env.clock.now) });
  }
  outsider = await clientOf(env.app, env.db, users.reviewer.id, env.clock.now);
});
afterAll(() => env.close());

const body = (preview: boolean) => ({
  name: '第一场',
  room: '第一会议室',
  timerSeconds: 480,
  panel: panel.map((p) => p.id),
  seed: 99,
  preview,
});

describe('presentation session', () => {
  let session: SessionView;

  it('previews the drawn order without writing, then creates the session with the recorded draw', async () => {
    const before = (await env.db.select({ n: count() }).from(draws))[0]!.n;
    const preview = await committee.post(`/api/stages/${stageId}/sessions`, body(true));
    expect(preview.statusCode, preview.body).toBe(200);
    expect((await env.db.select({ n: count() }).from(draws))[0]!.n).toBe(before);
    expect(await env.db.select().from(presentationSessions)).toEqual([]);
    const order = drawOrder(presenters, 99).map((p) => p.applicationId);
    expect(preview.json().presenters.map((p: { applicationId: string }) => p.applicationId)).toEqual(order);

    const res = await committee.post(`/api/stages/${stageId}/sessions`, body(false));
    expect(res.statusCode, res.body).toBe(201);
    session = res.json();
    expect(session.presenters.map((p) => p.applicationId)).toEqual(order);
    expect(session.presenters[0]!.scores.map((s) => s.status)).toEqual(Array(5).fill('pending'));
    const [draw] = await env.db.select().from(draws).where(eq(draws.id, session.draw!.id!));
    expect([draw!.kind, draw!.seed, draw!.result]).toEqual(['presentation_order', 99, { order }]);
    // The same presenters cannot be put in a second session.
    const again = await committee.post(`/api/stages/${stageId}/sessions`, {
      ...body(false),
      applicationIds: [order[0]],
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details[0].code).toBe('in_session');
  });

  it('verifies the recorded order: re-run with its seed, another seed refused (DRAW_MISMATCH), nothing written', async () => {
    const drawId = session.draw!.id!;
    const ok = await committee.post(`/api/draws/${drawId}/verify`, { seed: 99 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ reproduced: true, rerun: true, seed: 99 });
    const before = {
      draws: (await env.db.select({ n: count() }).from(draws))[0]!.n,
      events: (await env.db.select({ n: count() }).from(auditEvents))[0]!.n,
      sessions: (await env.db.select({ n: count() }).from(presentationSessions))[0]!.n,
    };
    const other = await committee.post(
      `/api/draws/${drawId}/verify`,
      { seed: 98 },
      { 'accept-language': 'en' },
    );
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({
      code: 'DRAW_MISMATCH',
      details: [{ field: 'seed', message: 'Seed 98 is not the seed recorded for this draw' }],
    });
    expect({
      draws: (await env.db.select({ n: count() }).from(draws))[0]!.n,
      events: (await env.db.select({ n: count() }).from(auditEvents))[0]!.n,
      sessions: (await env.db.select({ n: count() }).from(presentationSessions))[0]!.n,
    }).toEqual(before);
    // A result edited together with its digest is caught by the re-run.
    const [row] = await env.db.select().from(draws).where(eq(draws.id, drawId));
    const forged = { order: [...(row!.result as { order: string[] }).order].reverse() };
    const { digest } = await import('../assignments/draws');
    await env.db
      .update(draws)
      .set({ result: forged, resultDigest: digest(forged) })
      .where(eq(draws.id, drawId));
    const tampered = await committee.post(
      `/api/draws/${drawId}/verify`,
      { seed: 99 },
      { 'accept-language': 'en' },
    );
    expect(tampered.statusCode).toBe(409);
    expect(tampered.json().error.details[0].message).toBe(
      'Re-run from the recorded inputs and seed, the draw differs',
    );
    await env.db
      .update(draws)
      .set({ result: row!.result, resultDigest: row!.resultDigest })
      .where(eq(draws.id, drawId));
  });

  it("lists the session on its panel members' phones, not on another reviewer's", async () => {
    const mine = await panel[0]!.client.get('/api/me/sessions');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items).toEqual([
      {
        id: session.id,
        name: '第一场',
        room: '第一会议室',
        scheduledAt: null,
        status: 'planned',
        stageId,
        stageNameZh: '现场讲述',
        stageNameEn: 'Live presentation',
        presenters: 3,
      },
    ]);
    expect((await outsider.get('/api/me/sessions')).json().items).toEqual([]);
  });

  it('runs the timer on server time: start, pause, resume, next, finish', async () => {
    const url = `/api/sessions/${session.id}`;
    expect((await committee.post(`${url}/pause`)).json().error.code).toBe('TRANSITION_REFUSED');
    const started = (await committee.post(`${url}/start`)).json();
    expect([started.status, started.currentIndex, started.timer]).toEqual([
      'running',
      0,
      { seconds: 480, remaining: 480, running: true, overtime: false },
    ]);
    env.clock.advance(100_000);
    const screen = (await committee.get(`${url}/screen`)).json();
    expect(screen.timer.remaining).toBe(380);
    expect(screen.current).toEqual({
      position: 1,
      organizationName: session.presenters[0]!.organizationName,
    });
    expect((await committee.post(`${url}/pause`)).json().timer).toMatchObject({
      remaining: 380,
      running: false,
    });
    env.clock.advance(50_000);
    expect((await committee.get(`${url}/screen`)).json().timer.remaining).toBe(380);
    expect((await committee.post(`${url}/start`)).json().timer.remaining).toBe(380);
    env.clock.advance(10_000);
    expect((await committee.get(`${url}/screen`)).json().timer.remaining).toBe(370);
    expect((await committee.post(`${url}/start`)).statusCode).toBe(409);
    // The panel's phones show the presenter on stage.
    const phone = (await panel[0]!.client.get(`${url}/panel`)).json();
    expect(phone.current.applicationId).toBe(session.presenters[0]!.applicationId);
    expect((await outsider.get(`${url}/panel`)).statusCode).toBe(404);
  });

  it('scores as reviews; release refused until every panel member locked; then the trimmed mean', async () => {
    const first = session.presenters[0]!.applicationId;
    const scoreUrl = `/api/sessions/${session.id}/presenters/${first}/score`;
    const off = await panel[0]!.client.put(scoreUrl, { score: 82.3 });
    expect(off.statusCode).toBe(400);
    expect(off.json().error.details[0].field).toBe('score');
    expect((await outsider.put(scoreUrl, { score: 80 })).statusCode).toBe(404);
    const given = [82, 90, 75, 88, 95];
    for (const [i, p] of panel.entries()) {
      const saved = await p.client.put(scoreUrl, { score: given[i] });
      expect(saved.statusCode, saved.body).toBe(200);
      if (i < 4) expect((await p.client.post(`${scoreUrl}/lock`)).statusCode).toBe(200);
    }
    const releaseUrl = `/api/sessions/${session.id}/presenters/${first}/release`;
    const auditsBefore = await auditCount(env.db, 'presentation.release');
    const early = await committee.post(releaseUrl);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('PANEL_NOT_LOCKED');
    expect(early.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      `panel.${panel[4]!.id}`,
    ]);
    const [row] = await env.db
      .select()
      .from(sessionPresenters)
      .where(and(eq(sessionPresenters.sessionId, session.id!), eq(sessionPresenters.applicationId, first)));
    expect(row!.releasedAt).toBeNull();
    expect(await auditCount(env.db, 'presentation.release')).toBe(auditsBefore);
    expect((await committee.get(`/api/sessions/${session.id}/screen`)).json().order[0].result).toBeNull();

    expect((await panel[4]!.client.post(`${scoreUrl}/lock`)).statusCode).toBe(200);
    const locked = await panel[4]!.client.post(`${scoreUrl}/lock`);
    expect(locked.json().error.code).toBe('REVIEW_LOCKED');
    expect((await panel[4]!.client.put(scoreUrl, { score: 60 })).json().error.code).toBe('REVIEW_LOCKED');

    const released = await committee.post(releaseUrl);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().presenters[0].result).toBe(86.666666667);
    const [result] = await env.db
      .select()
      .from(stageResults)
      .where(and(eq(stageResults.stageId, stageId), eq(stageResults.applicationId, first)));
    expect([result!.score, result!.reviewCount]).toEqual([86.666666667, 5]);
    expect(
      (await env.db.select().from(evaluationTotals).where(eq(evaluationTotals.applicationId, first))).length,
    ).toBe(1);
    expect((await committee.post(releaseUrl)).statusCode).toBe(409);

    // The room screen shows released results only.
    const screen = (await committee.get(`/api/sessions/${session.id}/screen`)).json();
    expect(screen.order.map((o: { result: number | null }) => o.result)).toEqual([86.666666667, null, null]);
    const phone = (await panel[0]!.client.get(`/api/sessions/${session.id}/panel`)).json();
    expect(phone.presenters[0]).toMatchObject({ myStatus: 'locked', myScore: 82, released: true });
  });

  it('moves to the next presenter with a fresh timer and finishes', async () => {
    const url = `/api/sessions/${session.id}`;
    const next = (await committee.post(`${url}/next`)).json();
    expect([next.currentIndex, next.timer]).toEqual([
      1,
      { seconds: 480, remaining: 480, running: false, overtime: false },
    ]);
    expect((await committee.post(`${url}/finish`)).json().status).toBe('finished');
    expect((await committee.post(`${url}/start`)).statusCode).toBe(409);
    expect((await committee.get(`${url}/screen`)).json().current).toBeNull();
  });
});
