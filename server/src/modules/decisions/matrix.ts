/**
 * Authorization matrix rows of the decision routes: the committee only. "In" and "out" are alike for
 * the committee (scope all); mutations get a fresh deciding campaign and draft per cell.
 */
import type { Builder, MatrixCtx, ModuleMatrix } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';
import { actorOf, seedConfirmed, seedDeciding, seedDraft, seedReady } from './test-kit';

const units = (ctx: MatrixCtx) => ({ a1: ctx.tree.a1, unitA: ctx.tree.unitA, unitB: ctx.tree.unitB });
const fresh = (ctx: MatrixCtx) => seedDraft(ctx.env.db, ctx.env.clock.now, units(ctx));
let shared: ReturnType<typeof fresh> | null = null;
/** One draft for the reads (made once). */
const readable = (ctx: MatrixCtx) => (shared ??= fresh(ctx));

let confirmed: ReturnType<typeof seedConfirmed> | null = null;
/** One confirmed decision for the result lists (made once). */
const confirmedOnce = (ctx: MatrixCtx) =>
  (confirmed ??= seedConfirmed(
    ctx.env.db,
    ctx.env.clock.now,
    units(ctx),
    actorOf(ctx.users.committee_admin),
  ));

const build: Record<string, Builder> = {
  'POST /api/campaigns/:id/decision': async (ctx) => {
    const s = await seedDeciding(ctx.env.db, ctx.env.clock.now, {
      branchQuota: 1,
      apps: [{ key: 'A', scores: [90], unit: ctx.tree.unitA, submittedMinute: 1 }],
    });
    return { method: 'POST', url: `/api/campaigns/${s.campaignId}/decision`, payload: {} };
  },
  'GET /api/campaigns/:id/decision': async (ctx) => ({
    method: 'GET',
    url: `/api/campaigns/${(await readable(ctx)).campaignId}/decision`,
  }),
  'GET /api/decisions/:id': async (ctx) => ({
    method: 'GET',
    url: `/api/decisions/${(await readable(ctx)).decision.id}`,
  }),
  'PATCH /api/decisions/:id/lines/:applicationId': async (ctx) => {
    const s = await fresh(ctx);
    return {
      method: 'PATCH',
      url: `/api/decisions/${s.decision.id}/lines/${s.ids.A}`,
      payload: { selected: true, votesFor: 5, votesAgainst: 0, votesAbstain: 0, version: 1 },
    };
  },
  'POST /api/decisions/:id/accept-proposal': async (ctx) => {
    const s = await fresh(ctx);
    return {
      method: 'POST',
      url: `/api/decisions/${s.decision.id}/accept-proposal`,
      payload: { version: 1 },
    };
  },
  'POST /api/decisions/:id/confirm': async (ctx) => {
    const s = await seedReady(ctx.env.db, ctx.env.clock.now, units(ctx));
    return {
      method: 'POST',
      url: `/api/decisions/${s.decision.id}/confirm`,
      payload: { version: s.decision.version },
    };
  },
  'POST /api/decisions/:id/release': async (ctx) => {
    const s = await seedConfirmed(
      ctx.env.db,
      ctx.env.clock.now,
      units(ctx),
      actorOf(ctx.users.committee_admin),
    );
    return {
      method: 'POST',
      url: `/api/decisions/${s.decision.id}/release`,
      payload: { version: s.decision.version },
    };
  },
  'GET /api/decisions/:id/result.pdf': async (ctx) => ({
    method: 'GET',
    url: `/api/decisions/${(await confirmedOnce(ctx)).decision.id}/result.pdf`,
  }),
  'GET /api/decisions/:id/result.xlsx': async (ctx) => ({
    method: 'GET',
    url: `/api/decisions/${(await confirmedOnce(ctx)).decision.id}/result.xlsx`,
  }),
};

export const matrix: ModuleMatrix = {
  rows: {
    'POST /api/campaigns/:id/decision': only({ committee_admin: [201, 201] }),
    'GET /api/campaigns/:id/decision': only({ committee_admin: [200, 200] }),
    'GET /api/decisions/:id': only({ committee_admin: [200, 200] }),
    'PATCH /api/decisions/:id/lines/:applicationId': only({ committee_admin: [200, 200] }),
    'POST /api/decisions/:id/accept-proposal': only({ committee_admin: [200, 200] }),
    'POST /api/decisions/:id/confirm': only({ committee_admin: [200, 200] }),
    'POST /api/decisions/:id/release': only({ committee_admin: [200, 200] }),
    'GET /api/decisions/:id/result.pdf': only({ committee_admin: [200, 200] }),
    'GET /api/decisions/:id/result.xlsx': only({ committee_admin: [200, 200] }),
  },
  build,
};
