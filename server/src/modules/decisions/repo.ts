/**
 * The decision module's SQL. It writes only `decisions` and `decision_lines`; the evaluation's raw data
 * it reads read-only in `evaluation-input.ts`.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../core/context';
import {
  applications,
  campaignQuotas,
  campaigns,
  decisionLines,
  decisions,
  organizations,
  venues,
} from '../../db/schema';

export type DecisionRow = typeof decisions.$inferSelect;
export type LineRow = typeof decisionLines.$inferSelect;

type Lock = 'update' | 'share';

export async function findCampaign(db: DbOrTx, id: string, lock?: Lock) {
  const q = db
    .select({ id: campaigns.id, status: campaigns.status, year: campaigns.year, name: campaigns.name })
    .from(campaigns)
    .where(eq(campaigns.id, id));
  const rows = await (lock === 'update' ? q.for('update') : lock === 'share' ? q.for('share') : q);
  return rows[0] ?? null;
}

export async function findDecision(db: DbOrTx, id: string, lock?: Lock): Promise<DecisionRow | null> {
  const q = db.select().from(decisions).where(eq(decisions.id, id));
  const rows = await (lock === 'update' ? q.for('update') : lock === 'share' ? q.for('share') : q);
  return rows[0] ?? null;
}

export async function decisionOfCampaign(db: DbOrTx, campaignId: string): Promise<DecisionRow | null> {
  const [row] = await db.select().from(decisions).where(eq(decisions.campaignId, campaignId));
  return row ?? null;
}

/** The campaign's quotas (kind null: the whole track). */
export function quotas(db: DbOrTx, campaignId: string) {
  return db
    .select({ track: campaignQuotas.trackCode, orgKind: campaignQuotas.orgKind, quota: campaignQuotas.quota })
    .from(campaignQuotas)
    .where(eq(campaignQuotas.campaignId, campaignId))
    .orderBy(asc(campaignQuotas.trackCode), asc(campaignQuotas.orgKind));
}

/** The campaign's shortlisted applications (the decision's lines). */
export function shortlisted(db: DbOrTx, campaignId: string) {
  return db
    .select({
      id: applications.id,
      track: applications.trackCode,
      orgKind: applications.orgKind,
      unitId: applications.unitId,
    })
    .from(applications)
    .where(and(eq(applications.campaignId, campaignId), eq(applications.status, 'shortlisted')));
}

export async function insertDecision(db: DbOrTx, values: typeof decisions.$inferInsert) {
  const [row] = await db.insert(decisions).values(values).returning();
  return row!;
}

export async function insertLines(db: DbOrTx, values: (typeof decisionLines.$inferInsert)[]) {
  for (let i = 0; i < values.length; i += 1000)
    await db.insert(decisionLines).values(values.slice(i, i + 1000));
}

const unit = alias(organizations, 'unit');

/** The decision's lines with the names the meeting screen and the result list show, by group and rank. */
export function linesWithNames(db: DbOrTx, decisionId: string) {
  return db
    .select({
      line: decisionLines,
      brandName: applications.brandName,
      organizationName: organizations.name,
      venueName: venues.name,
      unitName: unit.name,
    })
    .from(decisionLines)
    .innerJoin(applications, eq(applications.id, decisionLines.applicationId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(venues, eq(venues.id, applications.venueId))
    .leftJoin(unit, eq(unit.id, decisionLines.unitId))
    .where(eq(decisionLines.decisionId, decisionId))
    .orderBy(asc(decisionLines.trackCode), asc(decisionLines.orgKind), asc(decisionLines.rank));
}
export type LineWithNames = Awaited<ReturnType<typeof linesWithNames>>[number];

export async function lines(db: DbOrTx, decisionId: string): Promise<LineRow[]> {
  return db.select().from(decisionLines).where(eq(decisionLines.decisionId, decisionId));
}

export async function updateLine(
  db: DbOrTx,
  decisionId: string,
  applicationId: string,
  values: Partial<typeof decisionLines.$inferInsert>,
) {
  await db
    .update(decisionLines)
    .set(values)
    .where(and(eq(decisionLines.decisionId, decisionId), eq(decisionLines.applicationId, applicationId)));
}

/** Bumps the decision's version when it is still `version`; null when someone else changed it first. */
export async function touchDecision(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<typeof decisions.$inferInsert>,
): Promise<DecisionRow | null> {
  const [row] = await db
    .update(decisions)
    .set({ ...values, version: sql`${decisions.version} + 1` })
    .where(and(eq(decisions.id, id), eq(decisions.version, version)))
    .returning();
  return row ?? null;
}

/** Lines without a choice take the proposal's (selected = proposed), with the votes given, if any. */
export async function acceptOpenLines(
  db: DbOrTx,
  decisionId: string,
  votes: { for: number; against: number; abstain: number } | null,
) {
  await db
    .update(decisionLines)
    .set({
      selected: sql`${decisionLines.proposed}`,
      ...(votes ? { votesFor: votes.for, votesAgainst: votes.against, votesAbstain: votes.abstain } : {}),
    })
    .where(and(eq(decisionLines.decisionId, decisionId), isNull(decisionLines.selected)));
}

/** One application inside the caller's scope (its organisation, its unit, or all), or null. */
export async function applicationInScope(db: DbOrTx, scope: Scope, id: string) {
  const where =
    scope.kind === 'unit'
      ? eq(applications.unitId, scope.unitId)
      : scope.kind === 'org'
        ? eq(applications.organizationId, scope.orgId)
        : scope.kind === 'all'
          ? undefined
          : sql`false`;
  const [row] = await db
    .select({ id: applications.id, campaignId: applications.campaignId })
    .from(applications)
    .where(and(eq(applications.id, id), where))
    .limit(1);
  return row ?? null;
}

/** The decision's line of one application, or null. */
export async function lineOf(db: DbOrTx, decisionId: string, applicationId: string): Promise<LineRow | null> {
  const [row] = await db
    .select()
    .from(decisionLines)
    .where(and(eq(decisionLines.decisionId, decisionId), eq(decisionLines.applicationId, applicationId)));
  return row ?? null;
}
