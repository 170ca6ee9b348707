/** Queries of the publicity module (the service decides the transaction). */
import { and, asc, count, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  applications,
  calendarDays,
  campaigns,
  objectionNotes,
  objections,
  organizations,
  publicities,
  publicityItems,
  tracks,
  users,
  venues,
} from '../../db/schema';

type Lock = 'update' | 'share';
export type PublicityRow = typeof publicities.$inferSelect;
export type ItemRow = typeof publicityItems.$inferSelect;
export type ObjectionRow = typeof objections.$inferSelect;

// ── Calendar ──────────────────────────────────────────────────────────────────────────────────────────
export function calendarBetween(db: DbOrTx, from: string, to: string) {
  return db
    .select({ date: calendarDays.date, kind: calendarDays.kind, name: calendarDays.name })
    .from(calendarDays)
    .where(and(gte(calendarDays.date, from), lte(calendarDays.date, to)))
    .orderBy(asc(calendarDays.date));
}

export async function findDay(db: DbOrTx, date: string) {
  const [row] = await db.select().from(calendarDays).where(eq(calendarDays.date, date));
  return row ?? null;
}

export async function upsertDay(db: DbOrTx, values: typeof calendarDays.$inferInsert) {
  await db
    .insert(calendarDays)
    .values(values)
    .onConflictDoUpdate({
      target: calendarDays.date,
      set: { kind: values.kind, name: values.name, updatedAt: values.updatedAt, updatedBy: values.updatedBy },
    });
}

export async function deleteDay(db: DbOrTx, date: string): Promise<void> {
  await db.delete(calendarDays).where(eq(calendarDays.date, date));
}

/** Replaces a year's days by `days` (the import). */
export async function replaceYear(db: DbOrTx, year: number, days: (typeof calendarDays.$inferInsert)[]) {
  await db
    .delete(calendarDays)
    .where(and(gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`)));
  if (days.length) await db.insert(calendarDays).values(days);
}

/** The years among `years` that have at least one day in the calendar. */
export async function yearsWithDays(db: DbOrTx, years: number[]): Promise<Set<number>> {
  const rows = await db
    .select({ year: sql<number>`extract(year from ${calendarDays.date})::int` })
    .from(calendarDays)
    .where(inArray(sql`extract(year from ${calendarDays.date})::int`, years))
    .groupBy(sql`1`);
  return new Set(rows.map((r) => Number(r.year)));
}

// ── Publicities ───────────────────────────────────────────────────────────────────────────────────────
export async function findCampaign(db: DbOrTx, id: string, lock?: Lock) {
  const q = db
    .select({ id: campaigns.id, name: campaigns.name, status: campaigns.status })
    .from(campaigns)
    .where(eq(campaigns.id, id));
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

export async function openPublicityOf(db: DbOrTx, campaignId: string): Promise<PublicityRow | null> {
  const [row] = await db
    .select()
    .from(publicities)
    .where(and(eq(publicities.campaignId, campaignId), eq(publicities.status, 'open')));
  return row ?? null;
}

export async function findPublicity(db: DbOrTx, id: string, lock?: Lock): Promise<PublicityRow | null> {
  const q = db.select().from(publicities).where(eq(publicities.id, id));
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

export function publicitiesOfCampaign(db: DbOrTx, campaignId: string) {
  return db
    .select()
    .from(publicities)
    .where(eq(publicities.campaignId, campaignId))
    .orderBy(asc(publicities.startsAt));
}

/** Open publicities whose window has not ended, soonest end first. */
export function currentPublicities(db: DbOrTx, now: Date) {
  return db
    .select()
    .from(publicities)
    .where(and(eq(publicities.status, 'open'), sql`${publicities.endsAt} > ${now}`))
    .orderBy(asc(publicities.endsAt), asc(publicities.id));
}

export async function insertPublicity(db: DbOrTx, values: typeof publicities.$inferInsert) {
  const [row] = await db.insert(publicities).values(values).returning();
  return row!;
}

export async function touchPublicity(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db
    .update(publicities)
    .set({ version: sql`${publicities.version} + 1`, updatedAt: now })
    .where(eq(publicities.id, id));
}

/** What the list shows of applications: the subject's names, brand, track and kind. */
export function applicationCards(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: applications.id,
      status: applications.status,
      trackCode: applications.trackCode,
      orgKind: applications.orgKind,
      brandName: applications.brandName,
      organizationName: organizations.name,
      venueName: venues.name,
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(venues, eq(venues.id, applications.venueId))
    .where(inArray(applications.id, ids));
}

export function proposedIds(db: DbOrTx, campaignId: string) {
  return db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.campaignId, campaignId), eq(applications.status, 'proposed')))
    .orderBy(asc(applications.id));
}

export async function insertItems(db: DbOrTx, values: (typeof publicityItems.$inferInsert)[]) {
  if (values.length === 0) return [];
  return db.insert(publicityItems).values(values).returning();
}

export function itemsOf(db: DbOrTx, publicityId: string) {
  return db
    .select()
    .from(publicityItems)
    .where(eq(publicityItems.publicityId, publicityId))
    .orderBy(asc(publicityItems.trackCode), asc(publicityItems.orgKind), asc(publicityItems.rank));
}

export async function findItem(db: DbOrTx, id: string): Promise<ItemRow | null> {
  const [row] = await db.select().from(publicityItems).where(eq(publicityItems.id, id));
  return row ?? null;
}

export async function strikeItem(db: DbOrTx, id: string, reason: string, now: Date): Promise<void> {
  await db
    .update(publicityItems)
    .set({ status: 'struck', reason, struckAt: now })
    .where(eq(publicityItems.id, id));
}

export function trackNames(db: DbOrTx) {
  return db.select({ code: tracks.code, nameZh: tracks.nameZh, nameEn: tracks.nameEn }).from(tracks);
}

// ── Objections ────────────────────────────────────────────────────────────────────────────────────────
export async function objectionCounts(db: DbOrTx, publicityId: string) {
  const rows = await db
    .select({ status: objections.status, n: count() })
    .from(objections)
    .where(eq(objections.publicityId, publicityId))
    .groupBy(objections.status);
  const total = rows.reduce((s, r) => s + r.n, 0);
  return { total, open: total - (rows.find((r) => r.status === 'closed')?.n ?? 0) };
}

/** Objections filed since `since`: from one source, and in all. */
export async function filedSince(db: DbOrTx, sourceHash: string, since: Date) {
  const [mine] = await db
    .select({ n: count() })
    .from(objections)
    .where(and(eq(objections.sourceHash, sourceHash), gte(objections.filedAt, since)));
  const [all] = await db.select({ n: count() }).from(objections).where(gte(objections.filedAt, since));
  return { mine: mine!.n, all: all!.n };
}

export async function insertObjection(db: DbOrTx, values: typeof objections.$inferInsert) {
  const [row] = await db.insert(objections).values(values).returning();
  return row!;
}

export async function findObjection(db: DbOrTx, id: string, lock?: Lock): Promise<ObjectionRow | null> {
  const q = db.select().from(objections).where(eq(objections.id, id));
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

export async function objectionByReceipt(db: DbOrTx, code: string): Promise<ObjectionRow | null> {
  const [row] = await db.select().from(objections).where(eq(objections.receiptCode, code));
  return row ?? null;
}

export function objectionsOf(db: DbOrTx, publicityId: string) {
  return db
    .select()
    .from(objections)
    .where(eq(objections.publicityId, publicityId))
    .orderBy(asc(objections.filedAt), asc(objections.id));
}

export async function updateObjection(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Partial<typeof objections.$inferInsert>,
): Promise<ObjectionRow | null> {
  const [row] = await db
    .update(objections)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(objections.id, id), eq(objections.version, version)))
    .returning();
  return row ?? null;
}

export async function insertNote(db: DbOrTx, values: typeof objectionNotes.$inferInsert): Promise<void> {
  await db.insert(objectionNotes).values(values);
}

export function notesOf(db: DbOrTx, objectionId: string) {
  return db
    .select()
    .from(objectionNotes)
    .where(eq(objectionNotes.objectionId, objectionId))
    .orderBy(asc(objectionNotes.at), asc(objectionNotes.id));
}

/** A committee administrator who may handle objections (an active account), or null. */
export async function committeeMember(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, 'committee_admin'), eq(users.disabled, false)));
  return row ?? null;
}

/** Serialises imports of the calendar (a transaction-scoped advisory lock). */
export async function lockCalendar(db: DbOrTx): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('shifan.calendar'))`);
}
