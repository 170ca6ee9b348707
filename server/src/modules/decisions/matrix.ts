/**
 * Authorization matrix rows of the decision routes: the committee only. "In" and "out" are alike for
 * the committee (scope all); mutations get a fresh deciding campaign and draft per cell. An application's
 * own result is read by the applicant and its unit too: "in" is branch A1's application, "out" branch
 * B1's, in one released decision.
 */
import type { Builder, MatrixCtx, ModuleMatrix } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';
import { actorOf, seedConfirmed, seedDeciding, seedDraft, seedReady } from './test-kit';
import { acceptProposal, confirm, create, release } from './service';

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

let released: ReturnType<typeof seedDeciding> | null = null;
/** One released decision with an application of branch A1 ("in") and one of branch B1 ("out"), made once. */
const releasedOnce = (ctx: MatrixCtx) =>
  (released ??= (async () => {
    const s = await seedDeciding(ctx.env.db, ctx.env.clock.now, {
      branchQuota: 1,
      apps: [
        { key: 'in', scores: [90], org: ctx.branchOf('in'), unit: ctx.tree.unitA, submittedMinute: 1 },
        { key: 'out', scores: [80], org: ctx.branchOf('out'), unit: ctx.tree.unitB, submittedMinute: 2 },
      ],
    });
    const c = {
      actor: actorOf(ctx.users.committee_admin),
      ip: null,
      requestId: null,
      lang: 'zh-CN' as const,
      now: ctx.env.clock.now,
    };
    let d = await create(ctx.env.db, c, s.campaignId);
    d = await acceptProposal(ctx.env.db, c, d.id, {
      version: d.version,
      votes: { for: 7, against: 0, abstain: 0 },
    });
    d = await confirm(ctx.env.db, c, d.id, d.version);
    await release(ctx.env.db, c, d.id, d.version);
    return s;
  })());

const build: Record<string, Builder> = {
  'GET /api/applications/:id/results': async (ctx, scope) => ({
    method: 'GET',
    url: `/api/applications/${(await releasedOnce(ctx)).ids[scope]}/results`,
  }),
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
  'GET /api/decisions/:id/snapshot': async (ctx) => ({
    method: 'GET',
    url: `/api/decisions/${(await confirmedOnce(ctx)).decision.id}/snapshot`,
  }),
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
    'GET /api/decisions/:id/snapshot': only({ committee_admin: [200, 200] }),
    'GET /api/decisions/:id/result.pdf': only({ committee_admin: [200, 200] }),
    'GET /api/decisions/:id/result.xlsx': only({ committee_admin: [200, 200] }),
    'GET /api/applications/:id/results': only({
      committee_admin: [200, 200],
      unit_admin: [200, 404],
      applicant: [200, 404],
    }),
  },
  build,
};
