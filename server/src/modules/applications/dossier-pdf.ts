/**
 * The application dossier (申报材料) as an A4 PDF: title, organisation, unit, campaign, track, brand, the
 * narrative, the self-assessment table, the evidence list and the history, with page numbers. Chinese
 * text uses Noto Sans SC (embedded as a subset by pdfkit) and wraps by Unicode line-breaking rules.
 */
import { loadPdfKit } from '../../core/lazy-libs';
import { registerCjkFonts } from '../../core/pdf-fonts';
import type { Db } from '../../db/client';
import type { Ctx } from '../../core/context';
import { attachment } from '../../core/http-files';
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationDetail,
} from '../../../../shared/src/contracts/applications';
import { ORG_KIND_LABELS } from '../../../../shared/src/contracts/organization-import';
import { chinaTime } from '../../core/time';
import type { ApplicationAction } from '../../../../shared/src/domain/application-workflow';
import { fileTypeLabel, formatFileSize } from '../../../../shared/src/contracts/evidence';
import { writeAudit } from '../audit/write';
import { get } from './service';

const ACTION_LABELS: Record<ApplicationAction | 'create', string> = {
  create: '创建',
  submit: '提交',
  recommend: '单位推荐',
  accept: '形式审查通过',
  return: '退回修改',
  withdraw: '撤回',
  propose: '集体评审决定拟命名',
  decline: '集体评审决定未入选',
  start_review: '进入评审',
  shortlist: '评审入围',
  not_select: '未入选',
  publish: '列入公示',
  strike: '公示后撤销拟命名',
  substitute: '递补列入公示',
  lapse: '逾期未完成，申报终止',
  certify: '确认命名',
};
const MARGIN = 56;
const EMPTY = '（未填写）';

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

type Doc = PDFKit.PDFDocument;

function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - MARGIN - 60) doc.addPage();
  doc.moveDown(0.8).font('bold').fontSize(13).fillColor('#b71c1c').text(text, MARGIN).fillColor('black');
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, text: string | null): void {
  doc
    .font('regular')
    .fontSize(10.5)
    .text(text?.trim() || EMPTY, MARGIN, undefined, { width: doc.page.width - 2 * MARGIN, lineGap: 3 });
}

/** A bordered table whose rows grow to fit wrapped text; the header (if any) repeats on each new page. */
function table(doc: Doc, columns: Column[], rows: string[][], withHeader = true): void {
  const pad = 4;
  const header = columns.map((c) => c.header);
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(9);
    const h =
      Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: columns[i]!.width - 2 * pad }))) +
      2 * pad;
    if (doc.y + h > doc.page.height - MARGIN) {
      doc.addPage();
      if (!bold && withHeader) drawRow(header, true);
      doc.font(bold ? 'bold' : 'regular').fontSize(9);
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      const col = columns[i]!;
      if (bold) doc.rect(x, y, col.width, h).fillAndStroke('#f3f3f3', '#999999').fillColor('black');
      else doc.rect(x, y, col.width, h).stroke('#999999');
      doc.text(c || ' ', x + pad, y + pad, { width: col.width - 2 * pad, align: col.align ?? 'left' });
      x += col.width;
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  if (withHeader) drawRow(header, true);
  for (const r of rows) drawRow(r, false);
}

const size = formatFileSize;

/** A row of 六、佐证材料: name, the criterion it supports, the type in words, the size, the time (Beijing). */
export function evidenceRow(
  e: {
    originalName: string;
    criterionId: string | null;
    mediaType: string;
    sizeBytes: number;
    uploadedAt: string;
  },
  titles: Map<string, string>,
): string[] {
  return [
    e.originalName,
    (e.criterionId && titles.get(e.criterionId)) || '—',
    fileTypeLabel(e.mediaType, 'zh'),
    size(e.sizeBytes),
    chinaTime(new Date(e.uploadedAt)),
  ];
}

const num = (n: number | null) => (n === null ? '' : String(n));

function render(doc: Doc, a: ApplicationDetail): void {
  const width = doc.page.width - 2 * MARGIN;
  doc.font('bold').fontSize(18).text(`${a.campaign.name}`, MARGIN, MARGIN, { width, align: 'center' });
  doc.moveDown(0.2).fontSize(15).text(`${a.track.nameZh}申报材料`, { width, align: 'center' });
  doc.moveDown(0.4).font('regular').fontSize(11).fillColor('#444');
  doc.text(a.venue ? `${a.organization.name} · ${a.venue.name}` : a.organization.name, {
    width,
    align: 'center',
  });
  doc.fillColor('black').moveDown(1);

  const half = width / 2;
  const kv: Column[] = [
    { header: '项目', width: half * 0.32 },
    { header: '内容', width: half * 0.68 },
    { header: '项目', width: half * 0.32 },
    { header: '内容', width: half * 0.68 },
  ];
  table(
    doc,
    kv,
    [
      ['党组织', a.organization.name, '组织编码', a.organization.code],
      ['组织类型', ORG_KIND_LABELS[a.organization.kind], '直属党组织', a.unit.name],
      ['创建活动', a.campaign.name, '类别', a.track.nameZh],
      ['阵地', a.venue?.name ?? '—', '党建品牌', a.brandName ?? EMPTY],
      [
        '状态',
        APPLICATION_STATUS_LABELS[a.status].zh,
        '提交时间',
        chinaTime(a.submittedAt ? new Date(a.submittedAt) : null) || '—',
      ],
      ['创建标准', `${a.standard.nameZh}（第 ${a.standard.version} 版）`, '推荐排序', num(a.unitRank) || '—'],
    ],
    false,
  );
  if (a.unitOpinion) {
    heading(doc, '单位推荐意见');
    paragraph(doc, a.unitOpinion);
  }
  heading(doc, '一、申报摘要');
  paragraph(doc, a.summary);
  heading(doc, '二、特色亮点创新点');
  paragraph(doc, a.features);
  heading(doc, '三、主要做法');
  paragraph(doc, a.practices);
  heading(doc, '四、工作成效');
  paragraph(doc, a.results);

  heading(
    doc,
    `五、自评（合计 ${a.selfScoreTotal} 分；满分 ${a.standard.totalPoints} 分，加分项最多 ${a.standard.bonusCap} 分）`,
  );
  table(
    doc,
    [
      { header: '序号', width: width * 0.07, align: 'center' },
      { header: '指标', width: width * 0.4 },
      { header: '分值', width: width * 0.09, align: 'center' },
      { header: '自评分', width: width * 0.1, align: 'center' },
      { header: '说明', width: width * 0.34 },
    ],
    a.criteria.map((c) => [
      String(c.position),
      `${c.titleZh}${c.bonus ? '（加分项）' : ''}${c.veto ? '（否决项）' : ''}`,
      String(c.maxPoints),
      num(c.score),
      c.note ?? '',
    ]),
  );

  heading(doc, '六、佐证材料');
  const titles = new Map(a.criteria.map((c) => [c.id, c.titleZh]));
  if (a.evidence.length === 0) paragraph(doc, '（无）');
  else
    table(
      doc,
      [
        { header: '文件名', width: width * 0.33 },
        { header: '对应指标', width: width * 0.2 },
        { header: '类型', width: width * 0.17 },
        { header: '大小', width: width * 0.1, align: 'right' },
        { header: '上传时间', width: width * 0.2 },
      ],
      a.evidence.map((e) => evidenceRow(e, titles)),
    );

  heading(doc, '七、办理记录');
  table(
    doc,
    [
      { header: '时间', width: width * 0.19 },
      { header: '操作人', width: width * 0.15 },
      { header: '操作', width: width * 0.14 },
      { header: '状态变化', width: width * 0.2 },
      { header: '意见或理由', width: width * 0.32 },
    ],
    a.history.map((h) => [
      chinaTime(new Date(h.at)),
      h.actorName ?? '',
      ACTION_LABELS[h.action as ApplicationAction] ?? h.action,
      `${h.fromStatus ? `${APPLICATION_STATUS_LABELS[h.fromStatus].zh} → ` : ''}${h.toStatus ? APPLICATION_STATUS_LABELS[h.toStatus].zh : ''}`,
      h.reason ?? '',
    ]),
  );
}

/** Writes "第 i 页 / 共 n 页" at the foot of every page (inside the bottom margin). */
function pageNumbers(doc: Doc, footer: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#666')
      .text(`${footer}    第 ${i + 1} 页 / 共 ${range.count} 页`, MARGIN, doc.page.height - 34, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

/** Builds the PDF in memory (a dossier is a few pages). */
export async function renderDossier(a: ApplicationDetail, now: Date): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `${a.organization.name} 申报材料`, Author: 'Shifan 示范', CreationDate: now },
  });
  registerCjkFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  render(doc, a);
  pageNumbers(doc, `${a.campaign.name} · ${a.organization.name} · 生成于 ${chinaTime(now)}`);
  doc.end();
  return done;
}

/** The dossier of an application in scope as a PDF; the download is audited once it is rendered. */
export async function dossierPdf(
  db: Db,
  ctx: Ctx,
  id: string,
): Promise<{ body: Buffer; disposition: string }> {
  const detail = await get(db, ctx, id);
  const body = await renderDossier(detail, ctx.now);
  await writeAudit(db, ctx, {
    action: 'applications.dossier_download',
    objectType: 'application',
    objectId: detail.id,
    unitId: detail.unit.id,
  });
  const name = detail.organization.name.replace(/[\\/:*?"<>|]/g, '_');
  return {
    body,
    disposition: attachment(`${name}-申报材料.pdf`, `application-${detail.id.slice(0, 8)}.pdf`),
  };
}
