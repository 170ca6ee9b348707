/**
 * Test helpers of the evidence tests and matrix rows: sample files built in memory (good ones and a
 * malicious corpus), a hand-built multipart body, and fresh applications to upload to.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, evidenceFiles, venues } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers } from '../../../test/helpers';
import { seedOpenCampaign } from '../../../test/campaign-fixtures';
import { evidenceStorage } from './storage';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import type { OrgKind } from '../../../../shared/src/enums';

export type Part =
  { name: string; value: string } | { name: string; filename: string; type?: string; data: Buffer };

/** A multipart/form-data body built by hand (the file name goes in as raw UTF-8, as browsers send it). */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----shifan${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('value' in p) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`,
        ),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\n` +
            `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        p.data,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** One file in the `file` field, plus optional text fields. */
export function fileUpload(filename: string, data: Buffer, fields: Record<string, string> = {}) {
  return multipart([
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    { name: 'file', filename, data },
  ]);
}

/** A small valid PDF; `padTo` pads it with a comment block up to that many bytes. */
export function pdfBytes(padTo = 0): Buffer {
  const head =
    '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n';
  const tail = 'trailer <</Root 1 0 R>>\n%%EOF\n';
  const pad = Math.max(0, padTo - head.length - tail.length);
  return Buffer.concat([Buffer.from(head), Buffer.alloc(pad, '%'), Buffer.from(tail)]);
}

export interface ZipSpec {
  name: string;
  data: Buffer | string;
}

/** A zip archive (deflated entries) built by hand: the central directory tells the true sizes. */
export function zipOf(entries: ZipSpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
    const packed = zlib.deflateRawSync(data);
    const name = Buffer.from(e.name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const DOCX_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';

/** A minimal Word document; `extra` entries are appended (e.g. a zip bomb). */
export function docxBytes(extra: ZipSpec[] = []): Buffer {
  return zipOf([
    { name: '[Content_Types].xml', data: DOCX_TYPES },
    {
      name: '_rels/.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    {
      name: 'word/document.xml',
      data:
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        '<w:body><w:p><w:r><w:t>支部工作总结</w:t></w:r></w:p></w:body></w:document>',
    },
    ...extra,
  ]);
}

export async function xlsxBytes(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('党员名册').addRows([
    ['姓名', '入党时间'],
    ['张三', '2001-07-01'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A 40×20 JPEG taken "sideways" (EXIF orientation 6) with GPS coordinates in its EXIF. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 20, channels: 3, background: '#c00' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'ShifanCam', Model: 'Test' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '39/1 8/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '117/1 12/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export async function pngBytes(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 80, b: 160, alpha: 0.5 } } })
    .png()
    .toBuffer();
}

/** Every file under `dir`, relative, sorted (a missing directory is empty). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

/**
 * A venue-track application of `org` for a fresh venue, in any status: each call gives an application
 * nobody else touches (the database allows one per candidate, campaign and track).
 */
export async function freshApplication(
  db: Db,
  a: {
    campaignId: string;
    standardVersionId: string;
    org: { id: string; unitId: string | null; kind: OrgKind };
    status?: ApplicationStatus;
  },
) {
  const [venue] = await db
    .insert(venues)
    .values({
      organizationId: a.org.id,
      unitId: a.org.unitId,
      name: `党员活动室${crypto.randomBytes(3).toString('hex')}`,
    })
    .returning();
  const [row] = await db
    .insert(applications)
    .values({
      campaignId: a.campaignId,
      trackCode: 'venue',
      subjectId: venue!.id,
      organizationId: a.org.id,
      venueId: venue!.id,
      unitId: a.org.unitId!,
      orgKind: a.org.kind,
      standardVersionId: a.standardVersionId,
      status: a.status ?? 'draft',
    })
    .returning();
  return row!;
}

/**
 * The evidence API tests' world: the app, the tree and users, an open campaign, the app's file storage,
 * sessions of the applicant of A1 and the unit admin of A, and shortcuts.
 */
export async function evidenceSetup() {
  const env = await makeTestEnv();
  const tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  const campaign = await seedOpenCampaign(env.db, env.clock.now);
  const storage = evidenceStorage(env.config);
  const appl = client(env.app, await login(env.app, 'appl'));
  const uadmin = client(env.app, await login(env.app, 'uadmin'));
  /** A fresh venue application of branch A1 (in scope of `appl` and `uadmin`) or of another branch. */
  const draft = (
    status: ApplicationStatus = 'draft',
    org: { id: string; unitId: string | null; kind: OrgKind } = tree.a1,
  ) =>
    freshApplication(env.db, {
      campaignId: campaign.campaign.id,
      standardVersionId: campaign.standards.venue.versionId,
      org,
      status,
    });
  const post = (who: ReturnType<typeof client>, applicationId: string, body: ReturnType<typeof multipart>) =>
    who.post(`/api/applications/${applicationId}/evidence`, body.payload, body.headers);
  /** Evidence rows of an application, deleted ones included. */
  const rowsOf = async (applicationId: string) => {
    const [r] = await env.db
      .select({ n: count() })
      .from(evidenceFiles)
      .where(eq(evidenceFiles.applicationId, applicationId));
    return r!.n;
  };
  return { env, tree, campaign, storage, appl, uadmin, draft, post, rowsOf };
}
export type EvidenceSetup = Awaited<ReturnType<typeof evidenceSetup>>;
