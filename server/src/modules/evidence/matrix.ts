/**
 * Authorization matrix rows of the evidence routes. "in" = an application of branch A1 (unit A), "out" =
 * one of branch B1 (unit B); every cell gets a fresh draft application (and a fresh stored file).
 */
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { evidenceFiles } from '../../db/schema';
import type { Builder, MatrixCtx, ModuleMatrix, Scope } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';
import { evidenceStorage, newKey } from './storage';
import { fileUpload, freshApplication, pdfBytes } from './test-kit';

const readers = only({ committee_admin: [200, 200], unit_admin: [200, 404], applicant: [200, 404] });

function draftOf(ctx: MatrixCtx, s: Scope) {
  return freshApplication(ctx.env.db, {
    campaignId: ctx.campaign.campaign.id,
    standardVersionId: ctx.campaign.standards.venue.versionId,
    org: ctx.branchOf(s),
  });
}

/** A stored image evidence file (with a thumbnail) on a fresh draft application. */
async function freshEvidence(ctx: MatrixCtx, s: Scope): Promise<string> {
  const app = await draftOf(ctx, s);
  const { store } = evidenceStorage(ctx.env.config);
  const key = newKey('evidence');
  const thumbKey = newKey('thumbs');
  const stored = await store.put(key, Readable.from([Buffer.from('image bytes')]));
  await store.put(thumbKey, Readable.from([Buffer.from('thumbnail bytes')]));
  const [row] = await ctx.env.db
    .insert(evidenceFiles)
    .values({
      applicationId: app.id,
      unitId: app.unitId,
      originalName: '现场照片.jpg',
      mediaType: 'image/jpeg',
      sizeBytes: stored.size,
      sha256: stored.sha256,
      storageKey: key,
      thumbKey,
      width: 1,
      height: 1,
    })
    .returning();
  return row!.id;
}

const build: Record<string, Builder> = {
  'POST /api/applications/:id/evidence': async (ctx, s) => {
    const body = fileUpload('申报书.pdf', pdfBytes());
    return {
      method: 'POST',
      url: `/api/applications/${(await draftOf(ctx, s)).id}/evidence`,
      payload: body.payload,
      headers: body.headers,
    };
  },
  'GET /api/evidence/:id': async (ctx, s) => ({
    method: 'GET',
    url: `/api/evidence/${await freshEvidence(ctx, s)}`,
  }),
  'GET /api/evidence/:id/thumbnail': async (ctx, s) => ({
    method: 'GET',
    url: `/api/evidence/${await freshEvidence(ctx, s)}/thumbnail`,
  }),
  // One application (with a stored file) of unit A "in" or unit B "out": any id out of scope is 404.
  'GET /api/applications/dossiers.zip': async (ctx, s) => {
    const file = await freshEvidence(ctx, s);
    const [row] = await ctx.env.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, file));
    return { method: 'GET', url: `/api/applications/dossiers.zip?ids=${row!.applicationId}` };
  },
  'DELETE /api/evidence/:id': async (ctx, s) => ({
    method: 'DELETE',
    url: `/api/evidence/${await freshEvidence(ctx, s)}`,
  }),
};

export const matrix: ModuleMatrix = {
  rows: {
    'POST /api/applications/:id/evidence': only({ unit_admin: [201, 404], applicant: [201, 404] }),
    'GET /api/evidence/:id': readers,
    'GET /api/evidence/:id/thumbnail': readers,
    'GET /api/applications/dossiers.zip': readers,
    'DELETE /api/evidence/:id': only({ unit_admin: [200, 404], applicant: [200, 404] }),
  },
  build,
};
