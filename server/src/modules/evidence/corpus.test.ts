/**
 * The malicious corpus: every file here must be refused with the right 4xx, leaving no row, no stored
 * file and nothing in the store's temp directory.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  docxBytes,
  evidenceSetup,
  fileUpload,
  filesUnder,
  jpegWithGps,
  multipart,
  pdfBytes,
  zipOf,
  type EvidenceSetup,
} from './test-kit';

let t: EvidenceSetup;
beforeAll(async () => {
  t = await evidenceSetup();
});
afterAll(() => t.env.close());

const CODE = { 400: 'INVALID_FILE', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' } as const;
const svg = () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const html = () => Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
const exe = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510)]);
/** A real-looking .docx with a 30 MB entry of zeros that deflates to ~30 KB. */
const bomb = () => docxBytes([{ name: 'word/media/image1.bin', data: Buffer.alloc(30 * 1024 * 1024) }]);

type Case = [
  what: string,
  name: string,
  bytes: () => Buffer | Promise<Buffer>,
  status: keyof typeof CODE,
  reason: string,
];
const CASES: Case[] = [
  ['an .exe renamed .pdf', '申报书.pdf', exe, 415, 'type_not_allowed'],
  ['HTML named .pdf', 'a.pdf', html, 415, 'type_not_allowed'],
  ['an SVG with a script', 'logo.svg', svg, 415, 'extension_not_allowed'],
  ['an SVG named .png', 'logo.png', svg, 415, 'type_not_allowed'],
  ['a PDF named .docx', 'a.docx', () => pdfBytes(), 415, 'extension_mismatch'],
  [
    'a zip that is not a DOCX',
    'a.docx',
    () => zipOf([{ name: 'a.txt', data: 'hello' }]),
    415,
    'type_not_allowed',
  ],
  ['a zip-bomb .docx', '总结.docx', bomb, 400, 'zip_ratio'],
  ['a truncated PDF', 'a.pdf', () => pdfBytes(4000).subarray(0, 3000), 400, 'pdf_incomplete'],
  ['a truncated JPEG', 'a.jpg', async () => (await jpegWithGps()).subarray(0, 200), 400, 'image_unreadable'],
  ['an empty file', 'a.pdf', () => Buffer.alloc(0), 400, 'empty'],
  ['a 21 MB file', 'big.pdf', () => pdfBytes(21 * 1024 * 1024), 413, 'file_too_large'],
  ['a NUL in the file name', 'a\u0000.pdf', () => pdfBytes(), 400, 'name_control'],
  ['../ in the file name', '../../etc/a.pdf', () => pdfBytes(), 400, 'name_path'],
  ['a Windows path in the file name', '..\\..\\a.pdf', () => pdfBytes(), 400, 'name_path'],
];

describe('the malicious corpus', () => {
  for (const [what, name, bytes, status, reason] of CASES) {
    it(`refuses ${what} (${status} ${CODE[status]} ${reason}), storing nothing`, async () => {
      const app = await t.draft();
      const before = filesUnder(t.storage.root);
      const res = await t.post(t.appl, app.id, fileUpload(name, await bytes()));
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error).toMatchObject({
        code: CODE[status],
        details: [{ field: 'file', code: reason }],
      });
      expect(await t.rowsOf(app.id)).toBe(0);
      expect(filesUnder(t.storage.root)).toEqual(before);
      expect(filesUnder(path.join(t.storage.root, '.tmp'))).toEqual([]);
    });
  }

  it('refuses a body that is not multipart, and a multipart body without a file', async () => {
    const app = await t.draft();
    const r1 = await t.appl.post(`/api/applications/${app.id}/evidence`, { file: 'x' });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.details[0]).toMatchObject({ field: 'file', code: 'not_multipart' });
    const r2 = await t.post(t.appl, app.id, multipart([{ name: 'criterionId', value: '' }]));
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.details[0]).toMatchObject({ field: 'file', code: 'no_file' });
  });

  it('refuses a second file in the same request and a file under another field name', async () => {
    const app = await t.draft();
    const two = multipart([
      { name: 'file', filename: 'a.pdf', data: pdfBytes() },
      { name: 'file', filename: 'b.pdf', data: pdfBytes() },
    ]);
    const r1 = await t.post(t.appl, app.id, two);
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.details[0]).toMatchObject({ field: 'file', code: 'one_file' });
    const r2 = await t.post(
      t.appl,
      app.id,
      multipart([{ name: 'upload', filename: 'a.pdf', data: pdfBytes() }]),
    );
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.details[0]).toMatchObject({ field: 'file', code: 'unexpected_file_field' });
    expect(await t.rowsOf(app.id)).toBe(0);
    expect(filesUnder(path.join(t.storage.root, '.tmp'))).toEqual([]);
  });
});
