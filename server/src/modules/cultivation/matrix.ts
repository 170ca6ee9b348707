/**
 * Authorization matrix rows of the cultivation routes. "in" targets are candidates of a fresh branch of
 * unit A (the unit admin's), "out" ones of unit B; every cell gets its own candidate (and milestone), so
 * cells do not disturb each other. The committee reads every unit's library but never writes in it.
 */
import { cultivationMilestones, cultivations } from '../../db/schema';
import { only, type MatrixCtx, type ModuleMatrix, type Row, type Scope } from '../../../test/matrix-types';

async function freshCultivation(ctx: MatrixCtx, s: Scope) {
  const org = await ctx.freshBranch(s);
  const [row] = await ctx.env.db
    .insert(cultivations)
    .values({
      unitId: org.unitId!,
      trackCode: 'site',
      organizationId: org.id,
      subjectId: org.id,
      plan: '培育计划',
    })
    .returning();
  return row!;
}

async function freshMilestone(ctx: MatrixCtx, s: Scope) {
  const c = await freshCultivation(ctx, s);
  const [m] = await ctx.env.db
    .insert(cultivationMilestones)
    .values({ cultivationId: c.id, position: 1, title: '完成阵地改造' })
    .returning();
  return { c, m: m! };
}

const read: Row = only({ committee_admin: [200, 200], unit_admin: [200, 404] });
const write = (ok: 200 | 201 | 204): Row => only({ unit_admin: [ok, 404] });

export const matrix: ModuleMatrix = {
  rows: {
    'GET /api/cultivations': only({ committee_admin: [200, 200], unit_admin: [200, 'empty'] }),
    'GET /api/cultivations/export.xlsx': only({ committee_admin: [200, 200], unit_admin: [200, 200] }),
    'GET /api/cultivations/:id': read,
    'POST /api/cultivations': write(201),
    'PATCH /api/cultivations/:id': write(200),
    'POST /api/cultivations/:id/milestones': write(201),
    'PATCH /api/cultivations/:id/milestones/:mid': write(200),
    'DELETE /api/cultivations/:id/milestones/:mid': write(204),
    'POST /api/cultivations/:id/notes': write(201),
    'PUT /api/cultivations/:id/readiness': write(200),
    'POST /api/cultivations/:id/apply': write(201),
  },
  build: {
    'GET /api/cultivations': (ctx, s) => ({
      method: 'GET',
      url: s === 'in' ? '/api/cultivations' : `/api/cultivations?unitId=${ctx.tree.unitB.id}`,
    }),
    'GET /api/cultivations/export.xlsx': (ctx, s) => ({
      method: 'GET',
      url:
        s === 'in'
          ? '/api/cultivations/export.xlsx'
          : `/api/cultivations/export.xlsx?unitId=${ctx.tree.unitB.id}`,
    }),
    'GET /api/cultivations/:id': async (ctx, s) => ({
      method: 'GET',
      url: `/api/cultivations/${(await freshCultivation(ctx, s)).id}`,
    }),
    'POST /api/cultivations': async (ctx, s) => ({
      method: 'POST',
      url: '/api/cultivations',
      payload: { trackCode: 'site', organizationId: (await ctx.freshBranch(s)).id, plan: '三年创建计划' },
    }),
    'PATCH /api/cultivations/:id': async (ctx, s) => ({
      method: 'PATCH',
      url: `/api/cultivations/${(await freshCultivation(ctx, s)).id}`,
      payload: { status: 'ready', version: 1 },
    }),
    'POST /api/cultivations/:id/milestones': async (ctx, s) => ({
      method: 'POST',
      url: `/api/cultivations/${(await freshCultivation(ctx, s)).id}/milestones`,
      payload: { title: '形成品牌材料', dueOn: '2027-06-30' },
    }),
    'PATCH /api/cultivations/:id/milestones/:mid': async (ctx, s) => {
      const { c, m } = await freshMilestone(ctx, s);
      return {
        method: 'PATCH',
        url: `/api/cultivations/${c.id}/milestones/${m.id}`,
        payload: { done: true },
      };
    },
    'DELETE /api/cultivations/:id/milestones/:mid': async (ctx, s) => {
      const { c, m } = await freshMilestone(ctx, s);
      return { method: 'DELETE', url: `/api/cultivations/${c.id}/milestones/${m.id}` };
    },
    'POST /api/cultivations/:id/notes': async (ctx, s) => ({
      method: 'POST',
      url: `/api/cultivations/${(await freshCultivation(ctx, s)).id}/notes`,
      payload: { body: '召开创建推进会' },
    }),
    'PUT /api/cultivations/:id/readiness': async (ctx, s) => ({
      method: 'PUT',
      url: `/api/cultivations/${(await freshCultivation(ctx, s)).id}/readiness`,
      payload: { items: [{ criterionId: ctx.campaign.standards.branch.criteria[0]!.id, score: 18 }] },
    }),
    'POST /api/cultivations/:id/apply': async (ctx, s) => ({
      method: 'POST',
      url: `/api/cultivations/${(await freshCultivation(ctx, s)).id}/apply`,
      payload: { campaignId: ctx.campaign.campaign.id },
    }),
  },
};
