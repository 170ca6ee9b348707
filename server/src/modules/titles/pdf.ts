/**
 * The naming documents as PDF (Noto Sans SC, like the dossier): the naming decision (命名决定) listing a
 * campaign's certified units, a certificate (证书) per title with its QR code to the public verification
 * page, and a plaque (牌匾). Each is drawn from its template (text with placeholders, layout, seal).
 * `writeBatch` streams many certificates into one PDF with bounded memory: one page at a time, the seal
 * embedded once, pausing while the reader is behind.
 */
import type { Writable } from 'node:stream';
import { loadPdfKit } from '../../core/lazy-libs';
import { registerCjkFonts } from '../../core/pdf-fonts';
import QRCode from 'qrcode';
import { ORG_KIND_LABELS } from '../../../../shared/src/contracts/organization-import';
import type { TitleSummary } from '../../../../shared/src/contracts/titles';
import {
  fillTemplate,
  type TemplateKind,
  type TemplateLayout,
  type TemplateText,
} from '../../../../shared/src/domain/certificates';

export type Template = TemplateText & TemplateLayout & { kind: TemplateKind; seal: Buffer | null };

type Doc = PDFKit.PDFDocument;
/** An image opened once (pdfkit's `openImage`, missing from its types) and embedded once, however often drawn. */
type Image = { readonly opened: true };
function openImage(doc: Doc, src: Buffer): Image {
  return (doc as unknown as { openImage(src: Buffer): Image }).openImage(src);
}

async function newDoc(t: Template, title: string, now: Date): Promise<Doc> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    layout: t.orientation,
    margin: 56,
    autoFirstPage: false,
    info: { Title: title, Author: 'Shifan 示范', CreationDate: now },
  });
  registerCjkFonts(doc);
  return doc;
}

/** A China date as 2027年1月15日. */
export function zhDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function certificateValues(t: TitleSummary, issuedOn: string): Record<string, string | number> {
  return {
    holder: t.holderName,
    organization: t.organizationName,
    track: t.trackNameZh,
    year: t.year,
    serial: t.serial,
    validFrom: zhDate(t.validFrom),
    validUntil: zhDate(t.validUntil),
    date: zhDate(issuedOn),
  };
}

/** The QR code of `url` drawn as squares (vector, no image) at (x, y), `size` points wide. */
export function drawQr(doc: Doc, url: string, x: number, y: number, size: number): void {
  const m = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
  const cell = size / (m.size + 8);
  doc.save().rect(x, y, size, size).fill('#ffffff');
  for (let r = 0; r < m.size; r++)
    for (let c = 0; c < m.size; c++)
      if (m.get(r, c)) doc.rect(x + (c + 4) * cell, y + (r + 4) * cell, cell, cell);
  doc.fill('#000000').restore();
}

function frame(doc: Doc): void {
  const { width, height } = doc.page;
  doc
    .save()
    .lineWidth(6)
    .strokeColor('#b71c1c')
    .rect(24, 24, width - 48, height - 48)
    .stroke();
  doc
    .lineWidth(1.2)
    .rect(34, 34, width - 68, height - 68)
    .stroke()
    .restore();
}

/** The issuer, date and seal in the lower right. */
function signature(doc: Doc, t: Template, issuer: string, date: string, seal: Image | null, bottom: number) {
  const w = 260;
  const x = doc.page.width - 90 - w;
  doc
    .font('regular')
    .fontSize(Math.min(16, Math.max(12, t.bodySize - 2)))
    .fillColor('#000');
  const h = doc.heightOfString(`${issuer}\n${date}`, { width: w, align: 'center' });
  const y = bottom - h;
  if (seal && t.sealSize > 0)
    doc.image(seal as unknown as Buffer, x + w / 2 - t.sealSize / 2, y + h / 2 - t.sealSize / 2, {
      fit: [t.sealSize, t.sealSize],
    });
  doc.text(`${issuer}\n${date}`, x, y, { width: w, align: 'center' });
}

/** One certificate page. */
export function drawCertificate(
  doc: Doc,
  t: Template,
  title: TitleSummary,
  verifyUrl: string,
  seal: Image | null,
): void {
  doc.addPage();
  frame(doc);
  const v = certificateValues(title, title.validFrom);
  const { width, height } = doc.page;
  const inner = width - 200;
  doc.font('bold').fontSize(t.headingSize).fillColor('#b71c1c');
  doc.text(fillTemplate(t.heading, v), 100, 90, { width: inner, align: 'center' });
  doc.moveDown(0.8).font('regular').fontSize(t.bodySize).fillColor('#000');
  doc.text(fillTemplate(t.body, v), 100, doc.y, { width: inner, align: 'left', lineGap: 6 });
  const qr = 96;
  drawQr(doc, verifyUrl, 70, height - 70 - qr - 14, qr);
  doc.font('regular').fontSize(9).fillColor('#444');
  doc.text(`编号 ${title.serial}\u3000扫码验证`, 70, height - 76, { width: 260, lineBreak: false });
  signature(doc, t, fillTemplate(t.issuer, v), v.date as string, seal, height - 80);
}

/** One plaque page: track, holder, issuer and year, large. */
export function drawPlaque(doc: Doc, t: Template, title: TitleSummary, seal: Image | null) {
  doc.addPage();
  frame(doc);
  const v = certificateValues(title, title.validFrom);
  const { width, height } = doc.page;
  doc.font('bold').fontSize(t.headingSize).fillColor('#b71c1c');
  const heading = fillTemplate(t.heading, v);
  const hh = doc.heightOfString(heading, { width: width - 160, align: 'center' });
  doc.text(heading, 80, height / 2 - hh - 30, { width: width - 160, align: 'center' });
  doc.font('regular').fontSize(t.bodySize).fillColor('#000');
  doc.text(fillTemplate(t.body, v), 80, height / 2 + 10, { width: width - 160, align: 'center' });
  signature(doc, t, fillTemplate(t.issuer, v), `编号 ${title.serial}`, seal, height - 80);
}

export interface DecisionDoc {
  year: number;
  campaignName: string;
  issuedOn: string;
  titles: TitleSummary[];
}

/** The naming decision: the text, then the certified units by track and kind, with serials. */
export function drawDecision(doc: Doc, t: Template, d: DecisionDoc, seal: Image | null): void {
  doc.addPage();
  const v = { year: d.year, campaign: d.campaignName, count: d.titles.length, date: zhDate(d.issuedOn) };
  const width = doc.page.width - 112;
  doc.font('bold').fontSize(t.headingSize).fillColor('#b71c1c');
  doc.text(fillTemplate(t.heading, v), 56, 70, { width, align: 'center' });
  doc.moveDown(1).font('regular').fontSize(t.bodySize).fillColor('#000');
  doc.text(fillTemplate(t.body, v), { width, indent: t.bodySize * 2, lineGap: 4 });
  const groups = new Map<string, TitleSummary[]>();
  for (const x of d.titles) {
    const key = `${x.trackNameZh}（${ORG_KIND_LABELS[x.orgKind]}）`;
    groups.set(key, [...(groups.get(key) ?? []), x]);
  }
  for (const [label, list] of groups) {
    doc.moveDown(0.8).font('bold').fontSize(t.bodySize).text(`${label}（${list.length} 个）`, 56);
    doc.font('regular').fontSize(t.bodySize - 1);
    for (const x of list)
      doc.text(`${x.serial}\u3000${x.holderName}${x.venueId ? `（${x.organizationName}）` : ''}`, 72, doc.y, {
        width: width - 16,
      });
  }
  doc.moveDown(2);
  if (doc.y > doc.page.height - 180) doc.addPage();
  signature(doc, t, fillTemplate(t.issuer, v), v.date, seal, Math.max(doc.y + 90, 300));
}

function pipeTo(doc: Doc, out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    doc.on('error', reject);
    out.on('error', reject);
    out.on('finish', () => resolve());
    doc.pipe(out);
  });
}

/** Resolves once `out` has room again (and the document's own buffer is drained into it). */
function roomIn(doc: Doc, out: Writable): Promise<void> {
  if (!out.writableNeedDrain && doc.readableLength === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!out.writableNeedDrain && doc.readableLength === 0) resolve();
      else setImmediate(check);
    };
    out.once('drain', check);
    setImmediate(check);
  });
}

export interface BatchSource {
  template: Template;
  kind: 'certificate' | 'plaque';
  /** Pages of titles in print order; an empty page ends. */
  nextPage(): Promise<TitleSummary[]>;
  verifyUrlOf(t: TitleSummary): string;
}

/** Writes every certificate (or plaque) of `src` into one PDF on `out`, a page at a time. */
export async function writeBatch(out: Writable, src: BatchSource, now: Date): Promise<number> {
  const t = src.template;
  const doc = await newDoc(t, src.kind === 'plaque' ? '牌匾' : '荣誉证书', now);
  const done = pipeTo(doc, out);
  const seal = t.seal ? openImage(doc, t.seal) : null;
  let n = 0;
  for (let page = await src.nextPage(); page.length; page = await src.nextPage()) {
    for (const title of page) {
      if (src.kind === 'plaque') drawPlaque(doc, t, title, seal);
      else drawCertificate(doc, t, title, src.verifyUrlOf(title), seal);
      n++;
      await roomIn(doc, out);
    }
  }
  if (n === 0) {
    doc.addPage();
    doc.font('regular').fontSize(14).text('没有符合条件的称号 (no title matches)');
  }
  doc.end();
  await done;
  return n;
}

/** The naming decision of a campaign as one PDF on `out`. */
export async function writeDecision(out: Writable, t: Template, d: DecisionDoc, now: Date): Promise<void> {
  const doc = await newDoc(t, `${d.campaignName} 命名决定`, now);
  const done = pipeTo(doc, out);
  drawDecision(doc, t, d, t.seal ? openImage(doc, t.seal) : null);
  doc.end();
  await done;
}
