/**
 * Authorization matrix rows of the title routes. Certifying is the committee's (a fresh ended publicity
 * per cell); the registry is read by the committee (all), a unit admin (its unit) and an applicant (its
 * organisation): "in" is a title of branch A1 in unit A, "out" one of branch B1 in unit B.
 */
import { eq } from 'drizzle-orm';
import type { Builder, MatrixCtx, ModuleMatrix, Scope } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';
import { titles } from '../../db/schema';
import { actorOf } from '../decisions/test-kit';
import { seedCertified, seedEnded } from './test-kit';

const units = (ctx: MatrixCtx) => ({ a1: ctx.tree.a1, unitA: ctx.tree.unitA, unitB: ctx.tree.unitB });
const admin = (ctx: MatrixCtx) => actorOf(ctx.users.committee_admin);

const made: Partial<Record<Scope, Promise<string>>> = {};
/** A certified title moved to branch A1 (in) or B1 (out), made once per scope. */
function titleOf(ctx: MatrixCtx, s: Scope): Promise<string> {
  return (made[s] ??= (async () => {
    const c = await seedCertified(ctx.env.db, units(ctx), admin(ctx));
    const org = ctx.branchOf(s);
    await ctx.env.db
      .update(titles)
      .set({ organizationId: org.id, unitId: ctx.unitOf(s).id })
      .where(eq(titles.id, c.title.id));
    return c.title.id;
  })());
}

const build: Record<string, Builder> = {
  'POST /api/publicities/:id/certify': async (ctx) => {
    const s = await seedEnded(ctx.env.db, units(ctx), admin(ctx));
    return { method: 'POST', url: `/api/publicities/${s.publicity.id}/certify`, payload: {} };
  },
  'GET /api/titles': () => ({ method: 'GET', url: '/api/titles' }),
  'GET /api/titles/export.xlsx': () => ({ method: 'GET', url: '/api/titles/export.xlsx' }),
  'GET /api/titles/:id': async (ctx, s) => ({ method: 'GET', url: `/api/titles/${await titleOf(ctx, s)}` }),
};

const readers = only({ committee_admin: [200, 200], unit_admin: [200, 200], applicant: [200, 200] });

export const matrix: ModuleMatrix = {
  rows: {
    'POST /api/publicities/:id/certify': only({ committee_admin: [201, 201] }),
    'GET /api/titles': readers,
    'GET /api/titles/export.xlsx': readers,
    'GET /api/titles/:id': only({
      committee_admin: [200, 200],
      unit_admin: [200, 404],
      applicant: [200, 404],
    }),
  },
  build,
};
