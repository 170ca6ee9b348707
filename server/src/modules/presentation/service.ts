/**
 * Live presentation sessions (现场讲述, docs/EVALUATION.md): the order drawn by lot (a recorded
 * `presentation_order` draw), the chair's timer (server times), the panel's scores as ordinary reviews of
 * the stage (`overall` rubric; results refreshed by the results module when one locks), and each
 * presenter's result released by the chair once every panel member scoring it has locked.
 */
import crypto from 'node:crypto';
import {
  canonicalJson,
  conflictKey,
  drawOrder,
  DRAW_ALGORITHM,
  SEED_MAX,
  stageScore,
} from '../../../../shared/src/domain/evaluation';
import type {
  CreateSessionBody,
  MySessions,
  PanelView,
  ScreenView,
  SessionView,
  TimerState,
} from '../../../../shared/src/contracts/presentation';
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, scopeOf, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { assertObject } from '../../core/object-rules';
import { writeAudit } from '../audit/write';
import { getStage, stageFacts, type StageRow } from '../stages/queries';
import { conflictStatuses } from '../reviewers/queries';
import { countedReviews, refreshApplication } from '../results/queries';
import * as repo from './repo';

const sha256 = (value: unknown) => crypto.createHash('sha256').update(canonicalJson(value)).digest('hex');

/** The timer now: seconds left (negative in overtime), counted from the server's clock. */
export function timerOf(s: repo.SessionRow, now: Date): TimerState {
  const remaining = s.timerStartedAt
    ? s.timerSeconds - Math.floor((now.getTime() - s.timerStartedAt.getTime()) / 1000)
    : (s.timerRemaining ?? s.timerSeconds);
  return { seconds: s.timerSeconds, remaining, running: s.timerStartedAt !== null, overtime: remaining < 0 };
}

async function presentationStage(db: DbOrTx, id: string, lock?: 'update'): Promise<StageRow> {
  const stage = await getStage(db, id, lock);
  if (!stage) throw new AppError('NOT_FOUND');
  if (stage.method !== 'presentation') throw new AppError('STAGE_METHOD_MISMATCH');
  return stage;
}

async function sessionOrThrow(db: DbOrTx, id: string, lock = false) {
  const s = await repo.getSession(db, id, lock);
  if (!s) throw new AppError('NOT_FOUND');
  return s;
}

/** Creates a session: presenters drawn by lot, and an assignment with a pending review per panel pair. */
export async function createSession(
  db: Db,
  ctx: Ctx,
  stageId: string,
  body: CreateSessionBody,
): Promise<SessionView> {
  scopeOf(ctx.actor, 'presentation.run');
  const actor = requireActor(ctx);
  const seed = body.seed ?? crypto.randomInt(0, SEED_MAX + 1);
  const plan = async (tx: DbOrTx) => {
    const stage = await presentationStage(tx, stageId, body.preview ? undefined : 'update');
    if (stage.status !== 'open') throw new AppError('STAGE_CLOSED');
    const entrants = await repo.entrantsOf(tx, stageId);
    const sessions = await repo.sessionsOf(tx, stageId);
    const taken = new Set(
      (
        await repo.presentersOf(
          tx,
          sessions.map((s) => s.id),
        )
      ).map((p) => p.applicationId),
    );
    const units = new Map(entrants.map((e) => [e.applicationId, e.unitId]));
    const chosen = body.applicationIds ?? entrants.map((e) => e.applicationId).filter((id) => !taken.has(id));
    const problems = [
      ...chosen.flatMap((id, i) =>
        !units.has(id)
          ? [
              fieldError(
                `applicationIds.${i}`,
                'not_entrant',
                '不是本环节的参评对象',
                'Not an entrant of this stage',
              ),
            ]
          : taken.has(id)
            ? [
                fieldError(
                  `applicationIds.${i}`,
                  'in_session',
                  '已在本环节的其他场次中',
                  'Already in a session of this stage',
                ),
              ]
            : [],
      ),
      ...(new Set(chosen).size !== chosen.length
        ? [fieldError('applicationIds', 'duplicate', '讲述对象重复', 'A presenter appears twice')]
        : []),
      ...(chosen.length === 0
        ? [fieldError('applicationIds', 'empty', '没有可安排的讲述对象', 'No presenters to schedule')]
        : []),
    ];
    const accounts = await repo.reviewerAccounts(tx, body.panel);
    body.panel.forEach((id, i) => {
      const a = accounts.find((x) => x.id === id);
      if (!a || a.role !== 'reviewer' || a.disabled)
        problems.push(
          fieldError(
            `panel.${i}`,
            'not_reviewer',
            '不是可用的评审专家账号',
            'Not an active reviewer account',
          ),
        );
    });
    if (new Set(body.panel).size !== body.panel.length)
      problems.push(fieldError('panel', 'duplicate', '评委重复', 'A panel member appears twice'));
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
    const order = drawOrder(chosen, seed).map((p) => p.applicationId);
    const inputs = { algorithm: DRAW_ALGORITHM, applicationIds: [...chosen].sort() };
    const result = { order };
    return { stage, order, inputs, result, units, accounts };
  };

  if (body.preview) {
    const p = await plan(db);
    const nameOf = await repo.names(db, p.order);
    return {
      id: null,
      stageId,
      name: body.name,
      room: body.room ?? null,
      scheduledAt: body.scheduledAt ? new Date(body.scheduledAt).toISOString() : null,
      status: 'planned',
      currentIndex: null,
      timer: { seconds: body.timerSeconds, remaining: body.timerSeconds, running: false, overtime: false },
      serverTime: ctx.now.toISOString(),
      draw: { id: null, seed, resultDigest: sha256(p.result) },
      panel: body.panel.map((id) => ({ reviewerId: id, name: p.accounts.find((a) => a.id === id)!.name })),
      presenters: p.order.map((applicationId, i) => ({
        position: i + 1,
        applicationId,
        organizationName: nameOf.get(applicationId) ?? '',
        releasedAt: null,
        result: null,
        scores: [],
      })),
    };
  }

  const id = await db.transaction(async (tx) => {
    const p = await plan(tx);
    const drawId = await repo.insertDraw(tx, {
      campaignId: p.stage.campaignId,
      stageId,
      kind: 'presentation_order',
      seed,
      inputs: p.inputs as never,
      result: p.result,
      inputsDigest: sha256(p.inputs),
      resultDigest: sha256(p.result),
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    const session = await repo.insertSession(tx, {
      stageId,
      name: body.name,
      room: body.room ?? null,
      scheduledAt: body.scheduledAt ? new Date(body.scheduledAt) : null,
      presentationOrder: p.order,
      drawId,
      panel: body.panel,
      timerSeconds: body.timerSeconds,
      updatedAt: ctx.now,
    });
    await repo.insertPresenters(
      tx,
      p.order.map((applicationId) => ({
        sessionId: session.id,
        applicationId,
        unitId: p.units.get(applicationId)!,
      })),
    );
    const pairs = body.panel.flatMap((reviewerId) =>
      p.order.map((applicationId) => ({ reviewerId, applicationId })),
    );
    const status = await conflictStatuses(tx, pairs);
    await repo.assignPanel(
      tx,
      pairs
        .filter((x) => !status.get(conflictKey(x.reviewerId, x.applicationId))?.conflicted)
        .map((x) => ({
          stageId,
          campaignId: p.stage.campaignId,
          applicationId: x.applicationId,
          reviewerId: x.reviewerId,
          unitId: p.units.get(x.applicationId)!,
          drawId,
          source: 'session',
          createdBy: actor.userId,
        })),
    );
    await writeAudit(tx, ctx, {
      action: 'presentation.session_create',
      objectType: 'presentation_session',
      objectId: session.id,
      detail: `seed ${seed}; ${p.order.length} presenters; panel of ${body.panel.length}; draw ${drawId}`,
    });
    return session.id;
  });
  return getSessionView(db, ctx, id);
}

/** The chair's view: order, timer, every panel member's state per presenter, released results. */
export async function getSessionView(db: DbOrTx, ctx: Ctx, id: string): Promise<SessionView> {
  scopeOf(ctx.actor, 'presentation.run');
  const s = await sessionOrThrow(db, id);
  const [presenters, reviewRows, accounts, nameOf, draw] = await Promise.all([
    repo.presentersOf(db, [s.id]),
    repo.panelReviews(db, s.stageId, s.presentationOrder),
    repo.reviewerAccounts(db, s.panel),
    repo.names(db, s.presentationOrder),
    s.drawId ? repo.getDraw(db, s.drawId) : null,
  ]);
  const released = new Map(presenters.map((p) => [p.applicationId, p.releasedAt]));
  const results = new Map((await repo.entrantsOf(db, s.stageId)).map((e) => [e.applicationId, e.score]));
  const nameOfReviewer = new Map(accounts.map((a) => [a.id, a.name]));
  return {
    id: s.id,
    stageId: s.stageId,
    name: s.name,
    room: s.room,
    scheduledAt: s.scheduledAt?.toISOString() ?? null,
    status: s.status,
    currentIndex: s.currentIndex,
    timer: timerOf(s, ctx.now),
    serverTime: ctx.now.toISOString(),
    draw: draw ? { id: draw.id, seed: draw.seed, resultDigest: draw.resultDigest } : null,
    panel: s.panel.map((r) => ({ reviewerId: r, name: nameOfReviewer.get(r) ?? '' })),
    presenters: s.presentationOrder.map((applicationId, i) => {
      const at = released.get(applicationId) ?? null;
      return {
        position: i + 1,
        applicationId,
        organizationName: nameOf.get(applicationId) ?? '',
        releasedAt: at?.toISOString() ?? null,
        result: at ? (results.get(applicationId) ?? null) : null,
        scores: s.panel.map((reviewerId) => {
          const r = reviewRows.find((x) => x.applicationId === applicationId && x.reviewerId === reviewerId);
          return {
            reviewerId,
            name: nameOfReviewer.get(reviewerId) ?? '',
            status: r ? r.status : ('conflicted' as const),
            score: r?.score ?? null,
          };
        }),
      };
    }),
  };
}

/** The sessions of a presentation stage. */
export async function listSessions(db: DbOrTx, ctx: Ctx, stageId: string) {
  scopeOf(ctx.actor, 'presentation.run');
  await presentationStage(db, stageId);
  const sessions = await repo.sessionsOf(db, stageId);
  const presenters = await repo.presentersOf(
    db,
    sessions.map((s) => s.id),
  );
  return {
    items: sessions.map((s) => ({
      id: s.id,
      name: s.name,
      room: s.room,
      status: s.status,
      presenters: s.presentationOrder.length,
      released: presenters.filter((p) => p.sessionId === s.id && p.releasedAt !== null).length,
    })),
  };
}

type TimerAction = 'start' | 'pause' | 'next' | 'finish';

/** The chair's timer and order: start (or resume), pause, next presenter, finish; server times only. */
export async function control(db: Db, ctx: Ctx, id: string, action: TimerAction): Promise<SessionView> {
  scopeOf(ctx.actor, 'presentation.run');
  await db.transaction(async (tx) => {
    const s = await sessionOrThrow(tx, id, true);
    const t = timerOf(s, ctx.now);
    const refuse = () => {
      throw new AppError('TRANSITION_REFUSED', [
        fieldError(
          'action',
          `cannot_${action}`,
          `当前状态不能执行此操作`,
          `Cannot ${action} the session now`,
        ),
      ]);
    };
    let set: Parameters<typeof repo.updateSession>[2];
    if (action === 'start') {
      if (s.status === 'finished' || t.running) refuse();
      set =
        s.status === 'planned'
          ? { status: 'running', currentIndex: 0, timerStartedAt: ctx.now, timerRemaining: null }
          : {
              timerStartedAt: new Date(ctx.now.getTime() - (s.timerSeconds - t.remaining) * 1000),
              timerRemaining: null,
            };
    } else if (action === 'pause') {
      if (s.status !== 'running' || !t.running) refuse();
      set = { timerStartedAt: null, timerRemaining: t.remaining };
    } else if (action === 'next') {
      if (s.status !== 'running' || (s.currentIndex ?? 0) >= s.presentationOrder.length - 1) refuse();
      set = { currentIndex: (s.currentIndex ?? 0) + 1, timerStartedAt: null, timerRemaining: null };
    } else {
      if (s.status === 'finished') refuse();
      set = { status: 'finished', timerStartedAt: null, timerRemaining: t.remaining };
    }
    await repo.updateSession(tx, id, { ...set!, version: s.version + 1, updatedAt: ctx.now });
    await writeAudit(tx, ctx, {
      action: `presentation.session_${action}`,
      objectType: 'presentation_session',
      objectId: id,
    });
  });
  return getSessionView(db, ctx, id);
}

/** Releases a presenter's result once every panel member scoring it has locked (409 otherwise). */
export async function releaseResult(
  db: Db,
  ctx: Ctx,
  id: string,
  applicationId: string,
): Promise<SessionView> {
  scopeOf(ctx.actor, 'presentation.run');
  await db.transaction(async (tx) => {
    const s = await sessionOrThrow(tx, id, true);
    const presenter = (await repo.presentersOf(tx, [id])).find((p) => p.applicationId === applicationId);
    if (!presenter) throw new AppError('NOT_FOUND');
    if (presenter.releasedAt) throw new AppError('TRANSITION_REFUSED');
    const stage = (await getStage(tx, s.stageId))!;
    const rows = (await repo.panelReviews(tx, s.stageId, [applicationId], true)).filter((r) =>
      s.panel.includes(r.reviewerId),
    );
    const status = await conflictStatuses(
      tx,
      rows.map((r) => ({ reviewerId: r.reviewerId, applicationId })),
    );
    const scoring = rows.filter((r) => !status.get(conflictKey(r.reviewerId, applicationId))?.conflicted);
    const waiting = scoring.filter((r) => r.status !== 'locked');
    if (scoring.length === 0 || waiting.length > 0) {
      const accounts = await repo.reviewerAccounts(
        tx,
        waiting.map((r) => r.reviewerId),
      );
      throw new AppError(
        'PANEL_NOT_LOCKED',
        waiting.map((r) => {
          const name = accounts.find((a) => a.id === r.reviewerId)?.name ?? r.reviewerId;
          return fieldError(
            `panel.${r.reviewerId}`,
            'not_locked',
            `${name} 尚未确认评分`,
            `${name} has not locked a score`,
          );
        }),
      );
    }
    const counted = await countedReviews(tx, s.stageId, applicationId);
    const values = counted.flatMap((r) => (r.score === null ? [] : [r.score]));
    await repo.release(tx, id, applicationId, ctx.now);
    await writeAudit(tx, ctx, {
      action: 'presentation.release',
      objectType: 'presentation_session',
      objectId: id,
      unitId: presenter.unitId,
      detail: `${applicationId}: ${stageScore(stage.aggregation, values)} (${counted.length} scores)`,
    });
  });
  return getSessionView(db, ctx, id);
}

/** The room screen: order, current presenter, timer and released results only. */
export async function screen(db: DbOrTx, ctx: Ctx, id: string): Promise<ScreenView> {
  scopeOf(ctx.actor, 'presentation.run');
  const s = await sessionOrThrow(db, id);
  const [presenters, nameOf, results] = await Promise.all([
    repo.presentersOf(db, [id]),
    repo.names(db, s.presentationOrder),
    repo.entrantsOf(db, s.stageId),
  ]);
  const released = new Set(presenters.filter((p) => p.releasedAt !== null).map((p) => p.applicationId));
  const score = new Map(results.map((r) => [r.applicationId, r.score]));
  const current =
    s.status === 'running' && s.currentIndex !== null ? s.presentationOrder[s.currentIndex] : undefined;
  return {
    name: s.name,
    room: s.room,
    status: s.status,
    serverTime: ctx.now.toISOString(),
    timer: timerOf(s, ctx.now),
    current: current ? { position: s.currentIndex! + 1, organizationName: nameOf.get(current) ?? '' } : null,
    order: s.presentationOrder.map((applicationId, i) => ({
      position: i + 1,
      organizationName: nameOf.get(applicationId) ?? '',
      result: released.has(applicationId) ? (score.get(applicationId) ?? null) : null,
    })),
  };
}

// ---------------------------------------------------------------------------------------------------
// The panel's phones

/** The sessions the caller sits on as a panel member (the committee sees every session). */
export async function mySessions(db: DbOrTx, ctx: Ctx): Promise<MySessions> {
  const scope = scopeOf(ctx.actor, 'reviews.read');
  const rows = await repo.sessionsOfPanel(db, scope.kind === 'self' ? scope.userId : null);
  return {
    items: rows.map(({ session: s, stageNameZh, stageNameEn }) => ({
      id: s.id,
      name: s.name,
      room: s.room,
      scheduledAt: s.scheduledAt?.toISOString() ?? null,
      status: s.status,
      stageId: s.stageId,
      stageNameZh,
      stageNameEn,
      presenters: s.presentationOrder.length,
    })),
  };
}

/** A panel member's view: the presenter on stage and its own scores (404 when not on the panel). */
export async function panel(db: DbOrTx, ctx: Ctx, id: string): Promise<PanelView> {
  const scope = scopeOf(ctx.actor, 'reviews.read');
  const s = await sessionOrThrow(db, id);
  const me = scope.kind === 'self' ? scope.userId : null;
  if (me && !s.panel.includes(me)) throw new AppError('NOT_FOUND');
  const [presenters, nameOf, rows] = await Promise.all([
    repo.presentersOf(db, [id]),
    repo.names(db, s.presentationOrder),
    me ? repo.panelReviews(db, s.stageId, s.presentationOrder) : Promise.resolve([]),
  ]);
  const released = new Set(presenters.filter((p) => p.releasedAt !== null).map((p) => p.applicationId));
  const current =
    s.status === 'running' && s.currentIndex !== null ? s.presentationOrder[s.currentIndex] : undefined;
  return {
    sessionId: s.id,
    name: s.name,
    room: s.room,
    status: s.status,
    timer: timerOf(s, ctx.now),
    serverTime: ctx.now.toISOString(),
    current: current
      ? { position: s.currentIndex! + 1, applicationId: current, organizationName: nameOf.get(current) ?? '' }
      : null,
    presenters: s.presentationOrder.map((applicationId, i) => {
      const r = me ? rows.find((x) => x.applicationId === applicationId && x.reviewerId === me) : undefined;
      return {
        position: i + 1,
        applicationId,
        organizationName: nameOf.get(applicationId) ?? '',
        reviewId: r?.id ?? null,
        myStatus: me ? (r ? r.status : 'conflicted') : null,
        myScore: r?.score ?? null,
        released: released.has(applicationId),
      };
    }),
  };
}

/** The caller's review of a presenter, checked by the object rules (assigned, not conflicted, stage open). */
async function myReview(tx: DbOrTx, ctx: Ctx, id: string, applicationId: string) {
  const actor = requireActor(ctx);
  const s = await sessionOrThrow(tx, id);
  if (!s.presentationOrder.includes(applicationId)) throw new AppError('NOT_FOUND');
  const [r] = (await repo.panelReviews(tx, s.stageId, [applicationId], true)).filter(
    (x) => x.reviewerId === actor.userId && s.panel.includes(x.reviewerId),
  );
  if (!r) throw new AppError('NOT_FOUND');
  const stage = (await getStage(tx, s.stageId))!;
  const status = await conflictStatuses(tx, [{ reviewerId: r.reviewerId, applicationId }]);
  assertObject(ctx, 'reviews.write', {
    reviewerId: r.reviewerId,
    conflicted: status.get(conflictKey(r.reviewerId, applicationId))?.conflicted ?? false,
    stage: stageFacts(stage),
  });
  if (r.status === 'locked') throw new AppError('REVIEW_LOCKED');
  return r;
}

const scoreOut = (r: {
  id: string;
  applicationId: string;
  status: 'pending' | 'draft' | 'locked';
  score: number | null;
}) => ({
  reviewId: r.id,
  applicationId: r.applicationId,
  status: r.status,
  score: r.score,
});

/** A panel member's score of a presenter (0..100, step 0.5), saved as a draft of its review. */
export async function saveScore(db: Db, ctx: Ctx, id: string, applicationId: string, score: number) {
  scopeOf(ctx.actor, 'reviews.write');
  if (!(Number.isFinite(score) && score >= 0 && score <= 100 && Number.isInteger(score * 2))) {
    throw new AppError('VALIDATION_FAILED', [
      fieldError('score', 'score_range', '分数须在 0–100 之间，步长 0.5', 'A score is 0–100 in steps of 0.5'),
    ]);
  }
  return db.transaction(async (tx) => {
    const r = await myReview(tx, ctx, id, applicationId);
    const row = await repo.updateReview(tx, r.id, {
      score,
      points: score,
      status: 'draft',
      version: r.version + 1,
      updatedAt: ctx.now,
    });
    await writeAudit(tx, ctx, {
      action: 'presentation.score_save',
      objectType: 'review',
      objectId: r.id,
      unitId: r.unitId,
    });
    return scoreOut(row);
  });
}

/** Locks a panel member's score; the stage result is refreshed in the same transaction. */
export async function lockScore(db: Db, ctx: Ctx, id: string, applicationId: string) {
  scopeOf(ctx.actor, 'reviews.write');
  return db.transaction(async (tx) => {
    const r = await myReview(tx, ctx, id, applicationId);
    if (r.score === null) throw new AppError('INCOMPLETE');
    const row = await repo.updateReview(tx, r.id, {
      status: 'locked',
      lockedAt: ctx.now,
      version: r.version + 1,
      updatedAt: ctx.now,
    });
    await refreshApplication(tx, r.stageId, applicationId, ctx.now);
    await writeAudit(tx, ctx, {
      action: 'presentation.score_lock',
      objectType: 'review',
      objectId: r.id,
      unitId: r.unitId,
    });
    return scoreOut(row);
  });
}
