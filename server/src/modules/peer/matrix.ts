/**
 * Authorization matrix rows of the peer routes. "in" is the sheet of branch A1 (the matrix applicant's
 * organisation), "out" the sheet of branch B1, both members of one group of a fresh peer stage; the
 * committee manages every stage (both scopes answer alike).
 */
import type { Builder, MatrixCtx, ModuleMatrix, Scope } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';
import { insertApplication, seedOpenCampaign } from '../../../test/campaign-fixtures';
import { peerGroups, peerMembers, peerSheets } from '../../db/schema';
import { enter, insertStage } from './test-kit';

/** A peer stage with A1's and B1's applications in one group, each sheet a saved, complete draft. */
async function fixture(ctx: MatrixCtx) {
  const { db, clock } = ctx.env;
  const { campaign, standards } = await seedOpenCampaign(db, clock.now);
  const stage = await insertStage(db, clock.now, campaign.id, 'peer');
  const apps: Awaited<ReturnType<typeof insertApplication>>[] = [];
  for (const org of [ctx.branchOf('in'), ctx.branchOf('out')]) {
    apps.push(
      await insertApplication(db, {
        campaignId: campaign.id,
        organization: { id: org.id, unitId: org.unitId, kind: org.kind },
        standardVersionId: standards.branch.versionId,
        status: 'in_review',
      }),
    );
  }
  await enter(db, stage, apps, clock.now);
  const [group] = await db
    .insert(peerGroups)
    .values({ stageId: stage.id, position: 1, name: '第1组', trackCode: 'site', orgKind: 'branch' })
    .returning();
  await db.insert(peerMembers).values(
    apps.map((a, i) => ({
      groupId: group!.id,
      stageId: stage.id,
      applicationId: a.id,
      unitId: a.unitId,
      pseudonym: i === 0 ? '甲' : '乙',
    })),
  );
  const sheets = await db
    .insert(peerSheets)
    .values(
      apps.map((a, i) => ({
        stageId: stage.id,
        raterApplicationId: a.id,
        groupId: group!.id,
        unitId: a.unitId,
        ranking: [apps[1 - i]!.id],
        status: 'draft' as const,
      })),
    )
    .returning();
  return { stageId: stage.id, sheet: { in: sheets[0]!.id, out: sheets[1]!.id } as Record<Scope, string> };
}

let shared: Promise<Awaited<ReturnType<typeof fixture>>> | null = null;
/** Reads share one fixture; each mutation gets its own. */
const readFixture = (ctx: MatrixCtx) => (shared ??= fixture(ctx));

const build: Record<string, Builder> = {
  'POST /api/stages/:id/peer-groups': async (ctx) => ({
    method: 'POST',
    url: `/api/stages/${(await readFixture(ctx)).stageId}/peer-groups`,
    payload: { seed: 7, preview: true },
  }),
  'GET /api/stages/:id/peer-groups': async (ctx) => ({
    method: 'GET',
    url: `/api/stages/${(await readFixture(ctx)).stageId}/peer-groups`,
  }),
  'GET /api/stages/:id/peer-flags': async (ctx) => ({
    method: 'GET',
    url: `/api/stages/${(await readFixture(ctx)).stageId}/peer-flags`,
  }),
  'GET /api/peer/sheets/mine': () => ({ method: 'GET', url: '/api/peer/sheets/mine' }),
  'PUT /api/peer/sheets/:id': async (ctx, s) => {
    const f = await fixture(ctx);
    return { method: 'PUT', url: `/api/peer/sheets/${f.sheet[s]}`, payload: { version: 1, ranking: ['乙'] } };
  },
  'POST /api/peer/sheets/:id/submit': async (ctx, s) => {
    const f = await fixture(ctx);
    return { method: 'POST', url: `/api/peer/sheets/${f.sheet[s]}/submit`, payload: { version: 1 } };
  },
};

const committee = only({ committee_admin: [200, 200] });

export const matrix: ModuleMatrix = {
  rows: {
    'POST /api/stages/:id/peer-groups': committee,
    'GET /api/stages/:id/peer-groups': committee,
    'GET /api/stages/:id/peer-flags': committee,
    'GET /api/peer/sheets/mine': only({ applicant: [200, 200] }),
    'PUT /api/peer/sheets/:id': only({ applicant: [200, 404] }),
    'POST /api/peer/sheets/:id/submit': only({ applicant: [200, 404] }),
  },
  build,
};
