/**
 * Authorization matrix rows of panels, draws and assignments: the committee's business (evaluation.manage,
 * scope all: "in" and "out" alike). Fresh reviewers, panel rows and draws per mutation.
 */
import type { Builder, MatrixCtx, ModuleMatrix } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';
import { insertUser } from '../../../test/helpers';
import { draws, stageReviewers } from '../../db/schema';
import { freshEntrant, insertAssignment, matrixStage } from '../reviewers/test-kit';
import { DRAW_ALGORITHM } from '../../../../shared/src/domain/evaluation';
import { digest, runPanel, type PanelInputs } from './draws';

const committee = (ok: 200 | 201 | 204) => only({ committee_admin: [ok, ok] });
const freshReviewer = async (ctx: MatrixCtx) =>
  (await insertUser(ctx.env.db, { username: `p${ctx.uniq()}`, role: 'reviewer' })).id;
const stageUrl = async (ctx: MatrixCtx, rest = '') => `/api/stages/${(await matrixStage(ctx)).id}${rest}`;

/** A recorded panel draw of one candidate with seed 42, consistent with its digests. */
async function recordedDraw(ctx: MatrixCtx) {
  const stage = await matrixStage(ctx);
  const inputs: PanelInputs = {
    algorithm: DRAW_ALGORITHM,
    stageId: stage.id,
    count: 1,
    tags: [],
    candidates: [await freshReviewer(ctx)],
  };
  const result = runPanel(inputs, 42);
  const [row] = await ctx.env.db
    .insert(draws)
    .values({
      campaignId: stage.campaignId,
      stageId: stage.id,
      kind: 'panel',
      seed: 42,
      inputs: inputs as unknown as Record<string, unknown>,
      result,
      inputsDigest: digest(inputs),
      resultDigest: digest(result),
    })
    .returning();
  return row!.id;
}

const build: Record<string, Builder> = {
  'GET /api/stages/:id/panel': async (ctx) => ({ method: 'GET', url: await stageUrl(ctx, '/panel') }),
  'POST /api/stages/:id/panel': async (ctx) => ({
    method: 'POST',
    url: await stageUrl(ctx, '/panel'),
    payload: { reviewerId: await freshReviewer(ctx) },
  }),
  'DELETE /api/stages/:id/panel/:reviewerId': async (ctx) => {
    const stage = await matrixStage(ctx);
    const reviewerId = await freshReviewer(ctx);
    await ctx.env.db.insert(stageReviewers).values({ stageId: stage.id, reviewerId });
    return { method: 'DELETE', url: `/api/stages/${stage.id}/panel/${reviewerId}` };
  },
  'POST /api/stages/:id/panel/draw': async (ctx) => ({
    method: 'POST',
    url: await stageUrl(ctx, '/panel/draw'),
    payload: { count: 1, preview: true },
  }),
  'GET /api/draws/:id': async (ctx) => ({ method: 'GET', url: `/api/draws/${await recordedDraw(ctx)}` }),
  'POST /api/draws/:id/verify': async (ctx) => ({
    method: 'POST',
    url: `/api/draws/${await recordedDraw(ctx)}/verify`,
    payload: { seed: 42 },
  }),
  'GET /api/stages/:id/assignments': async (ctx) => ({
    method: 'GET',
    url: await stageUrl(ctx, '/assignments'),
  }),
  'POST /api/stages/:id/assignments': async (ctx, s) => ({
    method: 'POST',
    url: await stageUrl(ctx, '/assignments'),
    payload: { applicationId: (await freshEntrant(ctx, s)).id, reviewerId: await freshReviewer(ctx) },
  }),
  'POST /api/stages/:id/assignments/auto': async (ctx) => {
    const stage = await matrixStage(ctx);
    await ctx.env.db
      .insert(stageReviewers)
      .values({ stageId: stage.id, reviewerId: await freshReviewer(ctx) });
    return {
      method: 'POST',
      url: await stageUrl(ctx, '/assignments/auto'),
      payload: { perApplication: 1, preview: true },
    };
  },
  'DELETE /api/assignments/:id': async (ctx, s) => {
    const a = await insertAssignment(
      ctx.env.db,
      await matrixStage(ctx),
      await freshEntrant(ctx, s),
      await freshReviewer(ctx),
    );
    return { method: 'DELETE', url: `/api/assignments/${a.id}` };
  },
  'GET /api/stages/:id/assignments/export.xlsx': async (ctx) => ({
    method: 'GET',
    url: await stageUrl(ctx, '/assignments/export.xlsx'),
  }),
  'POST /api/stages/:id/assignments/import': async (ctx, s) => {
    const app = await freshEntrant(ctx, s);
    const username = `p${ctx.uniq()}`;
    await insertUser(ctx.env.db, { username, role: 'reviewer' });
    const boundary = `----shifan${ctx.uniq()}`;
    const payload = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n` +
        `申报编号,专家用户名\n${app.id},${username}\n\r\n--${boundary}--\r\n`,
    );
    return {
      method: 'POST',
      url: await stageUrl(ctx, '/assignments/import?dryRun=true'),
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  },
  'GET /api/me/assignments': () => ({ method: 'GET', url: '/api/me/assignments' }),
};

export const matrix: ModuleMatrix = {
  rows: {
    'GET /api/stages/:id/panel': committee(200),
    'POST /api/stages/:id/panel': committee(200),
    'DELETE /api/stages/:id/panel/:reviewerId': committee(204),
    'POST /api/stages/:id/panel/draw': committee(200),
    'GET /api/draws/:id': committee(200),
    'POST /api/draws/:id/verify': committee(200),
    'GET /api/stages/:id/assignments': committee(200),
    'GET /api/stages/:id/assignments/export.xlsx': committee(200),
    'POST /api/stages/:id/assignments/import': committee(200),
    'POST /api/stages/:id/assignments': committee(201),
    'POST /api/stages/:id/assignments/auto': committee(200),
    'DELETE /api/assignments/:id': committee(204),
    'GET /api/me/assignments': only({ committee_admin: [200, 200], reviewer: [200, 200] }),
  },
  build,
};
