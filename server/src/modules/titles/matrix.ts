/**
 * Authorization matrix rows of the title routes. Certifying is the committee's (a fresh ended publicity
 * per cell); the registry is read by the committee (all), a unit admin (its unit) and an applicant (its
 * organisation): "in" is a title of branch A1 in unit A, "out" one of branch B1 in unit B.
 */
import { eq } from 'drizzle-orm';
import type { Builder, MatrixCtx, ModuleMatrix, Scope } from '../../../test/matrix-types';
import { all, only } from '../../../test/matrix-types';
import sharp from 'sharp';
import { certificateTemplates, titles } from '../../db/schema';
import { fileUpload } from '../evidence/test-kit';
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

async function tokenOf(ctx: MatrixCtx, s: Scope): Promise<string> {
  const id = await titleOf(ctx, s);
  const [t] = await ctx.env.db.select().from(titles).where(eq(titles.id, id));
  return t!.verifyToken;
}

async function campaignOf(ctx: MatrixCtx, s: Scope): Promise<string> {
  const id = await titleOf(ctx, s);
  const [t] = await ctx.env.db.select().from(titles).where(eq(titles.id, id));
  return t!.campaignId;
}

const build: Record<string, Builder> = {
  'GET /api/public/verify/:token': async (ctx, s) => ({
    method: 'GET',
    url: `/api/public/verify/${await tokenOf(ctx, s)}`,
  }),
  'GET /api/campaigns/:campaignId/naming-decision.pdf': async (ctx, s) => ({
    method: 'GET',
    url: `/api/campaigns/${await campaignOf(ctx, s)}/naming-decision.pdf`,
  }),
  'GET /api/titles/print.pdf': async (ctx, s) => ({
    method: 'GET',
    url: `/api/titles/print.pdf?campaignId=${await campaignOf(ctx, s)}`,
  }),
  'GET /api/titles/:id/certificate.pdf': async (ctx, s) => ({
    method: 'GET',
    url: `/api/titles/${await titleOf(ctx, s)}/certificate.pdf`,
  }),
  'GET /api/certificate-templates': () => ({ method: 'GET', url: '/api/certificate-templates' }),
  'PUT /api/certificate-templates/:kind': async (ctx) => {
    const [row] = await ctx.env.db
      .select()
      .from(certificateTemplates)
      .where(eq(certificateTemplates.kind, 'plaque'));
    return {
      method: 'PUT',
      url: '/api/certificate-templates/plaque',
      payload: {
        heading: '{{track}}',
        body: '{{holder}}',
        issuer: '中共天津市市级机关工作委员会',
        orientation: 'landscape',
        headingSize: 48,
        bodySize: 28,
        sealSize: 0,
        version: row?.version ?? 0,
      },
    };
  },
  'POST /api/certificate-templates/:kind/seal': async () => {
    const png = await sharp({
      create: { width: 40, height: 40, channels: 3, background: { r: 200, g: 0, b: 0 } },
    })
      .png()
      .toBuffer();
    const m = fileUpload('seal.png', png);
    return {
      method: 'POST',
      url: '/api/certificate-templates/certificate/seal',
      payload: m.payload,
      headers: m.headers,
    };
  },
  'POST /api/publicities/:id/certify': async (ctx) => {
    const s = await seedEnded(ctx.env.db, units(ctx), admin(ctx));
    return { method: 'POST', url: `/api/publicities/${s.publicity.id}/certify`, payload: {} };
  },
  'GET /api/titles': () => ({ method: 'GET', url: '/api/titles' }),
  'GET /api/titles/settings': () => ({ method: 'GET', url: '/api/titles/settings' }),
  'GET /api/titles/export.xlsx': () => ({ method: 'GET', url: '/api/titles/export.xlsx' }),
  'GET /api/titles/:id': async (ctx, s) => ({ method: 'GET', url: `/api/titles/${await titleOf(ctx, s)}` }),
};

const committee = only({ committee_admin: [200, 200] });
const readers = only({ committee_admin: [200, 200], unit_admin: [200, 200], applicant: [200, 200] });

export const matrix: ModuleMatrix = {
  rows: {
    'POST /api/publicities/:id/certify': only({ committee_admin: [201, 201] }),
    'GET /api/titles': readers,
    'GET /api/titles/settings': committee,
    'GET /api/titles/export.xlsx': readers,
    'GET /api/public/verify/:token': all(200),
    'GET /api/campaigns/:campaignId/naming-decision.pdf': committee,
    'GET /api/titles/print.pdf': committee,
    'GET /api/titles/:id/certificate.pdf': committee,
    'GET /api/certificate-templates': committee,
    'PUT /api/certificate-templates/:kind': committee,
    'POST /api/certificate-templates/:kind/seal': committee,
    'GET /api/titles/:id': only({
      committee_admin: [200, 200],
      unit_admin: [200, 404],
      applicant: [200, 404],
    }),
  },
  build,
};
