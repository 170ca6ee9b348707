import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import yauzl from 'yauzl';
import ExcelJS from 'exceljs';
import { applications, auditEvents, evidenceFiles, venues } from '../../db/schema';
import { client, login } from '../../../test/helpers';
import { evidenceSetup, fileUpload, pdfBytes, type EvidenceSetup } from './test-kit';
import { applicationFolder, criterionFolder, safeComponent, UniquePaths } from './dossier-zip-names';

/** Issue #7 §4: the intake queue's batch download of dossiers as one .zip. */
let kit: EvidenceSetup;
let cadmin: ReturnType<typeof client>;
beforeAll(async () => {
  kit = await evidenceSetup();
  cadmin = client(kit.env.app, await login(kit.env.app, 'cadmin'));
});
afterAll(() => kit.env.close());

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** Every entry of a zip: name → bytes, in the archive's order. */
async function entriesOf(zip: Buffer): Promise<Map<string, Buffer>> {
  const z = await yauzl.fromBufferPromise(zip, { lazyEntries: true, validateEntrySizes: true });
  const out = new Map<string, Buffer>();
  for await (const e of z.eachEntry()) {
    const stream = await z.openReadStreamPromise(e);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    out.set(e.fileName, Buffer.concat(chunks));
  }
  z.close();
  return out;
}

async function manifestOf(xlsx: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  // Empty cells read back as nothing: as '' here, over the header's 15 columns.
  ws.eachRow((r) => rows.push(Array.from({ length: 15 }, (_x, i) => r.getCell(i + 1).value ?? '')));
  return rows;
}

const downloads = () =>
  kit.env.db
    .select({
      actorName: auditEvents.actorName,
      outcome: auditEvents.outcome,
      objectType: auditEvents.objectType,
      objectId: auditEvents.objectId,
      unitId: auditEvents.unitId,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .where(eq(auditEvents.action, 'applications.dossiers_download'))
    .orderBy(asc(auditEvents.id));

/** A venue application of branch A1 with a fixed venue name and brand. */
async function named(venueName: string, brand: string | null) {
  const app = await kit.draft();
  await kit.env.db.update(venues).set({ name: venueName }).where(eq(venues.id, app.venueId!));
  await kit.env.db.update(applications).set({ brandName: brand }).where(eq(applications.id, app.id));
  return app;
}

/** Uploads as the applicant, a second apart (files are listed oldest first). */
async function upload(applicationId: string, name: string, bytes: Buffer, criterionId?: string) {
  kit.env.clock.advance(1000);
  const res = await kit.post(
    kit.appl,
    applicationId,
    fileUpload(name, bytes, criterionId ? { criterionId } : {}),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('safe names inside the archive', () => {
  it('keeps every component inside its folder and readable', () => {
    expect(safeComponent('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeComponent('..')).toBe('未命名');
    expect(safeComponent('.hidden ')).toBe('hidden');
    expect(safeComponent('a\\b:c*d?"e"<f>|g\u0000h')).toBe('a_b_c_d__e__f__g_h');
    expect(safeComponent('CON.pdf')).toBe('_CON.pdf');
    expect(safeComponent('  排水   先锋 ')).toBe('排水 先锋');
    expect(safeComponent(`${'党'.repeat(120)}.pdf`, 100)).toBe(`${'党'.repeat(96)}.pdf`);
    expect(applicationFolder(7, '市水务局排水五所党支部', '排水先锋')).toBe(
      '007 市水务局排水五所党支部 - 排水先锋',
    );
    expect(applicationFolder(100, 'A/B', null)).toBe('100 A_B');
    expect(criterionFolder(3, '阵地建设:规范')).toBe('03 阵地建设_规范');
  });

  it('disambiguates duplicates case-insensitively, before the extension', () => {
    const p = new UniquePaths();
    p.reserve('清单.xlsx');
    expect(p.add('a', '照片.JPG')).toBe('a/照片.JPG');
    expect(p.add('a', '照片.jpg')).toBe('a/照片 (2).jpg');
    expect(p.add('a', '照片.jpg')).toBe('a/照片 (3).jpg');
    expect(p.add('b', '照片.jpg')).toBe('b/照片.jpg');
    expect(p.add('a', 'README')).toBe('a/README');
    expect(p.add('a', 'readme')).toBe('a/readme (2)');
  });
});

describe('GET /api/applications/dossiers.zip', () => {
  it('streams a folder per application (申报书.pdf and the evidence by criterion) and a manifest, audited once', async () => {
    const c1 = kit.campaign.standards.venue.criteria[0]!;
    const one = await named('一号活动室', '排水先锋');
    const two = await named('二号活动室', null);
    const summary = pdfBytes(3000);
    const summary2 = pdfBytes(4000);
    const other = pdfBytes(2000);
    await upload(one.id, '党建工作总结.pdf', summary, c1.id);
    await upload(one.id, '党建工作总结.pdf', summary2, c1.id);
    await upload(two.id, '附件.pdf', other);

    const res = await cadmin.get(`/api/applications/dossiers.zip?ids=${one.id},${two.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(String(res.headers['content-disposition'])).toBe(
      `attachment; filename="dossiers-20261129.zip"; filename*=UTF-8''${encodeURIComponent('申报材料-20261129-2份.zip')}`,
    );
    const entries = await entriesOf(res.rawPayload);
    const f1 = '001 市水务局排水五所党支部 一号活动室 - 排水先锋';
    const f2 = '002 市水务局排水五所党支部 二号活动室';
    const cdir = `佐证材料/${String(c1.position).padStart(2, '0')} ${c1.titleZh}`;
    expect([...entries.keys()]).toEqual([
      `${f1}/申报书.pdf`,
      `${f1}/${cdir}/党建工作总结.pdf`,
      `${f1}/${cdir}/党建工作总结 (2).pdf`,
      `${f2}/申报书.pdf`,
      `${f2}/佐证材料/附件.pdf`,
      '清单.xlsx',
    ]);
    expect(entries.get(`${f1}/申报书.pdf`)!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(entries.get(`${f2}/申报书.pdf`)!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(entries.get(`${f1}/${cdir}/党建工作总结.pdf`)!.equals(summary)).toBe(true);
    expect(entries.get(`${f1}/${cdir}/党建工作总结 (2).pdf`)!.equals(summary2)).toBe(true);
    expect(entries.get(`${f2}/佐证材料/附件.pdf`)!.equals(other)).toBe(true);

    const pdf1 = entries.get(`${f1}/申报书.pdf`)!;
    const pdf2 = entries.get(`${f2}/申报书.pdf`)!;
    const app1 = [
      '市水务局排水五所党支部',
      '一号活动室',
      '排水先锋',
      '市水务局机关党委',
      '党员教育活动示范阵地',
      '党支部',
      '草稿',
    ];
    const app2 = [
      '市水务局排水五所党支部',
      '二号活动室',
      '',
      '市水务局机关党委',
      '党员教育活动示范阵地',
      '党支部',
      '草稿',
    ];
    expect(await manifestOf(entries.get('清单.xlsx')!)).toEqual([
      [
        '序号',
        '文件夹',
        '申报党组织',
        '阵地',
        '党建品牌',
        '直属党组织',
        '类别',
        '组织类型',
        '状态',
        '材料',
        '对应指标',
        '文件',
        '大小（字节）',
        'SHA-256',
        '说明',
      ],
      [1, f1, ...app1, '申报书 PDF', '', '申报书.pdf', pdf1.length, sha(pdf1), ''],
      [2, f1, ...app1, '佐证材料', c1.titleZh, `${cdir}/党建工作总结.pdf`, summary.length, sha(summary), ''],
      [
        3,
        f1,
        ...app1,
        '佐证材料',
        c1.titleZh,
        `${cdir}/党建工作总结 (2).pdf`,
        summary2.length,
        sha(summary2),
        '',
      ],
      [4, f2, ...app2, '申报书 PDF', '', '申报书.pdf', pdf2.length, sha(pdf2), ''],
      [5, f2, ...app2, '佐证材料', '—', '佐证材料/附件.pdf', other.length, sha(other), ''],
    ]);

    // One download event naming both applications; no per-file evidence.download events.
    expect(await downloads()).toEqual([
      {
        actorName: 'cadmin',
        outcome: 'success',
        objectType: 'application',
        objectId: null,
        unitId: kit.tree.unitA.id,
        detail: JSON.stringify({ applicationIds: [one.id, two.id], files: 3 }),
      },
    ]);
    const perFile = await kit.env.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'evidence.download'));
    expect(perFile).toEqual([]);
  });

  it('answers 404 for the whole request when one id is outside the caller’s scope, and audits no download', async () => {
    const before = (await downloads()).length;
    const mine = await kit.draft();
    const theirs = await kit.draft('draft', kit.tree.b1);
    const res = await kit.uadmin.get(`/api/applications/dossiers.zip?ids=${mine.id}&ids=${theirs.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().error.code).toBe('NOT_FOUND');
    const unknown = await cadmin.get(`/api/applications/dossiers.zip?ids=${mine.id},${crypto.randomUUID()}`);
    expect(unknown.statusCode).toBe(404);
    expect((await downloads()).length).toBe(before);
    // The unit's own application alone is fine.
    const ok = await kit.uadmin.get(`/api/applications/dossiers.zip?ids=${mine.id}`);
    expect(ok.statusCode).toBe(200);
    expect((await downloads()).length).toBe(before + 1);
  });

  it('refuses more than 100 ids, a repeated id, no id and a malformed id with 400', async () => {
    const ids = Array.from({ length: 101 }, () => crypto.randomUUID());
    const many = await cadmin.get(`/api/applications/dossiers.zip?ids=${ids.join(',')}`);
    expect(many.statusCode).toBe(400);
    expect(many.json().error.code).toBe('VALIDATION_FAILED');
    const id = crypto.randomUUID();
    expect((await cadmin.get(`/api/applications/dossiers.zip?ids=${id},${id}`)).statusCode).toBe(400);
    expect((await cadmin.get('/api/applications/dossiers.zip')).statusCode).toBe(400);
    expect((await cadmin.get('/api/applications/dossiers.zip?ids=../../x')).statusCode).toBe(400);
  });

  it('refuses with 422 before reading any file when the evidence exceeds one download (2 GB)', async () => {
    const app = await kit.draft();
    for (const n of [1, 2])
      await kit.env.db.insert(evidenceFiles).values({
        applicationId: app.id,
        unitId: app.unitId,
        originalName: `录像${n}.pdf`,
        mediaType: 'application/pdf',
        sizeBytes: 1100 * 1024 * 1024,
        sha256: '0'.repeat(64),
        storageKey: `evidence/00/absent-${n}`,
      });
    const before = (await downloads()).length;
    const res = await cadmin.get(`/api/applications/dossiers.zip?ids=${app.id}`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('DOSSIER_ZIP_TOO_LARGE');
    expect((await downloads()).length).toBe(before);
  });

  it('leaves out a file whose bytes no longer match their SHA-256, says so in the manifest and a note, and audits the failure', async () => {
    const app = await named('三号活动室', null);
    const good = pdfBytes(2500);
    const bad = pdfBytes(2600);
    await upload(app.id, '好文件.pdf', good);
    const badId = await upload(app.id, '坏文件.pdf', bad);
    const [row] = await kit.env.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, badId));
    fs.writeFileSync(
      path.join(kit.storage.root, ...row!.storageKey.split('/')),
      pdfBytes(2600).fill(65, 100, 110),
    );

    const res = await cadmin.get(`/api/applications/dossiers.zip?ids=${app.id}`);
    expect(res.statusCode).toBe(200);
    const entries = await entriesOf(res.rawPayload);
    const f = '001 市水务局排水五所党支部 三号活动室';
    expect([...entries.keys()]).toEqual([
      `${f}/申报书.pdf`,
      `${f}/佐证材料/好文件.pdf`,
      `${f}/未打包的文件.txt`,
      '清单.xlsx',
    ]);
    expect(entries.get(`${f}/佐证材料/好文件.pdf`)!.equals(good)).toBe(true);
    const note = '文件完整性校验未通过（与上传时记录的 SHA-256 不符），未打包；已记录并通知安全管理员';
    expect(entries.get(`${f}/未打包的文件.txt`)!.toString('utf8')).toBe(
      `\ufeff以下佐证材料未打包：\r\n坏文件.pdf（SHA-256 ${sha(bad)}）：${note}\r\n`,
    );
    const rows = await manifestOf(entries.get('清单.xlsx')!);
    expect(rows[3]!.slice(9)).toEqual(['佐证材料', '—', '坏文件.pdf', bad.length, sha(bad), note]);
    const failures = await kit.env.db
      .select({ outcome: auditEvents.outcome, detail: auditEvents.detail })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'evidence.integrity_failed'), eq(auditEvents.objectId, badId)));
    expect(failures).toEqual([{ outcome: 'failure', detail: '坏文件.pdf' }]);
    expect((await downloads()).at(-1)!.detail).toBe(
      JSON.stringify({ applicationIds: [app.id], files: 1, omitted: ['坏文件.pdf'] }),
    );
  });
});
