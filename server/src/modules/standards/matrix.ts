/**
 * Authorization matrix rows of the tracks and standards routes. Standards are shared knowledge inside the
 * system (no unit scope), so "in" and "out" ask the same; mutations get a fresh standard per cell.
 */
import { eq } from 'drizzle-orm';
import { standards, standardVersions } from '../../db/schema';
import type { Builder, MatrixCtx, ModuleMatrix } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';

const readers = only({ committee_admin: [200, 200], unit_admin: [200, 200], applicant: [200, 200] });

const criteria = [
  { titleZh: '班子好', titleEn: 'Good committee', maxPoints: 50, methods: ['汇报座谈'] },
  { titleZh: '业绩好', titleEn: 'Good results', maxPoints: 50 },
];

async function defaultId(ctx: MatrixCtx): Promise<string> {
  const [row] = await ctx.env.db.select().from(standards).where(eq(standards.code, 'SITE-BRANCH'));
  return row!.id;
}

/** A standard at version 1 (no criteria needed for the routes that change it). */
async function freshStandard(ctx: MatrixCtx): Promise<string> {
  const [row] = await ctx.env.db
    .insert(standards)
    .values({
      code: `M-${ctx.uniq()}`,
      trackCode: 'site',
      orgKinds: ['party_group'],
      nameZh: '测试标准',
      nameEn: 'Test',
    })
    .returning();
  await ctx.env.db.insert(standardVersions).values({ standardId: row!.id, version: 1 });
  return row!.id;
}

const build: Record<string, Builder> = {
  'GET /api/tracks': () => ({ method: 'GET', url: '/api/tracks' }),
  'GET /api/standards': () => ({ method: 'GET', url: '/api/standards' }),
  'GET /api/standards/:id': async (ctx) => ({ method: 'GET', url: `/api/standards/${await defaultId(ctx)}` }),
  'GET /api/standards/:id/versions/:version': async (ctx) => ({
    method: 'GET',
    url: `/api/standards/${await defaultId(ctx)}/versions/1`,
  }),
  'POST /api/standards': (ctx) => ({
    method: 'POST',
    url: '/api/standards',
    payload: {
      code: `N-${ctx.uniq()}`,
      track: 'site',
      orgKinds: ['party_group'],
      nameZh: '新标准',
      nameEn: 'New',
      criteria,
    },
  }),
  'PUT /api/standards/:id': async (ctx) => ({
    method: 'PUT',
    url: `/api/standards/${await freshStandard(ctx)}`,
    payload: { latestVersion: 1, orgKinds: ['party_group'], nameZh: '修订', nameEn: 'Revised', criteria },
  }),
  'POST /api/standards/:id/deactivate': async (ctx) => ({
    method: 'POST',
    url: `/api/standards/${await freshStandard(ctx)}/deactivate`,
  }),
};

export const matrix: ModuleMatrix = {
  rows: {
    'GET /api/tracks': readers,
    'GET /api/standards': readers,
    'GET /api/standards/:id': readers,
    'GET /api/standards/:id/versions/:version': readers,
    'POST /api/standards': only({ committee_admin: [201, 201] }),
    'PUT /api/standards/:id': only({ committee_admin: [200, 200] }),
    'POST /api/standards/:id/deactivate': only({ committee_admin: [200, 200] }),
  },
  build,
};
