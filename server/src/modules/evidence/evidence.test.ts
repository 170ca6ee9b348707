import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { applications, auditEvents, evidenceFiles } from '../../db/schema';
import { client, login } from '../../../test/helpers';
import { EVIDENCE_TYPES } from '../../../../shared/src/contracts/evidence';
import {
  docxBytes,
  evidenceSetup,
  fileUpload,
  filesUnder,
  jpegWithGps,
  multipart,
  pdfBytes,
  pngBytes,
  xlsxBytes,
  type EvidenceSetup,
} from './test-kit';

let env: EvidenceSetup['env'];
let tree: EvidenceSetup['tree'];
let campaign: EvidenceSetup['campaign'];
let storage: EvidenceSetup['storage'];
let appl: EvidenceSetup['appl'];
let uadmin: EvidenceSetup['uadmin'];
let draft: EvidenceSetup['draft'];
let post: EvidenceSetup['post'];
let rowsOf: EvidenceSetup['rowsOf'];

beforeAll(async () => {
  ({ env, tree, campaign, storage, appl, uadmin, draft, post, rowsOf } = await evidenceSetup());
});
afterAll(() => env.close());

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('uploading evidence', () => {
  it('stores each allowed type with its content type, size, hash, and an audit event', async () => {
    const app = await draft();
    const samples: [string, Buffer, keyof typeof EVIDENCE_TYPES][] = [
      ['申报书.pdf', pdfBytes(), 'pdf'],
      ['工作总结.docx', docxBytes(), 'docx'],
      ['党员名册.xlsx', await xlsxBytes(), 'xlsx'],
    ];
    for (const [name, bytes, kind] of samples) {
      const res = await post(appl, app.id, fileUpload(name, bytes));
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body).toEqual({
        id: expect.any(String),
        applicationId: app.id,
        criterionId: null,
        originalName: name,
        mediaType: EVIDENCE_TYPES[kind].mime,
        sizeBytes: bytes.length,
        sha256: sha(bytes),
        width: null,
        height: null,
        hasThumbnail: false,
        uploadedBy: expect.any(String),
        createdAt: env.clock.now.toISOString(),
      });
      const [row] = await env.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, body.id));
      expect(row).toMatchObject({ unitId: tree.unitA.id, thumbKey: null, deletedAt: null });
      expect(row!.storageKey).toMatch(/^evidence\/[0-9a-f]{2}\/[0-9a-f-]{36}$/);
      const [audit] = await env.db.select().from(auditEvents).where(eq(auditEvents.objectId, body.id));
      expect(audit).toMatchObject({
        action: 'evidence.upload',
        objectType: 'evidence_file',
        unitId: tree.unitA.id,
        actorName: 'appl',
      });
      expect(audit!.changes).toMatchObject({
        applicationId: { before: null, after: app.id },
        originalName: { before: null, after: name },
        sha256: { before: null, after: sha(bytes) },
      });
    }
    expect(await rowsOf(app.id)).toBe(3);
    expect(filesUnder(path.join(storage.root, '.tmp'))).toEqual([]);
  });

  it('re-encodes a JPEG: EXIF orientation applied, EXIF and GPS gone, with a thumbnail', async () => {
    const app = await draft();
    const original = await jpegWithGps();
    const before = await sharp(original).metadata();
    expect([before.width, before.height, before.orientation]).toEqual([40, 20, 6]);
    expect(
      before.exif!.includes(Buffer.from([0x88, 0x25])) || before.exif!.includes(Buffer.from([0x25, 0x88])),
    ).toBe(true);

    const res = await post(uadmin, app.id, fileUpload('现场照片.JPG', original));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ mediaType: 'image/jpeg', width: 20, height: 40, hasThumbnail: true });

    const file = await appl.get(`/api/evidence/${body.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.length).toBe(body.sizeBytes);
    expect(sha(file.rawPayload)).toBe(body.sha256);
    const after = await sharp(file.rawPayload).metadata();
    expect([after.format, after.width, after.height]).toEqual(['jpeg', 20, 40]);
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(after.xmp).toBeUndefined();

    const thumb = await appl.get(`/api/evidence/${body.id}/thumbnail`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.headers['content-disposition']).toBe(
      `inline; filename="thumbnail.jpg"; filename*=UTF-8''${encodeURIComponent('现场照片-thumbnail.jpg')}`,
    );
    const t = await sharp(thumb.rawPayload).metadata();
    expect([t.format, t.width, t.height, t.exif]).toEqual(['jpeg', 20, 40, undefined]);
  });

  it('re-encodes a PNG and makes a thumbnail no larger than 320 pixels', async () => {
    const app = await draft();
    const res = await post(appl, app.id, fileUpload('阵地平面图.png', await pngBytes(640, 480)));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ mediaType: 'image/png', width: 640, height: 480, hasThumbnail: true });
    const thumb = await appl.get(`/api/evidence/${res.json().id}/thumbnail`);
    const t = await sharp(thumb.rawPayload).metadata();
    expect([t.format, t.width, t.height]).toEqual(['jpeg', 320, 240]);
  });

  it('links the file to a criterion of the application’s standard, with the field before or after the file', async () => {
    const app = await draft();
    const criterion = campaign.standards.venue.criteria[0]!;
    const after = multipart([
      { name: 'file', filename: 'a.pdf', data: pdfBytes() },
      { name: 'criterionId', value: criterion.id },
    ]);
    const r1 = await post(appl, app.id, after);
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json().criterionId).toBe(criterion.id);
    const r2 = await post(appl, app.id, fileUpload('b.pdf', pdfBytes(), { criterionId: criterion.id }));
    expect(r2.json().criterionId).toBe(criterion.id);
  });

  it('refuses a criterion of another standard, or a malformed one, naming the field', async () => {
    const app = await draft();
    const foreign = campaign.standards.committee.criteria[0]!.id;
    const r1 = await post(appl, app.id, fileUpload('a.pdf', pdfBytes(), { criterionId: foreign }));
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        { field: 'criterionId', code: 'not_in_standard', message: '该指标不属于本申报所用的创建标准' },
      ],
    });
    const r2 = await post(appl, app.id, fileUpload('a.pdf', pdfBytes(), { criterionId: 'abc' }));
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.details).toEqual([
      { field: 'criterionId', code: 'invalid_format', message: '格式不正确' },
    ]);
    const r3 = await post(appl, app.id, fileUpload('a.pdf', pdfBytes(), { note: 'x' }));
    expect(r3.statusCode).toBe(400);
    expect(r3.json().error.details[0]).toMatchObject({ code: 'unknown_field' });
    expect(await rowsOf(app.id)).toBe(0);
    expect(filesUnder(storage.root).filter((f) => f.startsWith('.tmp'))).toEqual([]);
  });
});

describe('scope, status and limits', () => {
  it('answers 404 for an application of another unit or organisation, 409 after submission', async () => {
    const other = await draft('draft', tree.b1);
    for (const who of [appl, uadmin]) {
      const res = await post(who, other.id, fileUpload('a.pdf', pdfBytes()));
      expect(res.statusCode).toBe(404);
    }
    const submitted = await draft('submitted');
    const res = await post(appl, submitted.id, fileUpload('a.pdf', pdfBytes()));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'NOT_EDITABLE', details: [{ field: 'status' }] });
    const returned = await draft('returned');
    expect((await post(appl, returned.id, fileUpload('a.pdf', pdfBytes()))).statusCode).toBe(201);
    expect((await rowsOf(other.id)) + (await rowsOf(submitted.id))).toBe(0);
  });

  async function fill(applicationId: string, files: number, bytesEach: number) {
    await env.db.insert(evidenceFiles).values(
      Array.from({ length: files }, (_, i) => ({
        applicationId,
        unitId: tree.unitA.id,
        originalName: `f${i}.pdf`,
        mediaType: 'application/pdf',
        sizeBytes: bytesEach,
        sha256: '0'.repeat(64),
        storageKey: `evidence/00/fill-${applicationId}-${i}`,
      })),
    );
  }

  it('refuses the 61st file with 409 EVIDENCE_COUNT_LIMIT; a deleted file frees its place', async () => {
    const app = await draft();
    await fill(app.id, 59, 1000);
    const ok = await post(appl, app.id, fileUpload('60.pdf', pdfBytes()));
    expect(ok.statusCode).toBe(201);
    const res = await post(appl, app.id, fileUpload('61.pdf', pdfBytes()));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'EVIDENCE_COUNT_LIMIT',
      details: [{ code: 'too_many_files' }],
    });
    expect((await appl.delete(`/api/evidence/${ok.json().id}`)).statusCode).toBe(200);
    expect((await post(appl, app.id, fileUpload('61.pdf', pdfBytes()))).statusCode).toBe(201);
  });

  it('lets only one of two simultaneous uploads take the last place, removing the loser’s bytes', async () => {
    const app = await draft();
    await fill(app.id, 59, 1000);
    const before = filesUnder(storage.root);
    const results = await Promise.all(
      ['a.pdf', 'b.pdf'].map((name) => post(appl, app.id, fileUpload(name, pdfBytes()))),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await rowsOf(app.id)).toBe(60);
    const winner = results.find((r) => r.statusCode === 201)!.json();
    const [row] = await env.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, winner.id));
    expect(filesUnder(storage.root)).toEqual([...before, row!.storageKey].sort());
  });

  it('refuses a file that would pass 200 MB per application (413), removing the bytes it had stored', async () => {
    const app = await draft();
    await fill(app.id, 1, 200 * 1024 * 1024 - 500);
    const before = filesUnder(storage.root);
    const res = await post(appl, app.id, fileUpload('a.pdf', pdfBytes(1000)));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({
      code: 'EVIDENCE_SIZE_LIMIT',
      details: [{ code: 'total_too_large' }],
    });
    expect(await rowsOf(app.id)).toBe(1);
    expect(filesUnder(storage.root)).toEqual(before);
  });
});

describe('downloading and deleting', () => {
  it('sends the file with exact headers for a Chinese file name', async () => {
    const app = await draft();
    const bytes = pdfBytes(2048);
    const up = await post(appl, app.id, fileUpload('党支部工作总结（2026年）.pdf', bytes));
    const res = await uadmin.get(`/api/evidence/${up.json().id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="2026.pdf"; filename*=UTF-8''` +
        '%E5%85%9A%E6%94%AF%E9%83%A8%E5%B7%A5%E4%BD%9C%E6%80%BB%E7%BB%93%EF%BC%882026%E5%B9%B4%EF%BC%89.pdf',
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.equals(bytes)).toBe(true);

    const simple = await post(appl, app.id, fileUpload('申报书.pdf', bytes));
    expect((await appl.get(`/api/evidence/${simple.json().id}`)).headers['content-disposition']).toBe(
      `attachment; filename="evidence.pdf"; filename*=UTF-8''%E7%94%B3%E6%8A%A5%E4%B9%A6.pdf`,
    );
  });

  it('answers 404 out of scope, for a non-image thumbnail, and when the stored bytes are gone', async () => {
    const other = await draft('draft', tree.b1);
    const cadmin = client(env.app, await login(env.app, 'cadmin'));
    const theirs = await post(uadmin, (await draft()).id, fileUpload('a.pdf', pdfBytes()));
    expect((await cadmin.get(`/api/evidence/${theirs.json().id}`)).statusCode).toBe(200);
    expect((await cadmin.get(`/api/evidence/${theirs.json().id}/thumbnail`)).statusCode).toBe(404);

    const outOfScope = await env.db
      .insert(evidenceFiles)
      .values({
        applicationId: other.id,
        unitId: tree.unitB.id,
        originalName: 'b.pdf',
        mediaType: 'application/pdf',
        sizeBytes: 1,
        sha256: '0'.repeat(64),
        storageKey: 'evidence/00/b',
      })
      .returning();
    expect((await appl.get(`/api/evidence/${outOfScope[0]!.id}`)).statusCode).toBe(404);
    expect((await uadmin.get(`/api/evidence/${outOfScope[0]!.id}`)).statusCode).toBe(404);
    expect((await uadmin.delete(`/api/evidence/${outOfScope[0]!.id}`)).statusCode).toBe(404);

    const [row] = await env.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, theirs.json().id));
    await storage.store.delete(row!.storageKey);
    expect((await appl.get(`/api/evidence/${row!.id}`)).statusCode).toBe(404);
  });

  it('deletes softly with an audit event; the file is then gone for everyone', async () => {
    const app = await draft();
    const up = await post(appl, app.id, fileUpload('a.pdf', pdfBytes()));
    const id = up.json().id;
    env.clock.advance(60_000);
    const res = await appl.delete(`/api/evidence/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    const [row] = await env.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, id));
    expect(row!.deletedAt).toEqual(env.clock.now);
    expect(await storage.store.exists(row!.storageKey)).toBe(true);
    const events = await env.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, id), eq(auditEvents.action, 'evidence.delete')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ unitId: tree.unitA.id, detail: 'a.pdf', actorName: 'appl' });
    expect((await appl.get(`/api/evidence/${id}`)).statusCode).toBe(404);
    expect((await appl.delete(`/api/evidence/${id}`)).statusCode).toBe(404);
  });

  it('refuses to delete once the application is submitted (409), keeping the file', async () => {
    const app = await draft();
    const up = await post(appl, app.id, fileUpload('a.pdf', pdfBytes()));
    await env.db.update(applications).set({ status: 'submitted' }).where(eq(applications.id, app.id));
    const res = await appl.delete(`/api/evidence/${up.json().id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('NOT_EDITABLE');
    expect((await appl.get(`/api/evidence/${up.json().id}`)).statusCode).toBe(200);
  });
});
