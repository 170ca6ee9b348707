/**
 * The title registry (称号台账): the list and one title with its history, in the caller's scope; the
 * Excel export; and the expiry of titles at the end of their validity (the daily scan runs it).
 */
import type { Readable, Writable } from 'node:stream';
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, scopeOf, type Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { attachment } from '../../core/http-files';
import { chinaDate, chinaTime } from '../../core/time';
import { invalidatePublic } from '../../core/public-cache';
import { streamFrom, writeXlsxSheet } from '../../core/xlsx';
import { writeAudit } from '../audit/write';
import { ORG_KIND_LABELS } from '../../../../shared/src/contracts/organization-import';
import type {
  TitleDetail,
  TitleExportQuery,
  TitleList,
  TitleListQuery,
} from '../../../../shared/src/contracts/titles';
import { chinaDateOf, endOfChinaDay } from '../../../../shared/src/domain/working-days';
import { decideTitle, type TitleStatus } from '../../../../shared/src/domain/title-workflow';
import * as repo from './repo';

export const TITLE_STATUS_LABELS: Record<TitleStatus, string> = {
  active: '有效',
  under_rereview: '复评复审中',
  rectifying: '整改中',
  revoked: '已撤销',
  expired: '已到期',
};

export async function list(db: Db, ctx: Ctx, query: TitleListQuery): Promise<TitleList> {
  return repo.listTitles(db, scopeOf(requireActor(ctx), 'titles.read'), query);
}

export async function get(db: Db, ctx: Ctx, id: string): Promise<TitleDetail> {
  const row = await repo.findTitle(db, scopeOf(requireActor(ctx), 'titles.read'), id);
  if (!row) throw new AppError('NOT_FOUND');
  const events = await repo.eventsOf(db, id);
  return {
    ...repo.toSummary(row),
    verifyPath: `/verify/${row.row.verifyToken}`,
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorName: e.actorName,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      reason: e.reason,
    })),
  };
}

export const EXPORT_HEADERS = [
  '序号',
  '证书编号',
  '年度',
  '类别',
  '党组织类型',
  '命名对象',
  '所属党组织',
  '所属单位',
  '品牌名称',
  '状态',
  '有效期起',
  '有效期止',
  '命名时间',
];
export const EXPORT_MAX_ROWS = 100_000;
const BATCH = 1000;

async function writeXlsx(db: Db, out: Writable, ids: string[]): Promise<void> {
  const sheet = {
    name: '称号台账',
    widths: [6, 20, 8, 14, 12, 32, 32, 28, 20, 10, 12, 12, 18],
    header: EXPORT_HEADERS,
  };
  await writeXlsxSheet(out, sheet, async (addRow) => {
    let n = 0;
    for (let i = 0; i < ids.length; i += BATCH)
      for (const t of await repo.summariesOf(db, ids.slice(i, i + BATCH)))
        addRow([
          ++n,
          t.serial,
          t.year,
          t.trackNameZh,
          ORG_KIND_LABELS[t.orgKind],
          t.holderName,
          t.organizationName,
          t.unitName,
          t.brandName ?? '',
          TITLE_STATUS_LABELS[t.status],
          t.validFrom,
          t.validUntil,
          chinaTime(new Date(t.certifiedAt)),
        ]);
  });
}

/** The filtered registry as .xlsx (audited before the first byte). */
export async function exportTitles(
  db: Db,
  ctx: Ctx,
  query: TitleExportQuery,
  onError: (err: unknown) => void,
): Promise<{ stream: Readable; disposition: string }> {
  const scope = scopeOf(requireActor(ctx), 'titles.read');
  const ids = await repo.matchingIds(db, scope, query, EXPORT_MAX_ROWS);
  await writeAudit(db, ctx, {
    action: 'titles.export',
    objectType: 'title',
    detail: JSON.stringify({ ...query, rows: ids.length, format: 'xlsx' }),
  });
  const date = chinaDate(ctx.now);
  return {
    stream: streamFrom((o) => writeXlsx(db, o, ids), onError),
    disposition: attachment(`称号台账-${date}.xlsx`, `titles-${date}.xlsx`),
  };
}

/** The instant a title whose first invalid China day is `validUntil` expires. */
export function expiresAt(validUntil: string): Date {
  return new Date(endOfChinaDay(validUntil).getTime() - 86_400_000);
}

/**
 * What a module above titles does, in the same transaction, with the titles that just expired (the
 * re-review rounds settle those waiting in them): answers the ids of the rounds it closed.
 */
export type OnExpired = (tx: DbOrTx, titleIds: string[], now: Date) => Promise<string[]>;

/**
 * Moves every standing title whose validity has ended to `expired` through the table's `expire` row (by
 * the system), with a history row each and one audit event with the count (none when nothing is due, so
 * running it again changes nothing). `onExpired` hears of the ones that were under re-review (the daily
 * scan passes the re-review module's settlement, see rereviews/service.ts `expireTitles`). Answers how
 * many expired.
 */
export async function expireDue(db: Db, now: Date, onExpired?: OnExpired): Promise<number> {
  const ctx: Ctx = { actor: null, ip: null, requestId: null, lang: 'zh-CN', now };
  const n = await db.transaction(async (tx) => {
    const due = (await repo.dueForExpiry(tx, chinaDateOf(now))).filter(
      (t) =>
        decideTitle({
          action: 'expire',
          status: t.status,
          role: 'system',
          now,
          validUntil: expiresAt(t.validUntil),
        }).ok,
    );
    if (due.length === 0) return 0;
    await repo.setStatus(
      tx,
      due.map((t) => t.id),
      'expired',
      now,
    );
    await repo.insertEvents(
      tx,
      due.map((t) => ({
        titleId: t.id,
        at: now,
        action: 'expire' as const,
        fromStatus: t.status,
        toStatus: 'expired' as const,
        reason: `有效期至 ${t.validUntil} 前一日届满`,
      })),
    );
    const waiting = due.filter((t) => t.status === 'under_rereview').map((t) => t.id);
    const closed = onExpired && waiting.length ? await onExpired(tx, waiting, now) : [];
    await writeAudit(tx, ctx, {
      action: 'titles.expire',
      objectType: 'title',
      changes: {
        expired: { before: null, after: due.length },
        ...(closed.length ? { roundsClosed: { before: null, after: closed.length } } : {}),
      },
      detail: `${due.length} 个称号到期：${due.map((t) => t.serial).join(', ')}`,
    });
    return due.length;
  });
  if (n) invalidatePublic(db);
  return n;
}
