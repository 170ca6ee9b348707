/**
 * Authorization matrix rows of the applications routes. "in" targets are applications of a fresh venue
 * of branch A1 (the applicant's own organisation, in unit A), "out" ones of branch B1 (unit B); each
 * cell gets its own application in the status the route needs.
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { applications, venues } from '../../db/schema';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import { only, type MatrixCtx, type ModuleMatrix, type Row, type Scope } from '../../../test/matrix-types';
import { makeComplete } from './test-kit';
import { recommendedOfUnit } from './repo';

async function freshApp(ctx: MatrixCtx, s: Scope, status: ApplicationStatus, complete = false) {
  const branch = ctx.branchOf(s);
  const [venue] = await ctx.env.db
    .insert(venues)
    .values({ organizationId: branch.id, unitId: branch.unitId, name: `党员活动室${ctx.uniq()}` })
    .returning();
  const [row] = await ctx.env.db
    .insert(applications)
    .values({
      campaignId: ctx.campaign.campaign.id,
      trackCode: 'venue',
      subjectId: venue!.id,
      organizationId: branch.id,
      venueId: venue!.id,
      unitId: branch.unitId!,
      orgKind: branch.kind,
      standardVersionId: ctx.campaign.standards.venue.versionId,
      status,
    })
    .returning();
  if (complete) await makeComplete(ctx.env.db, row!);
  return row!;
}

let nextRank = 100;
const url = (id: string, tail = '') => `/api/applications/${id}${tail}`;

/** Readers: the committee everything, a unit its own, an applicant its organisation's. */
const read: Row = only({ committee_admin: [200, 200], unit_admin: [200, 404], applicant: [200, 404] });
/** Writers: the applicant and its unit, in scope only. */
const write: Row = only({ unit_admin: [200, 404], applicant: [200, 404] });

export const matrix: ModuleMatrix = {
  rows: {
    'GET /api/applications': only({
      committee_admin: [200, 200],
      unit_admin: [200, 'empty'],
      applicant: [200, 'empty'],
    }),
    'GET /api/applications/export.xlsx': only({ committee_admin: [200, 200], unit_admin: [200, 200] }),
    'POST /api/applications': only({ unit_admin: [201, 404], applicant: [201, 404] }),
    'POST /api/applications/ranks': only({ unit_admin: [200, 400] }),
    'GET /api/applications/:id': read,
    'GET /api/applications/:id/dossier.pdf': read,
    'PATCH /api/applications/:id': write,
    'PUT /api/applications/:id/self-assessment': write,
    'POST /api/applications/:id/submit': write,
    'POST /api/applications/:id/recommend': only({ unit_admin: [200, 404] }),
    // Policy `applications.read`; the service lets the unit return what it holds (submitted) and refuses
    // the committee that one (409), and refuses the applicant with an audited 403.
    'POST /api/applications/:id/return': only({
      committee_admin: [409, 409],
      unit_admin: [200, 404],
      applicant: [403, 403],
    }),
    'POST /api/applications/:id/accept': only({ committee_admin: [200, 200] }),
    'POST /api/applications/:id/withdraw': write,
    // The committee's intake queue spans every unit: "in" and "out" are both its own.
    'POST /api/applications/batch': only({ committee_admin: [200, 200] }),
  },
  build: {
    'GET /api/applications': (ctx, s) => ({
      method: 'GET',
      url: s === 'in' ? '/api/applications' : `/api/applications?unitId=${ctx.unitOf('out').id}`,
    }),
    'GET /api/applications/export.xlsx': (ctx, s) => ({
      method: 'GET',
      url:
        s === 'in'
          ? '/api/applications/export.xlsx'
          : `/api/applications/export.xlsx?unitId=${ctx.unitOf('out').id}`,
    }),
    'POST /api/applications': async (ctx, s) => {
      const branch = ctx.branchOf(s);
      const [venue] = await ctx.env.db
        .insert(venues)
        .values({ organizationId: branch.id, unitId: branch.unitId, name: `党员活动室${ctx.uniq()}` })
        .returning();
      return {
        method: 'POST',
        url: '/api/applications',
        payload: { campaignId: ctx.campaign.campaign.id, trackCode: 'venue', venueId: venue!.id },
      };
    },
    'POST /api/applications/ranks': async (ctx, s) => {
      // The unit admin of A reorders its own list (made non-empty here); B's list is not A's to order.
      const added = await freshApp(ctx, s, 'recommended');
      await ctx.env.db
        .update(applications)
        .set({ unitRank: nextRank++ })
        .where(eq(applications.id, added.id));
      const list = await recommendedOfUnit(ctx.env.db, {
        campaignId: ctx.campaign.campaign.id,
        trackCode: 'venue',
        unitId: ctx.unitOf(s).id,
      });
      return {
        method: 'POST',
        url: '/api/applications/ranks',
        payload: {
          campaignId: ctx.campaign.campaign.id,
          trackCode: 'venue',
          order: list.filter((r) => r.status === 'recommended').map((r) => r.id),
        },
      };
    },
    'GET /api/applications/:id': async (ctx, s) => ({
      method: 'GET',
      url: url((await freshApp(ctx, s, 'draft')).id),
    }),
    'GET /api/applications/:id/dossier.pdf': async (ctx, s) => ({
      method: 'GET',
      url: url((await freshApp(ctx, s, 'submitted')).id, '/dossier.pdf'),
    }),
    'PATCH /api/applications/:id': async (ctx, s) => ({
      method: 'PATCH',
      url: url((await freshApp(ctx, s, 'draft')).id),
      payload: { version: 1, brandName: '红色阵地' },
    }),
    'PUT /api/applications/:id/self-assessment': async (ctx, s) => ({
      method: 'PUT',
      url: url((await freshApp(ctx, s, 'draft')).id, '/self-assessment'),
      payload: {
        version: 1,
        items: [{ criterionId: ctx.campaign.standards.venue.criteria[0]!.id, score: 10, note: null }],
      },
    }),
    'POST /api/applications/:id/submit': async (ctx, s) => ({
      method: 'POST',
      url: url((await freshApp(ctx, s, 'draft', true)).id, '/submit'),
      payload: {},
      headers: { 'idempotency-key': `m-${crypto.randomUUID()}` },
    }),
    'POST /api/applications/:id/recommend': async (ctx, s) => ({
      method: 'POST',
      url: url((await freshApp(ctx, s, 'submitted')).id, '/recommend'),
      payload: { opinion: '同意推荐', rank: nextRank++ },
    }),
    'POST /api/applications/:id/return': async (ctx, s) => ({
      method: 'POST',
      url: url((await freshApp(ctx, s, 'submitted')).id, '/return'),
      payload: { reason: '请补充材料' },
    }),
    'POST /api/applications/:id/accept': async (ctx, s) => ({
      method: 'POST',
      url: url((await freshApp(ctx, s, 'recommended')).id, '/accept'),
      payload: {},
    }),
    'POST /api/applications/batch': async (ctx, s) => ({
      method: 'POST',
      url: '/api/applications/batch',
      payload: {
        action: 'accept',
        items: [
          { id: (await freshApp(ctx, s, 'recommended')).id, version: 1 },
          { id: (await freshApp(ctx, s, 'recommended')).id, version: 1 },
        ],
      },
    }),
    'POST /api/applications/:id/withdraw': async (ctx, s) => ({
      method: 'POST',
      url: url((await freshApp(ctx, s, 'draft')).id, '/withdraw'),
      payload: {},
    }),
  },
};
