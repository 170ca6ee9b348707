/**
 * Authorization matrix rows of the expert pool: the committee's business only (scope all, so "in" and
 * "out" answer alike); a fresh reviewer per mutation.
 */
import type { Builder, MatrixCtx, ModuleMatrix } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';
import { insertUser } from '../../../test/helpers';

const committee = (ok: 200 | 201) => only({ committee_admin: [ok, ok] });
const freshReviewer = async (ctx: MatrixCtx) =>
  (await insertUser(ctx.env.db, { username: `r${ctx.uniq()}`, role: 'reviewer' })).id;

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
  'PATCH /api/reviewers/:id': async (ctx) => ({
    method: 'PATCH',
    url: `/api/reviewers/${await freshReviewer(ctx)}`,
    payload: { version: 1, title: '教授', expertise: ['基层党建'] },
  }),
};

export const matrix: ModuleMatrix = {
  rows: {
    'GET /api/reviewers': committee(200),
    'GET /api/reviewers/:id': committee(200),
    'POST /api/reviewers': committee(201),
    'PATCH /api/reviewers/:id': committee(200),
  },
  build,
};
