/**
 * Authorization matrix rows of the re-review routes. Mutations are the committee's; the rounds are read by
 * the committee (all), a unit admin (rounds holding its unit's titles) and an applicant (its
 * organisation's): "in" is a round over a title of branch A1 in unit A, "out" one of branch B1 in unit B.
 * Each mutation cell gets a fresh title (a copy of a certified one) and round.
 */
import type { Builder, MatrixCtx, ModuleMatrix, Scope } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';
import { actorOf } from '../decisions/test-kit';
import { ctxAt, seedCertified } from '../titles/test-kit';
import { cloneTitle } from './test-kit';
import { createRound } from './service';
import { recordOutcome } from './outcomes';

const admin = (ctx: MatrixCtx) => actorOf(ctx.users.committee_admin);
const adminCtx = (ctx: MatrixCtx) => ctxAt(admin(ctx), ctx.env.clock.now);

let base: Promise<string> | undefined;
/** A new active title of branch A1 (in) or B1 (out). */
async function freshTitle(ctx: MatrixCtx, s: Scope): Promise<string> {
  base ??= seedCertified(
    ctx.env.db,
    { a1: ctx.tree.a1, unitA: ctx.tree.unitA, unitB: ctx.tree.unitB },
    admin(ctx),
  ).then((c) => c.title.id);
  const t = await cloneTitle(ctx.env.db, await base, {
    organizationId: ctx.branchOf(s).id,
    unitId: ctx.unitOf(s).id,
    status: 'active',
    validUntil: '2099-01-01',
  });
  return t.id;
}

async function freshRound(ctx: MatrixCtx, s: Scope) {
  const titleId = await freshTitle(ctx, s);
  const r = await createRound(ctx.env.db, adminCtx(ctx), {
    name: `矩阵复评${ctx.uniq()}`,
    year: 2027,
    standardBasis: 'awarded',
    selection: { mode: 'list', titleIds: [titleId] },
  });
  return { roundId: r.id, titleId };
}

const made: Partial<Record<Scope, Promise<{ roundId: string; titleId: string }>>> = {};
const roundOf = (ctx: MatrixCtx, s: Scope) => (made[s] ??= freshRound(ctx, s));

const build: Record<string, Builder> = {
  'GET /api/rereview-rounds': () => ({ method: 'GET', url: '/api/rereview-rounds' }),
  'POST /api/rereview-rounds': async (ctx, s) => ({
    method: 'POST',
    url: '/api/rereview-rounds',
    payload: {
      name: `矩阵复评${ctx.uniq()}`,
      year: 2027,
      standardBasis: 'current',
      selection: { mode: 'list', titleIds: [await freshTitle(ctx, s)] },
    },
  }),
  'GET /api/rereview-rounds/:id': async (ctx, s) => ({
    method: 'GET',
    url: `/api/rereview-rounds/${(await roundOf(ctx, s)).roundId}`,
  }),
  'POST /api/rereview-rounds/:id/titles/:titleId/outcome': async (ctx, s) => {
    const r = await freshRound(ctx, s);
    return {
      method: 'POST',
      url: `/api/rereview-rounds/${r.roundId}/titles/${r.titleId}/outcome`,
      payload: { outcome: 'keep' },
    };
  },
  'POST /api/rereview-rounds/:id/titles/:titleId/follow-up': async (ctx, s) => {
    const r = await freshRound(ctx, s);
    await recordOutcome(ctx.env.db, adminCtx(ctx), r.roundId, r.titleId, {
      outcome: 'rectify',
      reason: '矩阵整改',
      deadline: '2099-12-31',
    });
    return {
      method: 'POST',
      url: `/api/rereview-rounds/${r.roundId}/titles/${r.titleId}/follow-up`,
      payload: { result: 'passed' },
    };
  },
  'GET /api/titles/figures': () => ({ method: 'GET', url: '/api/titles/figures' }),
};

const committee = only({ committee_admin: [200, 200] });

export const matrix: ModuleMatrix = {
  rows: {
    'GET /api/rereview-rounds': only({
      committee_admin: [200, 200],
      unit_admin: [200, 200],
      applicant: [200, 200],
    }),
    'POST /api/rereview-rounds': only({ committee_admin: [201, 201] }),
    'GET /api/rereview-rounds/:id': only({
      committee_admin: [200, 200],
      unit_admin: [200, 404],
      applicant: [200, 404],
    }),
    'POST /api/rereview-rounds/:id/titles/:titleId/outcome': committee,
    'POST /api/rereview-rounds/:id/titles/:titleId/follow-up': committee,
    'GET /api/titles/figures': committee,
  },
  build,
};
