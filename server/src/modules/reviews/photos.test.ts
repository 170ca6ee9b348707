import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, notLike } from 'drizzle-orm';
import { auditEvents, reviewPhotos, reviews } from '../../db/schema';
import { fileUpload, filesUnder, pdfBytes, pngBytes } from '../evidence/test-kit';
import { evidenceStorage } from '../evidence/storage';
import { reviewSetup, type ReviewSetup } from './test-kit';

let kit: ReviewSetup;
beforeAll(async () => {
  kit = await reviewSetup();
});
afterAll(() => kit.env.close());

const photoCount = async () => (await kit.db.select({ n: count() }).from(reviewPhotos))[0]!.n;
const auditCount = async (objectId: string) =>
  (
    await kit.db
      .select({ n: count() })
      .from(auditEvents)
      // A refusal's own audit event (authz.*) is expected; no change may be recorded.
      .where(and(eq(auditEvents.objectId, objectId), notLike(auditEvents.action, 'authz.%')))
  )[0]!.n;

async function assignment() {
  const stage = await kit.stage();
  const app = await kit.application();
  const r = await kit.reviewer();
  const a = await kit.assign(stage, app, r.user.id);
  return { stage, app, r, a };
}

describe('on-site photos (实地考察)', () => {
  it('stores a photo of a criterion with its time and place, shows it on the sheet and serves it to its reviewer', async () => {
    const { r, a } = await assignment();
    const criterionId = kit.standards.branch.criteria[0]!.id;
    const body = fileUpload('现场 1.png', await pngBytes(800, 600), {
      criterionId,
      takenAt: '2026-11-30T02:15:00.000Z',
      latitude: '39.1201',
      longitude: '117.2009',
    });
    const res = await r.c.post(`/api/reviews/${a.id}/photos`, body.payload, body.headers);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      criterionId,
      originalName: '现场 1.png',
      mediaType: 'image/png',
      width: 800,
      height: 600,
      takenAt: '2026-11-30T02:15:00.000Z',
      latitude: 39.1201,
      longitude: 117.2009,
    });
    const photoId = res.json().id as string;
    // The pending review got its row (still pending) so the photo can belong to it.
    expect((await kit.db.select().from(reviews).where(eq(reviews.id, a.id)))[0]!.status).toBe('pending');
    expect((await r.c.get(`/api/reviews/${a.id}`)).json().photos.map((p: { id: string }) => p.id)).toEqual([
      photoId,
    ]);
    const image = await r.c.get(`/api/reviews/${a.id}/photos/${photoId}`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const thumb = await r.c.get(`/api/reviews/${a.id}/photos/${photoId}/thumbnail`);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect((await kit.committee.get(`/api/reviews/${a.id}/photos/${photoId}`)).statusCode).toBe(200);
    const [event] = await kit.db.select().from(auditEvents).where(eq(auditEvents.action, 'reviews.photo'));
    expect(event).toMatchObject({ objectType: 'review', objectId: a.id, outcome: 'success' });
  });

  it('audits a photo download, and refuses a photo whose stored bytes changed (409 EVIDENCE_CORRUPT, audited)', async () => {
    const { r, a } = await assignment();
    const up = fileUpload('门牌.png', await pngBytes(64, 48));
    const res = await r.c.post(`/api/reviews/${a.id}/photos`, up.payload, up.headers);
    expect(res.statusCode, res.body).toBe(201);
    const photoId = res.json().id as string;
    const [row] = await kit.db.select().from(reviewPhotos).where(eq(reviewPhotos.id, photoId));
    const eventsOf = (action: string) =>
      kit.db
        .select({
          actorId: auditEvents.actorId,
          outcome: auditEvents.outcome,
          objectType: auditEvents.objectType,
          unitId: auditEvents.unitId,
          changes: auditEvents.changes,
          detail: auditEvents.detail,
        })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, action), eq(auditEvents.objectId, photoId)));

    const ok = await r.c.get(`/api/reviews/${a.id}/photos/${photoId}`);
    expect(ok.statusCode).toBe(200);
    expect(crypto.createHash('sha256').update(ok.rawPayload).digest('hex')).toBe(row!.sha256);
    // A thumbnail is derived and shown in lists: neither checked nor audited.
    expect((await r.c.get(`/api/reviews/${a.id}/photos/${photoId}/thumbnail`)).statusCode).toBe(200);
    expect(await eventsOf('reviews.photo_download')).toEqual([
      {
        actorId: r.user.id,
        outcome: 'success',
        objectType: 'review_photo',
        unitId: row!.unitId,
        changes: null,
        detail: '门牌.png',
      },
    ]);

    const file = path.join(evidenceStorage(kit.env.config).root, ...row!.storageKey.split('/'));
    const bytes = fs.readFileSync(file);
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 10] = flipped[bytes.length - 10]! ^ 0x80;
    fs.writeFileSync(file, flipped);
    const bad = await r.c.get(`/api/reviews/${a.id}/photos/${photoId}`);
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error.code).toBe('EVIDENCE_CORRUPT');
    expect(await eventsOf('evidence.integrity_failed')).toEqual([
      {
        actorId: r.user.id,
        outcome: 'failure',
        objectType: 'review_photo',
        unitId: row!.unitId,
        changes: {
          sha256: { before: row!.sha256, after: crypto.createHash('sha256').update(flipped).digest('hex') },
          sizeBytes: { before: bytes.length, after: bytes.length },
        },
        detail: '门牌.png',
      },
    ]);
    expect(await eventsOf('reviews.photo_download')).toHaveLength(1);
  });

  it('refuses what is not an image, another reviewer’s review, and half a position, keeping nothing', async () => {
    const { r, a } = await assignment();
    const other = await kit.reviewer();
    const before = await photoCount();
    const files = filesUnder(evidenceStorage(kit.env.config).root).length;

    const pdf = fileUpload('说明.pdf', pdfBytes());
    const notImage = await r.c.post(`/api/reviews/${a.id}/photos`, pdf.payload, pdf.headers);
    expect(notImage.statusCode).toBe(400);
    expect(notImage.json().error.details[0]).toMatchObject({ field: 'file', code: 'not_an_image' });

    const png = await pngBytes(64, 48);
    const half = fileUpload('a.png', png, { latitude: '39.1' });
    const halfRes = await r.c.post(`/api/reviews/${a.id}/photos`, half.payload, half.headers);
    expect(halfRes.statusCode).toBe(400);
    expect(halfRes.json().error.details[0]).toMatchObject({ field: 'latitude', code: 'position_pair' });

    const foreign = fileUpload('b.png', png);
    expect(
      (await other.c.post(`/api/reviews/${a.id}/photos`, foreign.payload, foreign.headers)).statusCode,
    ).toBe(404);

    expect(await photoCount()).toBe(before);
    expect(await auditCount(a.id)).toBe(0);
    expect(filesUnder(evidenceStorage(kit.env.config).root).length).toBe(files);
  });

  it('refuses a photo on a closed stage (409) and on a locked review (409 REVIEW_LOCKED)', async () => {
    const closed = await kit.stage({ status: 'closed' });
    const app = await kit.application();
    const r = await kit.reviewer();
    const onClosed = await kit.assign(closed, app, r.user.id);
    const png = fileUpload('c.png', await pngBytes(64, 48));
    const closedRes = await r.c.post(`/api/reviews/${onClosed.id}/photos`, png.payload, png.headers);
    expect(closedRes.statusCode).toBe(409);
    expect(closedRes.json().error.code).toBe('STAGE_CLOSED');

    const open = await kit.stage();
    const locked = await kit.reviewRow(open, await kit.application(), r.user.id, { score: 80 });
    const lockedRes = await r.c.post(`/api/reviews/${locked.id}/photos`, png.payload, png.headers);
    expect(lockedRes.statusCode).toBe(409);
    expect(lockedRes.json().error.code).toBe('REVIEW_LOCKED');
  });
});
