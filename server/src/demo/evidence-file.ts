/**
 * The demo's one evidence file: a one-page PDF that every seeded evidence row points at (evidence is
 * never removed from storage — deleting marks the row — so sharing the bytes is safe). `npm run demo`
 * stores it under `demo/evidence.pdf`; a test seed without storage gets the rows only.
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import type { FileStore } from '../modules/evidence/storage';

/**
 * A one-page A4 PDF of a few hundred bytes showing `line` in Helvetica (parentheses and backslashes
 * dropped): the demo's evidence file, and the files the browser journeys upload.
 */
export function onePagePdf(line: string): Buffer {
  const text = `BT /F1 18 Tf 72 760 Td (${line.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const bytes = onePagePdf('Shifan demo evidence file');

export const DEMO_EVIDENCE = {
  key: 'demo/evidence.pdf',
  bytes,
  sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
} as const;

/** Puts the demo's evidence file in the store the server will read it from. */
export async function storeDemoEvidence(store: FileStore): Promise<void> {
  await store.put(DEMO_EVIDENCE.key, Readable.from([DEMO_EVIDENCE.bytes]));
}
