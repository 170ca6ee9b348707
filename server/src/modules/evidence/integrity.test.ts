import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, evidenceFiles } from '../../db/schema';
import { client, login } from '../../../test/helpers';
import { ERROR_CODES } from '../../../../shared/src/errors';
import { evidenceSetup, fileUpload, pdfBytes, type EvidenceSetup } from './test-kit';

/** Issue #9 §5 (DI-03) and §4: stored files are checked against their upload hash; downloads are audited. */
let kit: EvidenceSetup;
beforeAll(async () => {
  kit = await evidenceSetup();
});
afterAll(() => kit.env.close());

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

const eventsOf = (action: string, objectId: string) =>
  kit.env.db
    .select({
      actorName: auditEvents.actorName,
      outcome: auditEvents.outcome,
      objectType: auditEvents.objectType,
      objectId: auditEvents.objectId,
      unitId: auditEvents.unitId,
      changes: auditEvents.changes,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.objectId, objectId)))
    .orderBy(asc(auditEvents.id));

async function stored(id: string): Promise<string> {
  const [row] = await kit.env.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, id));
  return path.join(kit.storage.root, ...row!.storageKey.split('/'));
}

describe('evidence file integrity on download', () => {
  it('serves an intact file byte for byte and audits the download', async () => {
    const app = await kit.draft();
    const bytes = pdfBytes(5000);
    const up = await kit.post(kit.appl, app.id, fileUpload('党建工作总结.pdf', bytes));
    expect(up.statusCode, up.body).toBe(201);
    const id = up.json().id as string;

    const res = await kit.appl.get(`/api/evidence/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(await eventsOf('evidence.download', id)).toEqual([
      {
        actorName: 'appl',
        outcome: 'success',
        objectType: 'evidence_file',
        objectId: id,
        unitId: kit.tree.unitA.id,
        changes: null,
        detail: '党建工作总结.pdf',
      },
    ]);
    expect(await eventsOf('evidence.integrity_failed', id)).toEqual([]);
  });

  it('refuses a file with one flipped byte (409 EVIDENCE_CORRUPT), audits it and shows it on the security desk', async () => {
    const app = await kit.draft();
    const bytes = pdfBytes(5000);
    const up = await kit.post(kit.uadmin, app.id, fileUpload('活动记录.pdf', bytes));
    expect(up.statusCode, up.body).toBe(201);
    const id = up.json().id as string;

    const file = await stored(id);
    const flipped = Buffer.from(fs.readFileSync(file));
    flipped[2500] = flipped[2500]! ^ 0x01;
    fs.writeFileSync(file, flipped);
    kit.env.clock.advance(60_000);
    const failedAt = kit.env.clock.now.toISOString();

    const zh = await kit.appl.get(`/api/evidence/${id}`);
    expect(zh.statusCode).toBe(409);
    expect(zh.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(zh.json().error).toEqual({
      code: 'EVIDENCE_CORRUPT',
      message: ERROR_CODES.EVIDENCE_CORRUPT.zh,
      requestId: expect.any(String),
    });
    const en = await kit.appl.get(`/api/evidence/${id}`, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(409);
    expect(en.json().error.message).toBe(
      'The stored file failed its integrity check (damaged or altered); it was logged for the security administrator',
    );

    const failure = {
      actorName: 'appl',
      outcome: 'failure',
      objectType: 'evidence_file',
      objectId: id,
      unitId: kit.tree.unitA.id,
      changes: {
        sha256: { before: sha(bytes), after: sha(flipped) },
        sizeBytes: { before: bytes.length, after: bytes.length },
      },
      detail: '活动记录.pdf',
    };
    expect(await eventsOf('evidence.integrity_failed', id)).toEqual([failure, failure]);
    // A refused download is not a download.
    expect(await eventsOf('evidence.download', id)).toEqual([]);

    // A file cut short fails the same way (the size differs).
    fs.writeFileSync(file, bytes.subarray(0, 4000));
    expect((await kit.appl.get(`/api/evidence/${id}`)).json().error.code).toBe('EVIDENCE_CORRUPT');
    const [, , cut] = await eventsOf('evidence.integrity_failed', id);
    expect(cut!.changes).toEqual({
      sha256: { before: sha(bytes), after: sha(bytes.subarray(0, 4000)) },
      sizeBytes: { before: bytes.length, after: 4000 },
    });

    const secadmin = client(kit.env.app, await login(kit.env.app, 'secadmin'));
    const desk = (await secadmin.get('/api/me/desk')).json();
    expect(desk.integrityFailures).toEqual({
      total: 3,
      items: [0, 1, 2].map(() => ({
        at: failedAt,
        objectType: 'evidence_file',
        objectId: id,
        name: '活动记录.pdf',
        actorName: 'appl',
      })),
    });

    // Put back, the file is served again.
    fs.writeFileSync(file, bytes);
    const again = await kit.appl.get(`/api/evidence/${id}`);
    expect(again.statusCode).toBe(200);
    expect(again.rawPayload.equals(bytes)).toBe(true);
  });
});
