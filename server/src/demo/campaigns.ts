/**
 * Seeds the campaign demo (issue #3's "done when"): three yearly “双示范” campaigns — two closed with their
 * certified (titled) and not-selected applications, the current one open with applications in every status it can
 * hold — plus more venues, cultivation pools and the demo accounts' inboxes. Rows are built by
 * `campaign-build.ts` as the services would have written them and inserted in batches in the caller's
 * transaction, with a few `demo.seed` audit events summing them up. Evidence: every application past its
 * draft has one row per criterion that asks for it, all pointing at one stored PDF (`evidence-file.ts`).
 */
import { and, asc, count, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import {
  applicationEvents,
  applications,
  campaignQuotas,
  campaigns,
  campaignStandards,
  campaignTracks,
  campaignUnitCaps,
  criteria,
  cultivationMilestones,
  evidenceFiles,
  cultivationNotes,
  cultivations,
  notifications,
  selfAssessments,
  standards,
  standardVersions,
  venues,
} from '../db/schema';
import type { Ctx } from '../core/context';
import { writeAudit } from '../modules/audit/write';
import { yearOf } from '../../../shared/src/domain/campaign-rules';
import type { DemoData } from './build';
import { buildCampaignDemo, type StandardsInput } from './campaign-build';
import { castOf } from './campaign-cast';
import { evaluateClosedYear } from './campaign-evaluation';
import { importCalendars } from './campaign-publicity';
import { cst } from './campaign-time';

export interface CampaignDemoSummary {
  campaigns: number;
  applications: number;
  cultivations: number;
  notifications: number;
  venues: number;
  /** The closed years' evaluation (`campaign-evaluation.ts`). */
  stages: number;
  entrants: number;
  reviews: number;
  /** The working-day calendar's years, and the closed years' publicity and naming (`campaign-publicity.ts`). */
  calendarYears: number;
  publicities: number;
  objections: number;
  titles: number;
}

/** When the demo's records begin: early January two years before `now`'s, before the first campaign. */
export function demoEpoch(now: Date): Date {
  return new Date(cst(yearOf(now) - 2, 1, 6, 9));
}

/** Version 1 of the default standards of migration 0003, with their criteria in order. */
export async function loadDefaultStandards(db: DbOrTx): Promise<StandardsInput> {
  const one = async (code: string) => {
    const [v] = await db
      .select({ id: standardVersions.id })
      .from(standardVersions)
      .innerJoin(standards, eq(standards.id, standardVersions.standardId))
      .where(and(eq(standards.code, code), eq(standardVersions.version, 1)));
    if (!v) throw new Error(`The demo seed needs the default standard ${code} (migration 0003).`);
    const items = await db
      .select({
        id: criteria.id,
        maxPoints: criteria.maxPoints,
        bonus: criteria.bonus,
        evidenceRequired: criteria.evidenceRequired,
        titleZh: criteria.titleZh,
      })
      .from(criteria)
      .where(eq(criteria.standardVersionId, v.id))
      .orderBy(asc(criteria.position));
    return { versionId: v.id, criteria: items };
  };
  return {
    committee: await one('SITE-COMMITTEE'),
    branch: await one('SITE-BRANCH'),
    venue: await one('VENUE'),
  };
}

/** Inserts rows a few hundred at a time (one statement each). */
async function insertAll<T extends Record<string, unknown>>(
  write: (rows: T[]) => Promise<unknown>,
  rows: T[],
  size = 400,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

export async function seedCampaigns(
  tx: DbOrTx,
  ctx: Ctx,
  base: DemoData,
  seeder: { id: null; name: string; role: null },
): Promise<CampaignDemoSummary> {
  const d = buildCampaignDemo(base, await loadDefaultStandards(tx), ctx.now);
  const since = demoEpoch(ctx.now);
  await tx.insert(venues).values(d.venues.map((v) => ({ ...v, createdAt: since, updatedAt: since })));
  await tx.insert(campaigns).values(d.campaigns);
  await tx.insert(campaignTracks).values(d.tracks);
  await tx.insert(campaignStandards).values(d.standards);
  await tx.insert(campaignQuotas).values(d.quotas);
  await tx.insert(campaignUnitCaps).values(d.caps);
  await tx.insert(cultivations).values(d.cultivations);
  await tx.insert(cultivationMilestones).values(d.milestones);
  await tx.insert(cultivationNotes).values(d.notes);
  await insertAll((rows) => tx.insert(applications).values(rows), d.applications);
  await insertAll((rows) => tx.insert(selfAssessments).values(rows), d.selfAssessments);
  await insertAll((rows) => tx.insert(evidenceFiles).values(rows), d.evidence);
  // The history in time order per application: the identity column then orders same-time events too.
  await insertAll((rows) => tx.insert(applicationEvents).values(rows), d.events);
  await insertAll((rows) => tx.insert(notifications).values(rows), d.notifications);

  await writeAudit(tx, ctx, {
    action: 'demo.seed',
    objectType: 'venue',
    actorOverride: seeder,
    detail: `另 ${d.venues.length} 个阵地（基层党组织活动室）`,
  });
  for (const c of d.campaigns) {
    const mine = d.applications.filter((a) => a.campaignId === c.id);
    const site = mine.filter((a) => a.trackCode === 'site').length;
    await writeAudit(tx, ctx, {
      action: 'demo.seed',
      objectType: 'campaign',
      objectId: c.id,
      actorOverride: seeder,
      detail: `${c.name}：示范点申报 ${site} 个，示范阵地申报 ${mine.length - site} 个`,
    });
  }
  const units = new Set(d.cultivations.map((c) => c.unitId)).size;
  await writeAudit(tx, ctx, {
    action: 'demo.seed',
    objectType: 'cultivation',
    actorOverride: seeder,
    detail: `${units} 个单位培育库共 ${d.cultivations.length} 个培育对象`,
  });
  const db = tx as unknown as Db;
  const calendarYears = await importCalendars(db, await castOf(db), yearOf(ctx.now), since.getTime());
  const evaluation = { stages: 0, entrants: 0, reviews: 0, publicities: 0, objections: 0, titles: 0 };
  for (const y of d.closedYears) {
    const e = await evaluateClosedYear(db, y);
    for (const k of Object.keys(evaluation) as (keyof typeof evaluation)[]) evaluation[k] += e[k];
  }
  const [inbox] = await tx.select({ n: count() }).from(notifications);
  return {
    campaigns: d.campaigns.length,
    applications: d.applications.length,
    cultivations: d.cultivations.length,
    notifications: inbox?.n ?? 0,
    venues: d.venues.length,
    calendarYears,
    ...evaluation,
  };
}
