/**
 * Re-review rounds (复评复审批次, issue #8 §3): creating a round selects its titles (a year's active
 * titles, a seeded sample of them, or a list) and opens it — every selected title moves
 * `active → under_rereview` through the title table, one transaction, one `rereview.open` audit event
 * naming the round and the count. Reads: the committee sees every round; a unit admin (an applicant)
 * the rounds holding its unit's (organisation's) titles, with only those titles and without the draw.
 */
import crypto from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, scopeOf, type Ctx, type Scope } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { pageWindow } from '../../db/paging';
import { expireDue, TITLE_STATUS_LABELS } from '../titles/service';
import { transitionTitle, type TitleRow } from '../titles/queries';
import {
  REREVIEW_DRAW_ALGORITHM,
  selectTitles,
  type RoundSelection,
  type StandardBasis,
} from '../../../../shared/src/domain/rereview';
import { SEED_MAX } from '../../../../shared/src/domain/evaluation/draw';
import {
  createRound as createRoundBody,
  type CreateRound,
  type RoundDetail,
  type RoundList,
  type RoundSummary,
} from '../../../../shared/src/contracts/rereviews';
import * as repo from './repo';
import { settleExpired } from './queries';

const BASIS_TEXT: Record<StandardBasis, string> = { awarded: '命名时标准', current: '现行标准' };

function notActive(rows: TitleRow[]): AppError {
  return new AppError(
    'REREVIEW_TITLES_NOT_ACTIVE',
    rows.map((t) =>
      fieldError(
        'selection.titleIds',
        'not_active',
        `${t.serial}（${t.holderName}）：${TITLE_STATUS_LABELS[t.status]}`,
        `${t.serial} (${t.holderName}): ${t.status}`,
      ),
    ),
  );
}

/** The titles a request selects, locked, each active; the seed drawn when a sample names none. */
async function selected(tx: DbOrTx, sel: CreateRound['selection']) {
  if (sel.mode === 'list') {
    const rows = await repo.titlesByIds(tx, [...sel.titleIds]);
    if (rows.length !== sel.titleIds.length) throw new AppError('NOT_FOUND');
    const off = rows.filter((t) => t.status !== 'active');
    if (off.length) throw notActive(off);
    return { rows, selection: sel as RoundSelection, pool: null };
  }
  const pool = await repo.activeOfYear(tx, sel.awardYear);
  const selection: RoundSelection =
    sel.mode === 'year' ? sel : { ...sel, seed: sel.seed ?? crypto.randomInt(0, SEED_MAX + 1) };
  const picked = selectTitles(
    selection,
    pool.map((t) => t.id),
  );
  if (!picked.ok) {
    if (picked.refusal === 'empty')
      throw new AppError('REREVIEW_SELECTION_EMPTY', [
        fieldError(
          'selection.awardYear',
          'empty',
          `${sel.awardYear} 年度没有有效称号`,
          `No active title of ${sel.awardYear}`,
        ),
      ]);
    throw new AppError('REREVIEW_SAMPLE_TOO_LARGE', [
      fieldError(
        'selection.size',
        'sample_too_large',
        `${sel.awardYear} 年度有效称号共 ${pool.length} 个`,
        `${sel.awardYear} has ${pool.length} active title(s)`,
      ),
    ]);
  }
  const byId = new Map(pool.map((t) => [t.id, t]));
  return { rows: picked.titleIds.map((id) => byId.get(id)!), selection, pool: pool.map((t) => t.id) };
}

/** Per title the standard version of the round's basis (looked up once per campaign, track and kind). */
async function standardsOf(tx: DbOrTx, rows: TitleRow[], basis: StandardBasis) {
  const memo = new Map<string, string | null>();
  const out = new Map<string, string | null>();
  for (const t of rows) {
    const key =
      basis === 'awarded' ? `${t.campaignId}|${t.trackCode}|${t.orgKind}` : `${t.trackCode}|${t.orgKind}`;
    if (!memo.has(key))
      memo.set(
        key,
        basis === 'awarded' ? await repo.awardedStandard(tx, t) : await repo.currentStandard(tx, t),
      );
    out.set(t.id, memo.get(key)!);
  }
  return out;
}

export async function createRound(db: Db, ctx: Ctx, input: CreateRound): Promise<RoundDetail> {
  const actor = requireActor(ctx);
  const body = createRoundBody.parse(input);
  const id = await db.transaction(async (tx) => {
    const { rows, selection, pool } = await selected(tx, body.selection);
    const round = await repo.insertRound(tx, {
      name: body.name,
      year: body.year,
      status: 'open',
      mode: selection.mode,
      awardYear: selection.mode === 'list' ? null : selection.awardYear,
      sampleSize: selection.mode === 'sample' ? selection.size : null,
      seed: selection.mode === 'sample' ? selection.seed : null,
      drawAlgorithm: selection.mode === 'sample' ? REREVIEW_DRAW_ALGORITHM : null,
      pool: selection.mode === 'sample' ? pool : null,
      standardBasis: body.standardBasis,
      createdAt: ctx.now,
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    const std = await standardsOf(tx, rows, body.standardBasis);
    for (const t of rows)
      await transitionTitle(tx, ctx, t, 'start_rereview', {
        note: `${body.year} 年度复评复审（${body.name}）`,
      });
    await repo.insertItems(
      tx,
      rows.map((t) => ({ roundId: round.id, titleId: t.id, standardVersionId: std.get(t.id) ?? null })),
    );
    await writeAudit(tx, ctx, {
      action: 'rereview.open',
      objectType: 'rereview_round',
      objectId: round.id,
      changes: {
        titles: { before: null, after: rows.length },
        mode: { before: null, after: selection.mode },
        ...(selection.mode === 'sample'
          ? { seed: { before: null, after: selection.seed }, pool: { before: null, after: pool!.length } }
          : {}),
        standardBasis: { before: null, after: body.standardBasis },
      },
      detail: `${body.name}：${rows.length} 个称号进入复评复审（${BASIS_TEXT[body.standardBasis]}）`,
    });
    return round.id;
  });
  return get(db, ctx, id);
}

function summaryOf(r: repo.RoundRow, titles: number, decided: number): RoundSummary {
  return {
    id: r.id,
    name: r.name,
    year: r.year,
    status: r.status,
    mode: r.mode,
    awardYear: r.awardYear,
    standardBasis: r.standardBasis,
    titles,
    decided,
    createdAt: r.createdAt.toISOString(),
    createdByName: r.createdByName,
    closedAt: r.closedAt?.toISOString() ?? null,
  };
}

const readScope = (ctx: Ctx): Scope => scopeOf(requireActor(ctx), 'titles.read');

export async function list(db: Db, ctx: Ctx, q: { page: number; pageSize: number }): Promise<RoundList> {
  const { rows, total } = await repo.listRounds(db, readScope(ctx), pageWindow(q)!);
  return { items: rows.map((r) => summaryOf(r.round, r.titles, r.decided)), total };
}

export async function get(db: DbOrTx, ctx: Ctx, id: string): Promise<RoundDetail> {
  const scope = readScope(ctx);
  const round = await repo.findRound(db, id);
  if (!round) throw new AppError('NOT_FOUND');
  const items = await repo.itemsOf(db, id, scope);
  if (items.length === 0 && scope.kind !== 'all') throw new AppError('NOT_FOUND');
  const draw =
    scope.kind === 'all' && round.mode === 'sample'
      ? {
          seed: round.seed!,
          size: round.sampleSize!,
          algorithm: round.drawAlgorithm!,
          pool: await repo.serialsOf(db, round.pool ?? []),
        }
      : null;
  return {
    ...summaryOf(round, items.length, items.filter((i) => i.item.outcome !== null).length),
    draw,
    items: items.map(({ item, title: t, ...r }) => ({
      titleId: t.id,
      serial: t.serial,
      holderName: t.holderName,
      organizationName: t.organizationName,
      unitName: r.unitName,
      track: t.trackCode,
      trackNameZh: r.trackNameZh,
      orgKind: t.orgKind,
      awardYear: t.year,
      validUntil: t.validUntil,
      titleStatus: t.status,
      standardName: r.standardName,
      standardVersion: r.standardVersion,
      outcome: item.outcome,
      reason: item.reason,
      deadline: item.deadline,
      decidedAt: item.decidedAt?.toISOString() ?? null,
      decidedByName: item.decidedByName,
      followUp: item.followUp,
      followUpReason: item.followUpReason,
      followUpAt: item.followUpAt?.toISOString() ?? null,
    })),
  };
}

/**
 * The daily expiry of titles (称号到期) with the rounds settled: a title that expires while waiting in a
 * re-review round gets the outcome `expired` there, and a round left with nothing waiting closes — in the
 * expiry's transaction. Answers how many titles expired.
 */
export function expireTitles(db: Db, now: Date): Promise<number> {
  return expireDue(db, now, settleExpired);
}
