/** Authorization matrix rows of the results routes: the committee's (evaluation.manage, every campaign). */
import { stages } from '../../db/schema';
import type { Builder, MatrixCtx, ModuleMatrix } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';

const DAY = 24 * 3600_000;
const made = new Map<string, string>();

/** A stage of the matrix campaign, made once per kind: `draft` (standardising) or `open` (no assignments). */
async function aStageOf(ctx: MatrixCtx, kind: 'draft' | 'open'): Promise<string> {
  const known = made.get(kind);
  if (known) return known;
  const now = ctx.env.clock.now.getTime();
  const [row] = await ctx.env.db
    .insert(stages)
    .values({
      campaignId: ctx.campaign.campaign.id,
      position: kind === 'draft' ? 901 : 902,
      nameZh: kind === 'draft' ? '矩阵标准化环节' : '矩阵开放环节',
      nameEn: kind === 'draft' ? 'Matrix standardised stage' : 'Matrix open stage',
      method: 'criteria_scoring',
      opensAt: new Date(now - DAY),
      closesAt: new Date(now + 30 * DAY),
      weight: 0,
      ...(kind === 'draft' ? { standardise: true } : { status: 'open' as const }),
    })
    .returning();
  made.set(kind, row!.id);
  return row!.id;
}

const aStage = (ctx: MatrixCtx) => aStageOf(ctx, 'draft');
/** An open stage without assignments (催办 answers 200 with nobody to remind). */
const anOpenStage = (ctx: MatrixCtx) => aStageOf(ctx, 'open');

const build: Record<string, Builder> = {
  'POST /api/campaigns/:id/recompute': (ctx) => ({
    method: 'POST',
    url: `/api/campaigns/${ctx.campaign.campaign.id}/recompute`,
  }),
  'POST /api/stages/:id/standardise': async (ctx) => ({
    method: 'POST',
    url: `/api/stages/${await aStage(ctx)}/standardise`,
  }),
  'GET /api/stages/:id/statistics': async (ctx) => ({
    method: 'GET',
    url: `/api/stages/${await aStage(ctx)}/statistics`,
  }),
  'GET /api/stages/:id/charts/:file': async (ctx) => ({
    method: 'GET',
    url: `/api/stages/${await aStage(ctx)}/charts/score-distribution.svg`,
  }),
  'GET /api/stages/:id/progress': async (ctx) => ({
    method: 'GET',
    url: `/api/stages/${await aStage(ctx)}/progress`,
  }),
  'POST /api/stages/:id/remind': async (ctx) => ({
    method: 'POST',
    url: `/api/stages/${await anOpenStage(ctx)}/remind`,
  }),
  'GET /api/campaigns/:id/ranking': (ctx) => ({
    method: 'GET',
    url: `/api/campaigns/${ctx.campaign.campaign.id}/ranking?track=site&kind=branch`,
  }),
};

export const matrix: ModuleMatrix = {
  rows: {
    'POST /api/campaigns/:id/recompute': only({ committee_admin: [200, 200] }),
    'POST /api/stages/:id/standardise': only({ committee_admin: [200, 200] }),
    'GET /api/campaigns/:id/ranking': only({ committee_admin: [200, 200] }),
    'GET /api/stages/:id/statistics': only({ committee_admin: [200, 200] }),
    'GET /api/stages/:id/progress': only({ committee_admin: [200, 200] }),
    'POST /api/stages/:id/remind': only({ committee_admin: [200, 200] }),
    'GET /api/stages/:id/charts/:file': only({ committee_admin: [200, 200] }),
  },
  build,
};
