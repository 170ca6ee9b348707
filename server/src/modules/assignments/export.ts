/**
 * The assignment list of a stage as .xlsx (评审分配表): one row per assignment, Chinese headers, streamed.
 * The export is audited before the first byte.
 */
import type { Readable, Writable } from 'node:stream';
import type { Db } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { writeAudit } from '../audit/write';
import { attachment } from '../../core/http-files';
import { chinaDate, chinaTime } from '../../core/time';
import { streamFrom, writeXlsxSheet } from '../../core/xlsx';
import type { Assignment } from '../../../../shared/src/contracts/assignments';
import { listAssignments } from './service';

export const ASSIGNMENT_EXPORT_HEADERS = [
  '申报单位',
  '评审专家',
  '分配方式',
  '评分状态',
  '利益冲突',
  '分配时间',
];
const SOURCE_LABELS: Record<string, string> = { manual: '手工分配', auto: '自动分配', import: '批量导入' };
const STATUS_LABELS: Record<Assignment['reviewStatus'], string> = {
  pending: '未评分',
  draft: '评分中',
  locked: '已确认',
};

async function writeXlsx(out: Writable, items: Assignment[]) {
  const sheet = {
    name: '评审分配表',
    widths: [38, 36, 16, 16, 12, 10, 10, 20],
    header: ASSIGNMENT_EXPORT_HEADERS,
  };
  await writeXlsxSheet(out, sheet, async (addRow) => {
    for (const a of items)
      addRow([
        a.applicationId,
        a.organizationName,
        a.reviewerUsername,
        a.reviewerName,
        SOURCE_LABELS[a.source] ?? a.source,
        STATUS_LABELS[a.reviewStatus],
        a.conflicted ? '是' : '否',
        chinaTime(new Date(a.createdAt)),
      ]);
  });
}

export async function exportAssignments(
  db: Db,
  ctx: Ctx,
  stageId: string,
  onError: (err: unknown) => void,
): Promise<{ stream: Readable; disposition: string }> {
  requireActor(ctx);
  const { items } = await listAssignments(db, ctx, stageId);
  await writeAudit(db, ctx, {
    action: 'assignments.export',
    objectType: 'stage_panel',
    objectId: stageId,
    detail: `${items.length} rows`,
  });
  const out = streamFrom((o) => writeXlsx(o, items), onError);
  const date = chinaDate(ctx.now);
  return { stream: out, disposition: attachment(`评审分配表-${date}.xlsx`, `assignments-${date}.xlsx`) };
}
