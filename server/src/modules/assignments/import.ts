/**
 * Bulk assignment from Excel or CSV (columns 申报编号 = the application's id, 专家用户名 = the reviewer's
 * username; the export has both). Every row is checked — an entrant of the stage, a reviewer account, no
 * conflict (unless waived), not assigned yet, not twice in the file. A dry run answers the count; a real
 * run writes every assignment, its pending review and the panel rows with one audit event in one
 * transaction (the stage locked), or — when any row is bad — nothing (IMPORT_INVALID with the row errors).
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { invalidFile, readRows } from '../organizations/import-file';
import { conflictStatuses } from '../reviewers/queries';
import { conflictKey } from '../../../../shared/src/domain/evaluation';
import * as repo from './repo';
import { changeableStage } from './panel';

const COLUMNS = { applicationId: '申报编号', username: '专家用户名' } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Row {
  row: number;
  applicationId: string;
  username: string;
}
interface RowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

async function parse(file: { bytes: Buffer; filename: string }): Promise<Row[]> {
  let index: { applicationId: number; username: number } | null = null;
  const rows: Row[] = [];
  for await (const r of readRows(file.bytes, file.filename)) {
    if (!index) {
      const cells = r.cells.map((c) => c.trim());
      const a = cells.indexOf(COLUMNS.applicationId);
      const u = cells.indexOf(COLUMNS.username);
      if (a < 0 || u < 0)
        throw invalidFile(
          'missing_columns',
          `表头须包含“${COLUMNS.applicationId}”和“${COLUMNS.username}”两列`,
          `The header must have the columns ${COLUMNS.applicationId} and ${COLUMNS.username}`,
        );
      index = { applicationId: a, username: u };
      continue;
    }
    rows.push({
      row: r.row,
      applicationId: (r.cells[index.applicationId] ?? '').trim().toLowerCase(),
      username: (r.cells[index.username] ?? '').trim().toLowerCase(),
    });
  }
  if (!index) throw invalidFile('empty', '文件中没有内容', 'The file has no content');
  if (rows.length === 0) throw invalidFile('no_rows', '文件中没有数据行', 'The file has no data rows');
  return rows;
}

async function validate(db: DbOrTx, ctx: Ctx, stageId: string, rows: Row[]) {
  const t = (zh: string, en: string) => (ctx.lang === 'en' ? en : zh);
  const errors: RowError[] = [];
  const fail = (row: number, column: string, code: string, zh: string, en: string) =>
    errors.push({ row, column, code, message: t(zh, en) });
  const entrants = new Map((await repo.entrants(db, stageId)).map((e) => [e.id, e]));
  const reviewerOf = await repo.reviewersByUsername(db, [
    ...new Set(rows.map((r) => r.username).filter(Boolean)),
  ]);
  const existing = new Set(
    (await repo.existingPairs(db, stageId)).map((p) => conflictKey(p.reviewerId, p.applicationId)),
  );
  const candidates = rows.flatMap((r) => {
    const reviewerId = reviewerOf.get(r.username);
    return reviewerId && entrants.has(r.applicationId)
      ? [{ reviewerId, applicationId: r.applicationId }]
      : [];
  });
  const statuses = await conflictStatuses(db, candidates);
  const seen = new Set<string>();
  const ok: { row: Row; reviewerId: string; unitId: string }[] = [];
  for (const r of rows) {
    const before = errors.length;
    if (!UUID.test(r.applicationId))
      fail(
        r.row,
        COLUMNS.applicationId,
        'required',
        '申报编号缺失或格式不正确',
        'The application id is missing or malformed',
      );
    else if (!entrants.has(r.applicationId))
      fail(
        r.row,
        COLUMNS.applicationId,
        'not_entrant',
        '该申报未进入本评审环节',
        'The application is not in this stage',
      );
    const reviewerId = reviewerOf.get(r.username);
    if (!r.username)
      fail(r.row, COLUMNS.username, 'required', '专家用户名不能为空', 'The reviewer username is missing');
    else if (!reviewerId)
      fail(
        r.row,
        COLUMNS.username,
        'unknown_reviewer',
        '没有该用户名的评审专家',
        'No reviewer has this username',
      );
    if (errors.length > before || !reviewerId) continue;
    const key = conflictKey(reviewerId, r.applicationId);
    if (statuses.get(key)?.conflicted)
      fail(
        r.row,
        COLUMNS.username,
        'conflict',
        '该专家与申报单位存在利益冲突，须回避',
        'The reviewer has a conflict of interest with the applicant',
      );
    else if (existing.has(key) || seen.has(key))
      fail(
        r.row,
        COLUMNS.username,
        'duplicate',
        '该专家已分配评审该申报',
        'The reviewer already has this application',
      );
    else {
      seen.add(key);
      ok.push({ row: r, reviewerId, unitId: entrants.get(r.applicationId)!.unitId });
    }
  }
  return { errors, ok };
}

export async function importAssignments(
  db: Db,
  ctx: Ctx,
  stageId: string,
  file: { bytes: Buffer; filename: string },
  dryRun: boolean,
): Promise<{ dryRun: boolean; total: number; created: number }> {
  const actor = requireActor(ctx);
  await changeableStage(db, stageId);
  const rows = await parse(file);
  if (dryRun) {
    const v = await validate(db, ctx, stageId, rows);
    if (v.errors.length > 0) throw new AppError('IMPORT_INVALID', [], { errors: v.errors });
    return { dryRun: true, total: rows.length, created: 0 };
  }
  return db.transaction(async (tx) => {
    const stage = await changeableStage(tx, stageId, true);
    const v = await validate(tx, ctx, stageId, rows);
    if (v.errors.length > 0) throw new AppError('IMPORT_INVALID', [], { errors: v.errors });
    await repo.insertAssignments(
      tx,
      v.ok.map((o) => ({
        stageId,
        campaignId: stage.campaignId,
        applicationId: o.row.applicationId,
        reviewerId: o.reviewerId,
        unitId: o.unitId,
        drawId: null,
        source: 'import' as const,
        createdBy: actor.userId,
        createdAt: ctx.now,
      })),
    );
    await repo.addPanel(
      tx,
      [...new Set(v.ok.map((o) => o.reviewerId))].map((reviewerId) => ({
        stageId,
        reviewerId,
        drawId: null,
        addedAt: ctx.now,
      })),
    );
    await writeAudit(tx, ctx, {
      action: 'assignments.import',
      objectType: 'stage_panel',
      objectId: stageId,
      detail: `${file.filename}: ${v.ok.length} assignments`,
    });
    return { dryRun: false, total: rows.length, created: v.ok.length };
  });
}
