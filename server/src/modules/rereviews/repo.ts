/** Queries of the re-review rounds (the service decides the transaction). Reads take the caller's scope. */
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  campaignStandards,
  rereviewItems,
  rereviewRounds,
  standards,
  standardVersions,
  titleEvents,
  titles,
  tracks,
} from '../../db/schema';
import type { Scope } from '../../core/context';
import { titleScopeWhere } from '../titles/queries';
import type { OrgKind } from '../../../../shared/src/enums';

export type RoundRow = typeof rereviewRounds.$inferSelect;
export type ItemRow = typeof rereviewItems.$inferSelect;

export async function lockRound(db: DbOrTx, id: string): Promise<RoundRow | null> {
  const [row] = await db.select().from(rereviewRounds).where(eq(rereviewRounds.id, id)).for('update');
  return row ?? null;
}

export async function findRound(db: DbOrTx, id: string): Promise<RoundRow | null> {
  const [row] = await db.select().from(rereviewRounds).where(eq(rereviewRounds.id, id));
  return row ?? null;
}

export async function insertRound(db: DbOrTx, values: typeof rereviewRounds.$inferInsert) {
  const [row] = await db.insert(rereviewRounds).values(values).returning();
  return row!;
}

export async function insertItems(db: DbOrTx, values: (typeof rereviewItems.$inferInsert)[]) {
  if (values.length) await db.insert(rereviewItems).values(values);
}

export async function findItem(db: DbOrTx, roundId: string, titleId: string): Promise<ItemRow | null> {
  const [row] = await db
    .select()
    .from(rereviewItems)
    .where(and(eq(rereviewItems.roundId, roundId), eq(rereviewItems.titleId, titleId)));
  return row ?? null;
}

export async function updateItem(db: DbOrTx, id: string, set: Partial<typeof rereviewItems.$inferInsert>) {
  await db.update(rereviewItems).set(set).where(eq(rereviewItems.id, id));
}

export async function undecidedCount(db: DbOrTx, roundId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(rereviewItems)
    .where(and(eq(rereviewItems.roundId, roundId), isNull(rereviewItems.outcome)));
  return Number(r?.n ?? 0);
}

export async function closeRound(db: DbOrTx, id: string, now: Date) {
  await db
    .update(rereviewRounds)
    .set({ status: 'closed', closedAt: now, version: sql`${rereviewRounds.version} + 1` })
    .where(eq(rereviewRounds.id, id));
}

// ── Selection ─────────────────────────────────────────────────────────────────────────────────────────
/** The active titles of an award year, locked (the pool of the year and sample modes). */
export function activeOfYear(db: DbOrTx, year: number) {
  return db
    .select()
    .from(titles)
    .where(and(eq(titles.year, year), eq(titles.status, 'active')))
    .orderBy(asc(titles.id))
    .for('update');
}

export function titlesByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(titles).where(inArray(titles.id, ids)).orderBy(asc(titles.serial)).for('update');
}

/** The standard version a campaign used for a track and kind (the kind's own, else the track's). */
export async function awardedStandard(
  db: DbOrTx,
  k: { campaignId: string; trackCode: string; orgKind: OrgKind },
): Promise<string | null> {
  const rows = await db
    .select({ id: campaignStandards.standardVersionId, kind: campaignStandards.orgKind })
    .from(campaignStandards)
    .where(
      and(
        eq(campaignStandards.campaignId, k.campaignId),
        eq(campaignStandards.trackCode, k.trackCode),
        or(eq(campaignStandards.orgKind, k.orgKind), isNull(campaignStandards.orgKind)),
      ),
    );
  return (rows.find((r) => r.kind === k.orgKind) ?? rows[0])?.id ?? null;
}

/** Today's version of the active standard for a track and kind (one naming the kind first). */
export async function currentStandard(
  db: DbOrTx,
  k: { trackCode: string; orgKind: OrgKind },
): Promise<string | null> {
  const rows = await db
    .select({ id: standardVersions.id, kinds: standards.orgKinds })
    .from(standards)
    .innerJoin(
      standardVersions,
      and(
        eq(standardVersions.standardId, standards.id),
        eq(standardVersions.version, standards.latestVersion),
      ),
    )
    .where(and(eq(standards.trackCode, k.trackCode), eq(standards.active, true)))
    .orderBy(asc(standards.code));
  return (
    (rows.find((r) => r.kinds.includes(k.orgKind)) ?? rows.find((r) => r.kinds.length === 0))?.id ?? null
  );
}

// ── Reads ─────────────────────────────────────────────────────────────────────────────────────────────
const unitName = sql<string>`coalesce((select name from organizations u where u.id = ${titles.unitId}), '')`;

export function itemsOf(db: DbOrTx, roundId: string, scope: Scope) {
  return db
    .select({
      item: rereviewItems,
      title: titles,
      unitName,
      trackNameZh: sql<string>`coalesce(${tracks.nameZh}, ${titles.trackCode})`,
      standardName: standards.nameZh,
      standardVersion: standardVersions.version,
    })
    .from(rereviewItems)
    .innerJoin(titles, eq(titles.id, rereviewItems.titleId))
    .leftJoin(tracks, eq(tracks.code, titles.trackCode))
    .leftJoin(standardVersions, eq(standardVersions.id, rereviewItems.standardVersionId))
    .leftJoin(standards, eq(standards.id, standardVersions.standardId))
    .where(and(eq(rereviewItems.roundId, roundId), titleScopeWhere(scope)))
    .orderBy(asc(titles.serial));
}

/** Rounds (newest first) with their titles and outcomes counted in the caller's scope; none in scope, not listed. */
export async function listRounds(db: DbOrTx, scope: Scope, page: { limit: number; offset: number }) {
  const counts = db
    .select({
      roundId: rereviewItems.roundId,
      titles: sql<number>`count(*)::int`.as('titles'),
      decided: sql<number>`count(${rereviewItems.outcome})::int`.as('decided'),
    })
    .from(rereviewItems)
    .innerJoin(titles, eq(titles.id, rereviewItems.titleId))
    .where(titleScopeWhere(scope))
    .groupBy(rereviewItems.roundId)
    .as('c');
  const rows = await db
    .select({ round: rereviewRounds, titles: counts.titles, decided: counts.decided })
    .from(rereviewRounds)
    .innerJoin(counts, eq(counts.roundId, rereviewRounds.id))
    .orderBy(desc(rereviewRounds.createdAt), desc(rereviewRounds.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(counts);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function serialsOf(db: DbOrTx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ serial: titles.serial })
    .from(titles)
    .where(inArray(titles.id, ids))
    .orderBy(asc(titles.serial));
  return rows.map((r) => r.serial);
}

// ── Figures ───────────────────────────────────────────────────────────────────────────────────────────
export function figureTitles(db: DbOrTx) {
  return db
    .select({ id: titles.id, year: titles.year, trackCode: titles.trackCode, orgKind: titles.orgKind })
    .from(titles);
}

export function figureEvents(db: DbOrTx) {
  return db
    .select({ titleId: titleEvents.titleId, action: titleEvents.action, at: titleEvents.at })
    .from(titleEvents)
    .where(inArray(titleEvents.action, ['keep', 'rectify', 'pass_rectification', 'revoke', 'expire']));
}

export function trackNames(db: DbOrTx) {
  return db.select({ code: tracks.code, nameZh: tracks.nameZh }).from(tracks);
}
