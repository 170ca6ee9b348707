/**
 * The result list (评审结果汇总表) of a confirmed decision, from its frozen snapshot: per quota group the
 * ranked lines with the final score, the proposal and its reason, the committee's choice, votes and
 * reason. Figures come from the snapshot only (later edits cannot change them); names from the records.
 * As an A4 landscape PDF (Noto Sans SC, like the dossier) and as an .xlsx sheet.
 */
import type { PassThrough } from 'node:stream';
import { inArray } from 'drizzle-orm';
import { loadPdfKit } from '../../core/lazy-libs';
import { registerCjkFonts } from '../../core/pdf-fonts';
import type { Db } from '../../db/client';
import type { Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { attachment } from '../../core/http-files';
import { chinaTime } from '../../core/time';
import { streamFrom, writeXlsxSheet, type XlsxCell } from '../../core/xlsx';
import { tracks } from '../../db/schema';
import { ORG_KIND_LABELS } from '../../../../shared/src/contracts/organization-import';
import type { DecisionSnapshot } from '../../../../shared/src/domain/evaluation';
import type { FrozenSnapshot } from '../../../../shared/src/contracts/decisions';
import type { OrgKind } from '../../../../shared/src/enums';
import { writeAudit } from '../audit/write';
import { groupKind, wholeTracks } from './checks';
import { lineTitle } from './present';
import * as repo from './repo';

const REASON_LABELS: Record<string, string> = {
  within_quota: '名额内',
  tied_at_line: '名额线同分',
  below_quota_line: '名额线以下',
  failed_gate: '未通过资格审查',
};

export interface ResultRow {
  rank: number;
  title: string;
  organization: string;
  unit: string;
  finalScore: number | null;
  proposed: boolean;
  proposalReason: string;
  selected: boolean;
  votes: { for: number; against: number; abstain: number };
  reason: string | null;
}

export interface ResultGroup {
  label: string;
  quota: number;
  rows: ResultRow[];
}

export interface ResultList {
  campaignName: string;
  confirmedAt: Date;
  confirmedByName: string;
  digest: string;
  groups: ResultGroup[];
}

/** A confirmed decision with its snapshot (404 unknown, DECISION_INCOMPLETE while it is a draft). */
async function confirmedDecision(db: Db, id: string) {
  const d = await repo.findDecision(db, id);
  if (!d) throw new AppError('NOT_FOUND');
  if (d.status !== 'confirmed' || !d.snapshot || !d.confirmedAt || !d.snapshotDigest)
    throw new AppError('DECISION_INCOMPLETE', [
      fieldError(
        'status',
        'not_confirmed',
        '决定尚未确认，没有冻结的结果',
        'The decision is not confirmed yet',
      ),
    ]);
  return { ...d, snapshot: d.snapshot, confirmedAt: d.confirmedAt, snapshotDigest: d.snapshotDigest };
}

/** The frozen snapshot as stored, with its digest, for anyone to check (`frozenSnapshot`). */
export async function frozenSnapshot(db: Db, id: string): Promise<FrozenSnapshot> {
  const d = await confirmedDecision(db, id);
  return {
    decisionId: d.id,
    algorithm: 'sha256/canonical-json',
    digest: d.snapshotDigest,
    snapshot: d.snapshot as Record<string, unknown>,
  };
}

/** The result list of a confirmed decision (DECISION_INCOMPLETE while it is a draft). */
export async function resultList(db: Db, id: string): Promise<ResultList> {
  const d = await confirmedDecision(db, id);
  const snapshot = d.snapshot as DecisionSnapshot;
  const [campaign, named, quotas] = await Promise.all([
    repo.findCampaign(db, d.campaignId),
    repo.linesWithNames(db, id),
    repo.quotas(db, d.campaignId),
  ]);
  const trackRows = await db
    .select({ code: tracks.code, nameZh: tracks.nameZh })
    .from(tracks)
    .where(inArray(tracks.code, [...new Set(named.map((n) => n.line.trackCode)), '']));
  const trackName = new Map(trackRows.map((t) => [t.code, t.nameZh]));
  const whole = wholeTracks(quotas);
  const names = new Map(named.map((n) => [n.line.applicationId, n]));
  const finals = new Map(snapshot.result.ranking.raw.map((r) => [r.applicationId, r.final]));
  const decided = new Map(snapshot.decision.lines.map((l) => [l.applicationId, l]));
  const quotaOf = new Map(snapshot.quotas.map((q) => [JSON.stringify([q.track, q.kind]), q.quota]));
  const groups = new Map<string, ResultGroup>();
  for (const p of snapshot.proposal) {
    const n = names.get(p.applicationId);
    const line = decided.get(p.applicationId);
    if (!n || !line) continue;
    const key = JSON.stringify([p.track, p.kind]);
    let g = groups.get(key);
    if (!g) {
      const kind = groupKind(whole, p.track, n.line.orgKind);
      g = {
        label: `${trackName.get(p.track) ?? p.track} · ${kind ? ORG_KIND_LABELS[kind as OrgKind] : '全部'}`,
        quota: quotaOf.get(key) ?? 0,
        rows: [],
      };
      groups.set(key, g);
    }
    g.rows.push({
      rank: p.rank,
      title: lineTitle(n),
      organization: n.organizationName,
      unit: n.unitName ?? '',
      finalScore: finals.get(p.applicationId) ?? null,
      proposed: p.proposed,
      proposalReason: REASON_LABELS[p.reason] ?? p.reason,
      selected: line.selected,
      votes: line.votes,
      reason: line.reason,
    });
  }
  return {
    campaignName: campaign?.name ?? '',
    confirmedAt: d.confirmedAt,
    confirmedByName: d.confirmedByName ?? '',
    digest: d.snapshotDigest ?? '',
    groups: [...groups.values()],
  };
}

const score = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const votesText = (v: ResultRow['votes']) => `${v.for} / ${v.against} / ${v.abstain}`;

const MARGIN = 40;
const COLUMNS = [
  { header: '排名', width: 36, align: 'center' as const },
  { header: '申报名称', width: 130 },
  { header: '党组织', width: 130 },
  { header: '所属单位', width: 100 },
  { header: '最终得分', width: 52, align: 'right' as const },
  { header: '建议', width: 70 },
  { header: '决定', width: 44, align: 'center' as const },
  { header: '赞成/反对/弃权', width: 66, align: 'center' as const },
  { header: '理由', width: 134 },
];

function cells(r: ResultRow): string[] {
  return [
    String(r.rank),
    r.title,
    r.organization,
    r.unit,
    score(r.finalScore),
    `${r.proposed ? '建议' : '不建议'}（${r.proposalReason}）`,
    r.selected ? '选定' : '未选定',
    votesText(r.votes),
    r.reason ?? '',
  ];
}

/** Builds the PDF in memory. */
export async function renderResultPdf(list: ResultList, now: Date): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `${list.campaignName} 评审结果汇总表`, Author: 'Shifan 示范', CreationDate: now },
  });
  registerCjkFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  doc.font('bold').fontSize(16).text(`${list.campaignName} 评审结果汇总表`, { align: 'center', width });
  doc
    .moveDown(0.4)
    .font('regular')
    .fontSize(9)
    .fillColor('#444')
    .text(
      `集体评审决定确认于 ${chinaTime(list.confirmedAt)}（${list.confirmedByName}）\u3000快照 SHA-256：${list.digest}`,
      { align: 'center', width },
    )
    .fillColor('black');
  const pad = 4;
  const drawRow = (row: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
    const h =
      Math.max(...row.map((c, i) => doc.heightOfString(c || ' ', { width: COLUMNS[i]!.width - 2 * pad }))) +
      2 * pad;
    if (doc.y + h > doc.page.height - MARGIN - 10) {
      doc.addPage();
      if (!bold)
        drawRow(
          COLUMNS.map((c) => c.header),
          true,
        );
      doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
    }
    const y = doc.y;
    let x = MARGIN;
    row.forEach((c, i) => {
      const col = COLUMNS[i]!;
      if (bold) doc.rect(x, y, col.width, h).fillAndStroke('#f3f3f3', '#999999').fillColor('black');
      else doc.rect(x, y, col.width, h).stroke('#999999');
      doc.text(c || ' ', x + pad, y + pad, { width: col.width - 2 * pad, align: col.align ?? 'left' });
      x += col.width;
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  for (const g of list.groups) {
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
    const selected = g.rows.filter((r) => r.selected).length;
    const proposed = g.rows.filter((r) => r.proposed).length;
    doc
      .moveDown(0.8)
      .font('bold')
      .fontSize(12)
      .fillColor('#b71c1c')
      .text(`${g.label}\u3000名额 ${g.quota}\u3000建议 ${proposed}\u3000选定 ${selected}`, MARGIN)
      .fillColor('black')
      .moveDown(0.3);
    drawRow(
      COLUMNS.map((c) => c.header),
      true,
    );
    for (const r of g.rows) drawRow(cells(r), false);
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#666')
      .text(
        `${list.campaignName} · 评审结果汇总表 · 生成于 ${chinaTime(now)}    第 ${i + 1} 页 / 共 ${range.count} 页`,
        MARGIN,
        doc.page.height - 28,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

export async function resultPdf(db: Db, ctx: Ctx, id: string) {
  const list = await resultList(db, id);
  const body = await renderResultPdf(list, ctx.now);
  await writeAudit(db, ctx, {
    action: 'decisions.export',
    objectType: 'decision',
    objectId: id,
    detail: 'pdf',
  });
  return {
    body,
    disposition: attachment(`${list.campaignName}-评审结果汇总表.pdf`, `result-list-${id.slice(0, 8)}.pdf`),
  };
}

export const RESULT_SHEET = '评审结果汇总表';
export const RESULT_HEADER = [
  '类别',
  '名额',
  '排名',
  '申报名称',
  '党组织',
  '所属单位',
  '最终得分',
  '建议',
  '建议理由',
  '决定',
  '赞成',
  '反对',
  '弃权',
  '理由',
];

export async function resultXlsx(
  db: Db,
  ctx: Ctx,
  id: string,
  onError: (err: unknown) => void,
): Promise<{ stream: PassThrough; disposition: string }> {
  const list = await resultList(db, id);
  await writeAudit(db, ctx, {
    action: 'decisions.export',
    objectType: 'decision',
    objectId: id,
    detail: 'xlsx',
  });
  const stream = streamFrom(
    (out) =>
      writeXlsxSheet(
        out,
        {
          name: RESULT_SHEET,
          widths: [18, 6, 6, 28, 28, 24, 10, 8, 14, 8, 6, 6, 6, 40],
          header: RESULT_HEADER,
        },
        async (add) => {
          for (const g of list.groups)
            for (const r of g.rows) {
              const row: XlsxCell[] = [
                g.label,
                g.quota,
                r.rank,
                r.title,
                r.organization,
                r.unit,
                r.finalScore ?? '',
                r.proposed ? '建议' : '不建议',
                r.proposalReason,
                r.selected ? '选定' : '未选定',
                r.votes.for,
                r.votes.against,
                r.votes.abstain,
                r.reason ?? '',
              ];
              add(row);
            }
        },
      ),
    onError,
  );
  return {
    stream,
    disposition: attachment(`${list.campaignName}-评审结果汇总表.xlsx`, `result-list-${id.slice(0, 8)}.xlsx`),
  };
}
