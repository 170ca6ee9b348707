/**
 * Authorization matrix rows of the campaign routes. Campaign settings are shared knowledge, but drafts are
 * the committee's work in progress: "in" is the open campaign of the fixtures, "out" a fresh draft (which
 * other roles must not see: 404). Mutations get a fresh draft per cell.
 */
import type { Builder, MatrixCtx, ModuleMatrix, Scope } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';
import { seedOpenCampaign } from '../../../test/campaign-fixtures';

const readers = only({ committee_admin: [200, 200], unit_admin: [200, 200], applicant: [200, 200] });
const DAY = 24 * 3600_000;

const freshDraft = async (ctx: MatrixCtx) =>
  (await seedOpenCampaign(ctx.env.db, ctx.env.clock.now, { status: 'draft' })).campaign.id;
const target = async (ctx: MatrixCtx, s: Scope) => (s === 'in' ? ctx.campaign.campaign.id : freshDraft(ctx));

function timeline(now: Date) {
  const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
  return {
    applicationOpensAt: at(10),
    applicationClosesAt: at(40),
    recommendationDeadline: at(50),
    reviewStartsAt: at(60),
    reviewEndsAt: at(90),
    publicityStartsAt: at(95),
    publicityEndsAt: at(102),
  };
}

const build: Record<string, Builder> = {
  'GET /api/campaigns': () => ({ method: 'GET', url: '/api/campaigns' }),
  'GET /api/campaigns/current': () => ({ method: 'GET', url: '/api/campaigns/current' }),
  'GET /api/campaigns/:id': async (ctx, s) => ({
    method: 'GET',
    url: `/api/campaigns/${await target(ctx, s)}`,
  }),
  'POST /api/campaigns': (ctx) => ({
    method: 'POST',
    url: '/api/campaigns',
    payload: {
      year: 2027,
      name: `测试活动${ctx.uniq()}`,
      tracks: [{ track: 'site', eligibleKinds: ['branch'] }, { track: 'venue' }],
      quotas: [{ track: 'site', orgKind: 'branch', quota: 10 }],
      unitCaps: [{ track: 'site', unitId: ctx.unitOf('in').id, cap: 2 }],
      timeline: timeline(ctx.env.clock.now),
    },
  }),
  'PATCH /api/campaigns/:id': async (ctx) => ({
    method: 'PATCH',
    url: `/api/campaigns/${await freshDraft(ctx)}`,
    payload: { version: 1, name: `改名${ctx.uniq()}` },
  }),
  'POST /api/campaigns/:id/copy': (ctx) => ({
    method: 'POST',
    url: `/api/campaigns/${ctx.campaign.campaign.id}/copy`,
    payload: { year: 2027, name: `复制${ctx.uniq()}` },
  }),
  'POST /api/campaigns/:id/transition': async (ctx) => ({
    method: 'POST',
    url: `/api/campaigns/${await freshDraft(ctx)}/transition`,
    payload: { to: 'open', version: 1 },
  }),
  'POST /api/campaigns/:id/close-intake': async (ctx) => ({
    method: 'POST',
    url: `/api/campaigns/${(await seedOpenCampaign(ctx.env.db, ctx.env.clock.now)).campaign.id}/close-intake`,
    payload: { version: 1 },
  }),
  'GET /api/campaigns/:id/dashboard': async (ctx, s) => ({
    method: 'GET',
    url: `/api/campaigns/${await target(ctx, s)}/dashboard`,
  }),
  'GET /api/campaigns/:id/statistics': async (ctx, s) => ({
    method: 'GET',
    url: `/api/campaigns/${await target(ctx, s)}/statistics`,
  }),
  'GET /api/campaigns/:id/charts/:file': async (ctx, s) => ({
    method: 'GET',
    url: `/api/campaigns/${await target(ctx, s)}/charts/status-funnel.svg`,
  }),
};

export const matrix: ModuleMatrix = {
  rows: {
    'GET /api/campaigns': readers,
    'GET /api/campaigns/current': readers,
    'GET /api/campaigns/:id': only({
      committee_admin: [200, 200],
      unit_admin: [200, 404],
      applicant: [200, 404],
    }),
    'POST /api/campaigns': only({ committee_admin: [201, 201] }),
    'PATCH /api/campaigns/:id': only({ committee_admin: [200, 200] }),
    'POST /api/campaigns/:id/copy': only({ committee_admin: [201, 201] }),
    'POST /api/campaigns/:id/transition': only({ committee_admin: [200, 200] }),
    'POST /api/campaigns/:id/close-intake': only({ committee_admin: [200, 200] }),
    'GET /api/campaigns/:id/dashboard': only({ committee_admin: [200, 200], unit_admin: [200, 404] }),
    'GET /api/campaigns/:id/statistics': only({ committee_admin: [200, 200], unit_admin: [200, 404] }),
    'GET /api/campaigns/:id/charts/:file': only({ committee_admin: [200, 200], unit_admin: [200, 404] }),
  },
  build,
};
