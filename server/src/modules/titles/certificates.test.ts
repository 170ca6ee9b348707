/**
 * Certificates and their verification through the API: the public verification answer (exact fields,
 * ETag, valid → revoked / expired, unknown token 404, canary), one certificate, a batch and the naming
 * decision as PDFs (text read back with pdftotext), and the templates (placeholders checked, versions,
 * the seal checked like evidence) with nothing written after a refusal.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { applications, auditEvents, certificateTemplates, objections, titles } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import type { TitleDetail } from '../../../../shared/src/contracts/titles';
import { invalidatePublic } from '../../core/public-cache';
import { actorOf } from '../decisions/test-kit';
import { fileUpload } from '../evidence/test-kit';
import { AFTER_WINDOW, seedCertified } from './test-kit';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let users: Awaited<ReturnType<typeof seedUsers>>;
let committee: ReturnType<typeof client>;
let anon: ReturnType<typeof client>;
let s: Awaited<ReturnType<typeof seedCertified>>;
let token: string;

const PHONE = '13912345678';
const NOTE = '内部备注：材料存疑';

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  users = await seedUsers(env.db, tree);
  committee = client(env.app, await login(env.app, 'cadmin'));
  anon = client(env.app, null);
  s = await seedCertified(
    env.db,
    { a1: tree.a1, unitA: tree.unitA, unitB: tree.unitB },
    actorOf(users.committee_admin),
  );
  // Canary: a phone number and an internal note where the committee keeps them.
  await env.db
    .update(applications)
    .set({ summary: `联系电话 ${PHONE}`, unitOpinion: NOTE })
    .where(eq(applications.id, s.ids.A!));
  env.clock.now = AFTER_WINDOW;
  const d = (await committee.get(`/api/titles/${s.title.id}`)).json<TitleDetail>();
  token = d.verifyPath.replace('/verify/', '');
});
afterAll(() => env.close());

function pdfText(body: Buffer): string {
  const file = path.join(
    os.tmpdir(),
    `shifan-cert-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`,
  );
  fs.writeFileSync(file, body);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(file, { force: true });
  }
}
const pages = (body: Buffer) => (body.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

describe('GET /api/public/verify/:token', () => {
  it('answers exactly the public fields without login, with an ETag and 304', async () => {
    const res = await anon.get(`/api/public/verify/${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      verdict: 'valid',
      holderName: s.title.holderName,
      serial: s.title.serial,
      trackNameZh: '基层党建工作示范点',
      year: 2026,
      validFrom: '2026-10-13',
      validUntil: '2029-10-13',
    });
    expect(res.body).not.toContain(PHONE);
    expect(res.body).not.toContain(NOTE);
    expect(res.body).not.toContain(s.title.id);
    const again = await env.app.inject({
      method: 'GET',
      url: `/api/public/verify/${token}`,
      headers: { 'if-none-match': res.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });

  it('says expired once the validity has ended, and revoked when revoked', async () => {
    env.clock.now = new Date('2029-10-12T16:00:00.000Z');
    expect((await anon.get(`/api/public/verify/${token}`)).json().verdict).toBe('expired');
    env.clock.now = AFTER_WINDOW;
    await env.db.update(titles).set({ status: 'revoked' }).where(eq(titles.id, s.title.id));
    invalidatePublic(env.db);
    expect((await anon.get(`/api/public/verify/${token}`)).json().verdict).toBe('revoked');
    await env.db.update(titles).set({ status: 'active' }).where(eq(titles.id, s.title.id));
    invalidatePublic(env.db);
  });

  it('answers 404 for an unknown token and 400 for a malformed one; the serial is not a token', async () => {
    const unknown = await anon.get(`/api/public/verify/${'A'.repeat(32)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    const serial = await anon.get(`/api/public/verify/${s.title.serial}`);
    expect(serial.statusCode).toBe(400);
    expect(serial.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('printing', () => {
  it('prints one certificate with the holder, serial, validity and a QR link', async () => {
    const res = await committee.get(`/api/titles/${s.title.id}/certificate.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages(res.rawPayload)).toBe(1);
    const text = pdfText(res.rawPayload);
    expect(text).toContain('荣誉证书');
    expect(text).toContain(s.title.holderName);
    expect(text).toContain(s.title.serial);
    expect(text).toContain('2026年10月13日 至 2029年10月13日');
    expect(text).not.toContain(PHONE);
    const plaque = await committee.get(`/api/titles/${s.title.id}/certificate.pdf?kind=plaque`);
    expect(pdfText(plaque.rawPayload)).toContain('基层党建工作示范点');
  });

  it('prints a year’s certificates into one PDF, one page each, and the naming decision', async () => {
    const two = await seedCertified(
      env.db,
      { a1: tree.a1, unitA: tree.unitA, unitB: tree.unitB },
      actorOf(users.committee_admin),
    );
    const n = (await env.db.select({ n: count() }).from(titles).where(eq(titles.year, 2026)))[0]!.n;
    const res = await committee.get('/api/titles/print.pdf?year=2026');
    expect(res.statusCode).toBe(200);
    expect(pages(res.rawPayload)).toBe(n);
    const text = pdfText(res.rawPayload);
    expect(text).toContain(s.title.serial);
    expect(text).toContain(two.title.serial);
    const none = await committee.get('/api/titles/print.pdf');
    expect(none.statusCode).toBe(400);
    const decision = await committee.get(`/api/campaigns/${s.campaignId}/naming-decision.pdf`);
    expect(decision.statusCode).toBe(200);
    const d = pdfText(decision.rawPayload);
    expect(d).toContain('命名');
    expect(d).toContain(s.title.serial);
    expect(d).toContain(s.title.holderName);
    const audits = await env.db.select().from(auditEvents).where(eq(auditEvents.action, 'titles.print'));
    expect(audits.length).toBeGreaterThanOrEqual(3);
  });
});

describe('templates', () => {
  const body = {
    heading: '荣誉证书',
    body: '{{holder}}：被命名为{{year}}年度{{track}}，证书编号 {{serial}}。',
    issuer: '中共天津市市级机关工作委员会',
    orientation: 'landscape',
    headingSize: 40,
    bodySize: 20,
    sealSize: 120,
    version: 0,
  };
  const templateWrites = async () => ({
    rows: JSON.stringify(await env.db.select().from(certificateTemplates)),
    audit: (await env.db.select({ n: count() }).from(auditEvents))[0]!.n,
  });

  it('lists the defaults, refuses unknown placeholders and stale versions with nothing written, saves', async () => {
    const list = (await committee.get('/api/certificate-templates')).json();
    expect(list.items.map((t: { kind: string; version: number }) => [t.kind, t.version])).toEqual([
      ['decision', 0],
      ['certificate', 0],
      ['plaque', 0],
    ]);
    const before = await templateWrites();
    const bad = await committee.put('/api/certificate-templates/certificate', {
      ...body,
      body: '{{phone}} {{holder}}',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'body', code: 'unknown_placeholder' });
    expect(await templateWrites()).toEqual(before);
    const ok = await committee.put('/api/certificate-templates/certificate', body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'certificate', version: 1, headingSize: 40, hasSeal: false });
    const stale = await committee.put('/api/certificate-templates/certificate', body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const res = await committee.get(`/api/titles/${s.title.id}/certificate.pdf`);
    expect(pdfText(res.rawPayload).replace(/\s+/g, '')).toContain(`证书编号${s.title.serial}`);
  });

  it('takes a PNG seal through the evidence checks and refuses a disguised file with nothing written', async () => {
    const before = await templateWrites();
    const fake = fileUpload('seal.png', Buffer.from('not an image at all'));
    const refused = await committee.post(
      '/api/certificate-templates/decision/seal',
      fake.payload,
      fake.headers,
    );
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await templateWrites()).toEqual(before);
    const png = await sharp({
      create: { width: 200, height: 200, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.8 } },
    })
      .png()
      .toBuffer();
    const up = fileUpload('seal.png', png);
    const ok = await committee.post('/api/certificate-templates/decision/seal', up.payload, up.headers);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'decision', hasSeal: true, version: 1 });
    const decision = await committee.get(`/api/campaigns/${s.campaignId}/naming-decision.pdf`);
    expect(decision.statusCode).toBe(200);
    expect(decision.rawPayload.toString('latin1')).toContain('/Subtype /Image');
  });
});

it('keeps objections out of it', async () => {
  // The canary's other half: nothing public reads objections.
  expect((await env.db.select({ n: count() }).from(objections))[0]!.n).toBe(0);
});
