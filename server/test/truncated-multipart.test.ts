/**
 * Defect 2 of the security review: a multipart body cut short answered 500. It is the client's fault:
 * 400, nothing stored, no scratch file left behind.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { organizations } from '../src/db/schema';
import { client, login } from './helpers';
import {
  evidenceSetup,
  filesUnder,
  multipart,
  pdfBytes,
  type EvidenceSetup,
} from '../src/modules/evidence/test-kit';

let t: EvidenceSetup;
beforeAll(async () => {
  t = await evidenceSetup();
});
afterAll(() => t.env.close());

/** The same body cut inside the part headers, inside the file's bytes, and just before the closing boundary. */
function cuts(payload: Buffer): [string, Buffer][] {
  const headerEnd = payload.indexOf('\r\n\r\n');
  return [
    ['inside the part headers', payload.subarray(0, headerEnd - 10)],
    ['inside the file', payload.subarray(0, headerEnd + 200)],
    ['before the closing boundary', payload.subarray(0, payload.length - 10)],
  ];
}

describe('a multipart body cut short', () => {
  const upload = multipart([
    { name: 'criterionId', value: '' },
    { name: 'file', filename: '申报书.pdf', data: pdfBytes(5000) },
  ]);

  for (const [where, body] of cuts(upload.payload)) {
    it(`POST /api/applications/:id/evidence, cut ${where} → 400 INVALID_FILE, nothing stored`, async () => {
      const app = await t.draft();
      const before = filesUnder(t.storage.root);
      const res = await t.appl.post(`/api/applications/${app.id}/evidence`, body, upload.headers);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'INVALID_FILE',
        details: [{ field: 'file', code: 'bad_multipart' }],
      });
      expect(await t.rowsOf(app.id)).toBe(0);
      expect(filesUnder(t.storage.root)).toEqual(before);
      expect(filesUnder(path.join(t.storage.root, '.tmp'))).toEqual([]);
    });
  }

  const csv = multipart([
    {
      name: 'file',
      filename: '组织.csv',
      data: Buffer.from(`组织编码,组织名称,组织类型,上级组织编码\n${'X'.repeat(400)}\n`),
    },
  ]);
  for (const [where, body] of cuts(csv.payload)) {
    it(`POST /api/organizations/import, cut ${where} → 400 INVALID_FILE, nothing imported`, async () => {
      const cadmin = client(t.env.app, await login(t.env.app, 'cadmin'));
      const [before] = await t.env.db.select({ n: count() }).from(organizations);
      const res = await cadmin.post('/api/organizations/import?dryRun=false', body, csv.headers);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('INVALID_FILE');
      const [after] = await t.env.db.select({ n: count() }).from(organizations);
      expect(after!.n).toBe(before!.n);
    });
  }
});
