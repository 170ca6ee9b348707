/**
 * Authorization matrix rows of the presentation routes. The chair's routes (committee) answer alike in both
 * scopes; for the panel's routes "in" is a session whose panel includes the matrix reviewer and "out" one
 * whose panel does not (404: a reviewer sees only its own sessions).
 */
import type { Builder, MatrixCtx, ModuleMatrix, Scope } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';
import { insertApplication, seedOpenCampaign } from '../../../test/campaign-fixtures';
import { insertUser } from '../../../test/helpers';
import { assignments, presentationSessions, reviews, sessionPresenters } from '../../db/schema';
import { enter, insertStage } from '../peer/test-kit';

interface Options {
  session?: boolean;
  status?: 'planned' | 'running';
  review?: { status: 'pending' | 'draft' | 'locked'; score: number | null };
}

/** A presentation stage with A1's and B1's applications as entrants and, optionally, a session of both. */
async function fixture(ctx: MatrixCtx, s: Scope, o: Options = {}) {
  const { db, clock } = ctx.env;
  const { campaign, standards } = await seedOpenCampaign(db, clock.now);
  const stage = await insertStage(db, clock.now, campaign.id, 'presentation');
  const apps: Awaited<ReturnType<typeof insertApplication>>[] = [];
  for (const org of [ctx.branchOf('in'), ctx.branchOf('out')]) {
    apps.push(
      await insertApplication(db, {
        campaignId: campaign.id,
        organization: { id: org.id, unitId: org.unitId, kind: org.kind },
        standardVersionId: standards.branch.versionId,
        status: 'in_review',
      }),
    );
  }
  await enter(db, stage, apps, clock.now);
  if (!o.session) return { stageId: stage.id, sessionId: '', applicationId: apps[0]!.id };
  const reviewer =
    s === 'in' ? ctx.users.reviewer : await insertUser(db, { username: `r${ctx.uniq()}`, role: 'reviewer' });
  const running = o.status === 'running';
  const [session] = await db
    .insert(presentationSessions)
    .values({
      stageId: stage.id,
      name: `第${ctx.uniq()}场`,
      presentationOrder: apps.map((a) => a.id),
      panel: [reviewer.id],
      status: o.status ?? 'planned',
      currentIndex: running ? 0 : null,
      timerStartedAt: running ? clock.now : null,
      updatedAt: clock.now,
    })
    .returning();
  await db
    .insert(sessionPresenters)
    .values(apps.map((a) => ({ sessionId: session!.id, applicationId: a.id, unitId: a.unitId })));
  for (const a of apps) {
    const [asg] = await db
      .insert(assignments)
      .values({
        stageId: stage.id,
        campaignId: campaign.id,
        applicationId: a.id,
        reviewerId: reviewer.id,
        unitId: a.unitId,
        source: 'session',
      })
      .returning();
    await db.insert(reviews).values({
      id: asg!.id,
      stageId: stage.id,
      applicationId: a.id,
      reviewerId: reviewer.id,
      unitId: a.unitId,
      status: o.review?.status ?? 'pending',
      score: o.review?.score ?? null,
      lockedAt: o.review?.status === 'locked' ? clock.now : null,
    });
  }
  return { stageId: stage.id, sessionId: session!.id, applicationId: apps[0]!.id };
}

const post = (url: string, payload: unknown = {}) => ({ method: 'POST' as const, url, payload });

const build: Record<string, Builder> = {
  'POST /api/stages/:id/sessions': async (ctx, s) => {
    const f = await fixture(ctx, s);
    return post(`/api/stages/${f.stageId}/sessions`, {
      name: '第一场',
      timerSeconds: 480,
      panel: [ctx.users.reviewer.id],
      seed: 3,
      preview: false,
    });
  },
  'GET /api/stages/:id/sessions': async (ctx, s) => ({
    method: 'GET',
    url: `/api/stages/${(await fixture(ctx, s)).stageId}/sessions`,
  }),
  'GET /api/sessions/:id': async (ctx, s) => ({
    method: 'GET',
    url: `/api/sessions/${(await fixture(ctx, s, { session: true })).sessionId}`,
  }),
  'POST /api/sessions/:id/start': async (ctx, s) =>
    post(`/api/sessions/${(await fixture(ctx, s, { session: true })).sessionId}/start`),
  'POST /api/sessions/:id/pause': async (ctx, s) =>
    post(`/api/sessions/${(await fixture(ctx, s, { session: true, status: 'running' })).sessionId}/pause`),
  'POST /api/sessions/:id/next': async (ctx, s) =>
    post(`/api/sessions/${(await fixture(ctx, s, { session: true, status: 'running' })).sessionId}/next`),
  'POST /api/sessions/:id/finish': async (ctx, s) =>
    post(`/api/sessions/${(await fixture(ctx, s, { session: true })).sessionId}/finish`),
  'POST /api/sessions/:id/presenters/:applicationId/release': async (ctx, s) => {
    const f = await fixture(ctx, s, { session: true, review: { status: 'locked', score: 80 } });
    return post(`/api/sessions/${f.sessionId}/presenters/${f.applicationId}/release`);
  },
  'GET /api/sessions/:id/screen': async (ctx, s) => ({
    method: 'GET',
    url: `/api/sessions/${(await fixture(ctx, s, { session: true })).sessionId}/screen`,
  }),
  'GET /api/me/sessions': async (ctx, s) => {
    await fixture(ctx, s, { session: true });
    return { method: 'GET', url: '/api/me/sessions' };
  },
  'GET /api/sessions/:id/panel': async (ctx, s) => ({
    method: 'GET',
    url: `/api/sessions/${(await fixture(ctx, s, { session: true })).sessionId}/panel`,
  }),
  'PUT /api/sessions/:id/presenters/:applicationId/score': async (ctx, s) => {
    const f = await fixture(ctx, s, { session: true });
    return {
      method: 'PUT',
      url: `/api/sessions/${f.sessionId}/presenters/${f.applicationId}/score`,
      payload: { score: 85.5 },
    };
  },
  'POST /api/sessions/:id/presenters/:applicationId/score/lock': async (ctx, s) => {
    const f = await fixture(ctx, s, { session: true, review: { status: 'draft', score: 85.5 } });
    return post(`/api/sessions/${f.sessionId}/presenters/${f.applicationId}/score/lock`);
  },
};

const chair = only({ committee_admin: [200, 200] });

export const matrix: ModuleMatrix = {
  rows: {
    'POST /api/stages/:id/sessions': only({ committee_admin: [201, 201] }),
    'GET /api/stages/:id/sessions': chair,
    'GET /api/sessions/:id': chair,
    'POST /api/sessions/:id/start': chair,
    'POST /api/sessions/:id/pause': chair,
    'POST /api/sessions/:id/next': chair,
    'POST /api/sessions/:id/finish': chair,
    'POST /api/sessions/:id/presenters/:applicationId/release': chair,
    'GET /api/sessions/:id/screen': chair,
    'GET /api/me/sessions': only({ committee_admin: [200, 200], reviewer: [200, 200] }),
    'GET /api/sessions/:id/panel': only({ committee_admin: [200, 200], reviewer: [200, 404] }),
    'PUT /api/sessions/:id/presenters/:applicationId/score': only({ reviewer: [200, 404] }),
    'POST /api/sessions/:id/presenters/:applicationId/score/lock': only({ reviewer: [200, 404] }),
  },
  build,
};
