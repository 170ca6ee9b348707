/** Authorization matrix rows of the results routes: the committee's (evaluation.manage, every campaign). */
import { stages } from '../../db/schema';
import type { Builder, MatrixCtx, ModuleMatrix } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';

const DAY = 24 * 3600_000;
let stageId: string | null = null;
let openStageId: string | null = null;

/** An open stage without assignments (催办 answers 200 with nobody to remind). */
async function anOpenStage(ctx: MatrixCtx): Promise<string> {
  if (openStageId) return openStageId;
  const now = ctx.env.clock.now.getTime();
  const [row] = await ctx.env.db
    .insert(stages)
    .values({
      campaignId: ctx.campaign.campaign.id,
      position: 902,
      nameZh: '矩阵开放环节',
      nameEn: 'Matrix open stage',
      method: 'criteria_scoring',
      opensAt: new Date(now - DAY),
      closesAt: new Date(now + 30 * DAY),
      weight: 0,
      status: 'open',
    })
    .returning();
  openStageId = row!.id;
  return openStageId;
}

async function aStage(ctx: MatrixCtx): Promise<string> {
  if (stageId) return stageId;
  const now = ctx.env.clock.now.getTime();
  const [row] = await ctx.env.db
    .insert(stages)
    .values({
      campaignId: ctx.campaign.campaign.id,
      position: 901,
      nameZh: '矩阵标准化环节',
      nameEn: 'Matrix standardised stage',
      method: 'criteria_scoring',
      opensAt: new Date(now - DAY),
      closesAt: new Date(now + 30 * DAY),
      weight: 0,
      standardise: true,
    })
    .returning();
  stageId = row!.id;
  return stageId;
}

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
