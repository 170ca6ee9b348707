/**
 * Authorization matrix rows of the stage routes: committee admins only (`evaluation.manage`, scope all),
 * so "in" is the fixtures' open campaign and "out" a fresh draft, both answered alike. Mutations get a
 * fresh campaign and stage per cell (a campaign in review with one stage of weight 1 for the moves).
 */
import { eq } from 'drizzle-orm';
import { campaigns, stages } from '../../db/schema';
import type { Builder, MatrixCtx, ModuleMatrix, Scope } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';
import { seedOpenCampaign } from '../../../test/campaign-fixtures';
import type { StageStatus } from '../../../../shared/src/domain/stages';

const DAY = 24 * 3600_000;

const freshCampaign = async (ctx: MatrixCtx, status: 'draft' | 'open' | 'reviewing' = 'draft') => {
  const { campaign } = await seedOpenCampaign(ctx.env.db, ctx.env.clock.now, {
    status: status === 'draft' ? 'draft' : 'open',
  });
  if (status === 'reviewing')
    await ctx.env.db.update(campaigns).set({ status: 'reviewing' }).where(eq(campaigns.id, campaign.id));
  return campaign;
};
const target = async (ctx: MatrixCtx, s: Scope) =>
  s === 'in' ? ctx.campaign.campaign.id : (await freshCampaign(ctx)).id;

/** A stage of weight 1 over the fixtures' review period (36–90 days ahead). */
export async function freshStage(
  ctx: MatrixCtx,
  opts: {
    status?: StageStatus;
    campaign?: 'draft' | 'reviewing';
    position?: number;
    campaignId?: string;
  } = {},
) {
  const campaignId = opts.campaignId ?? (await freshCampaign(ctx, opts.campaign ?? 'draft')).id;
  const now = ctx.env.clock.now.getTime();
  const [row] = await ctx.env.db
    .insert(stages)
    .values({
      campaignId,
      position: opts.position ?? 1,
      nameZh: `环节${ctx.uniq()}`,
      nameEn: 'Stage',
      method: 'criteria_scoring',
      opensAt: new Date(now + 36 * DAY),
      closesAt: new Date(now + 60 * DAY),
      weight: 1,
      status: opts.status ?? 'draft',
    })
    .returning();
  return row!;
}

const build: Record<string, Builder> = {
  'GET /api/campaigns/:id/stages': async (ctx, s) => ({
    method: 'GET',
    url: `/api/campaigns/${await target(ctx, s)}/stages`,
  }),
  'POST /api/campaigns/:id/stages': async (ctx, s) => {
    const now = ctx.env.clock.now.getTime();
    return {
      method: 'POST',
      url: `/api/campaigns/${await target(ctx, s)}/stages`,
      payload: {
        nameZh: `集体评审${ctx.uniq()}`,
        nameEn: 'Panel review',
        method: 'criteria_scoring',
        opensAt: new Date(now + 40 * DAY).toISOString(),
        closesAt: new Date(now + 50 * DAY).toISOString(),
        weight: 0.5,
      },
    };
  },
  'POST /api/campaigns/:id/stages/order': async (ctx) => {
    const a = await freshStage(ctx);
    const b = await freshStage(ctx, { campaignId: a.campaignId, position: 2 });
    return {
      method: 'POST',
      url: `/api/campaigns/${a.campaignId}/stages/order`,
      payload: { ids: [b.id, a.id] },
    };
  },
  'POST /api/campaigns/:id/stages/template': async (ctx) => ({
    method: 'POST',
    url: `/api/campaigns/${(await freshCampaign(ctx)).id}/stages/template`,
    payload: { template: 'seed' },
  }),
  'GET /api/stages/:id': async (ctx) => ({
    method: 'GET',
    url: `/api/stages/${(await freshStage(ctx)).id}`,
  }),
  'PATCH /api/stages/:id': async (ctx) => ({
    method: 'PATCH',
    url: `/api/stages/${(await freshStage(ctx)).id}`,
    payload: { version: 1, nameZh: `改名${ctx.uniq()}` },
  }),
  'DELETE /api/stages/:id': async (ctx) => ({
    method: 'DELETE',
    url: `/api/stages/${(await freshStage(ctx)).id}`,
  }),
  'POST /api/stages/:id/open': async (ctx) => ({
    method: 'POST',
    url: `/api/stages/${(await freshStage(ctx, { campaign: 'reviewing' })).id}/open`,
    payload: {},
  }),
  'POST /api/stages/:id/close': async (ctx) => ({
    method: 'POST',
    url: `/api/stages/${(await freshStage(ctx, { campaign: 'reviewing', status: 'open' })).id}/close`,
    payload: { version: 1 },
  }),
  'POST /api/stages/:id/reopen': async (ctx) => ({
    method: 'POST',
    url: `/api/stages/${(await freshStage(ctx, { campaign: 'reviewing', status: 'closed' })).id}/reopen`,
    payload: { reason: '补充评审' },
  }),
};

const manage = (ok: 200 | 201 | 204) => only({ committee_admin: [ok, ok] });

export const matrix: ModuleMatrix = {
  rows: {
    'GET /api/campaigns/:id/stages': manage(200),
    'POST /api/campaigns/:id/stages': manage(201),
    'POST /api/campaigns/:id/stages/order': manage(200),
    'POST /api/campaigns/:id/stages/template': manage(201),
    'GET /api/stages/:id': manage(200),
    'PATCH /api/stages/:id': manage(200),
    'DELETE /api/stages/:id': manage(204),
    'POST /api/stages/:id/open': manage(200),
    'POST /api/stages/:id/close': manage(200),
    'POST /api/stages/:id/reopen': manage(200),
  },
  build,
};
