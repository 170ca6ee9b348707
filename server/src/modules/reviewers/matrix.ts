/**
 * Authorization matrix rows of the expert pool and conflicts: the committee's business (scope all, so
 * "in" and "out" answer alike), except a declaration, which a reviewer makes for itself on an application
 * it is assigned to ("in") and not on another ("out": 404). Fresh records per mutation.
 */
import type { Builder, MatrixCtx, ModuleMatrix, Scope } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';
import { insertUser } from '../../../test/helpers';
import { conflictOverrides, declaredConflicts } from '../../db/schema';
import { freshEntrant, insertAssignment, matrixStage, seedReviewer } from './test-kit';

const committee = (ok: 200 | 201 | 204) => only({ committee_admin: [ok, ok] });
const freshReviewer = async (ctx: MatrixCtx) =>
  (await insertUser(ctx.env.db, { username: `r${ctx.uniq()}`, role: 'reviewer' })).id;

async function pairRecord(ctx: MatrixCtx, s: Scope) {
  const app = await freshEntrant(ctx, s);
  return {
    campaignId: app.campaignId,
    reviewerId: await freshReviewer(ctx),
    applicationId: app.id,
    unitId: app.unitId,
    reason: '矩阵测试',
  };
}

const build: Record<string, Builder> = {
  'GET /api/reviewers': () => ({ method: 'GET', url: '/api/reviewers' }),
  'GET /api/reviewers/:id': async (ctx) => ({
    method: 'GET',
    url: `/api/reviewers/${await freshReviewer(ctx)}`,
  }),
  'POST /api/reviewers': (ctx, s) => ({
    method: 'POST',
    url: '/api/reviewers',
    payload: {
      username: `exp${ctx.uniq()}`,
      displayName: '评审专家',
      affiliationOrgId: ctx.branchOf(s).id,
      expertise: ['党建'],
    },
  }),
  'GET /api/reviewers/import/template': () => ({ method: 'GET', url: '/api/reviewers/import/template' }),
  'POST /api/reviewers/import': (ctx) => {
    const boundary = `----shifan${ctx.uniq()}`;
    return {
      method: 'POST',
      url: '/api/reviewers/import?dryRun=true',
      payload: Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="e.csv"\r\nContent-Type: text/csv\r\n\r\n` +
          `用户名,姓名,外部单位\nimp${ctx.uniq()},导入专家,市委党校\n\r\n--${boundary}--\r\n`,
      ),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  },
  'PATCH /api/reviewers/:id': async (ctx) => ({
    method: 'PATCH',
    url: `/api/reviewers/${await freshReviewer(ctx)}`,
    payload: { version: 1, title: '教授', expertise: ['基层党建'] },
  }),
  'GET /api/stages/:id/conflicts': async (ctx) => ({
    method: 'GET',
    url: `/api/stages/${(await matrixStage(ctx)).id}/conflicts`,
  }),
  'POST /api/conflicts': async (ctx, s) => {
    const app = await freshEntrant(ctx, 'in');
    if (s === 'in') await insertAssignment(ctx.env.db, await matrixStage(ctx), app, ctx.users.reviewer.id);
    return {
      method: 'POST',
      url: '/api/conflicts',
      payload: { reviewerId: ctx.users.reviewer.id, applicationId: app.id, reason: '曾在该单位任职' },
    };
  },
  'DELETE /api/conflicts/:id': async (ctx, s) => {
    const [row] = await ctx.env.db
      .insert(declaredConflicts)
      .values(await pairRecord(ctx, s))
      .returning();
    return { method: 'DELETE', url: `/api/conflicts/${row!.id}` };
  },
  'POST /api/conflicts/overrides': async (ctx, s) => {
    const unit = ctx.unitOf(s);
    const reviewer = await seedReviewer(ctx.env.db, `o${ctx.uniq()}`, unit);
    const app = await freshEntrant(ctx, s);
    return {
      method: 'POST',
      url: '/api/conflicts/overrides',
      payload: { reviewerId: reviewer.id, applicationId: app.id, reason: '业务无交集，经工委研究同意' },
    };
  },
  'DELETE /api/conflicts/overrides/:id': async (ctx, s) => {
    const [row] = await ctx.env.db
      .insert(conflictOverrides)
      .values(await pairRecord(ctx, s))
      .returning();
    return { method: 'DELETE', url: `/api/conflicts/overrides/${row!.id}` };
  },
};

export const matrix: ModuleMatrix = {
  rows: {
    'GET /api/reviewers': committee(200),
    'GET /api/reviewers/:id': committee(200),
    'POST /api/reviewers': committee(201),
    'GET /api/reviewers/import/template': committee(200),
    'POST /api/reviewers/import': committee(200),
    'PATCH /api/reviewers/:id': committee(200),
    'GET /api/stages/:id/conflicts': committee(200),
    'POST /api/conflicts': only({ committee_admin: [201, 201], reviewer: [201, 404] }),
    'DELETE /api/conflicts/:id': committee(204),
    'POST /api/conflicts/overrides': committee(201),
    'DELETE /api/conflicts/overrides/:id': committee(204),
  },
  build,
};
