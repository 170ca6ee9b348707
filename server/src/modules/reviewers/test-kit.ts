/**
 * Fixtures for the evaluation tests of the pool and assignments: a stage of a campaign, its entrants
 * (applications `in_review` with their `stage_results` row), reviewers placed in the tree or outside.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { applications } from '../../db/schema';
import { assignments, reviewerProfiles, reviews, stageResults, stages } from '../../db/schema';
import { insertUser } from '../../../test/helpers';
import { insertApplication } from '../../../test/campaign-fixtures';
import type { OrgKind } from '../../../../shared/src/enums';
import type { MatrixCtx, Scope } from '../../../test/matrix-types';

const DAY = 24 * 3600_000;

/** A stage at the campaign's next position, open from a day ago for 30 days (or as given). */
export async function seedStage(
  db: Db,
  campaignId: string,
  now: Date,
  opts: { status?: 'draft' | 'open' | 'closed'; blind?: boolean; nameZh?: string } = {},
) {
  const [{ next }] = (await db
    .select({ next: sql<number>`coalesce(max(${stages.position}), 0) + 1` })
    .from(stages)
    .where(eq(stages.campaignId, campaignId))) as [{ next: number }];
  const [row] = await db
    .insert(stages)
    .values({
      campaignId,
      position: Number(next),
      nameZh: opts.nameZh ?? '集体评审',
      nameEn: 'Collective review',
      method: 'criteria_scoring',
      opensAt: new Date(now.getTime() - DAY),
      closesAt: new Date(now.getTime() + 30 * DAY),
      weight: 0.3,
      status: opts.status ?? 'open',
      blind: opts.blind ?? false,
    })
    .returning();
  return row!;
}

/** An application `in_review` of the organisation, entered in the stage. */
export async function seedEntrant(
  db: Db,
  stage: { id: string; campaignId: string },
  org: { id: string; unitId: string | null; kind: OrgKind },
  standardVersionId: string,
  brandName?: string,
) {
  const app = await insertApplication(db, {
    campaignId: stage.campaignId,
    organization: org,
    standardVersionId,
    status: 'in_review',
    brandName,
  });
  await enter(db, stage.id, app);
  return app;
}

/** Enters an existing application in a stage. */
export async function enter(db: Db, stageId: string, app: typeof applications.$inferSelect) {
  await db.insert(stageResults).values({
    stageId,
    applicationId: app.id,
    campaignId: app.campaignId,
    trackCode: app.trackCode,
    orgKind: app.orgKind,
    unitId: app.unitId,
    enteredAt: new Date(),
    updatedAt: new Date(),
  });
}

/** A reviewer account with a profile: placed at an organisation of the tree, or external (null). */
export async function seedReviewer(
  db: Db,
  username: string,
  org: { id: string; unitId: string | null; path: string; depth: number } | null,
  profile: { expertise?: string[]; available?: boolean } = {},
) {
  const user = await insertUser(db, { username, role: 'reviewer' });
  await db.insert(reviewerProfiles).values({
    userId: user.id,
    affiliationOrgId: org?.id ?? null,
    affiliationUnitId: org ? (org.depth === 0 ? null : (org.unitId ?? org.id)) : null,
    affiliationPath: org?.path ?? null,
    externalAffiliation: org ? null : '天津大学马克思主义学院',
    expertise: profile.expertise ?? [],
    available: profile.available ?? true,
  });
  return user;
}

/** An assignment with its pending review, written directly. */
export async function insertAssignment(
  db: Db,
  stage: { id: string; campaignId: string },
  app: { id: string; unitId: string },
  reviewerId: string,
) {
  const [a] = await db
    .insert(assignments)
    .values({
      stageId: stage.id,
      campaignId: stage.campaignId,
      applicationId: app.id,
      reviewerId,
      unitId: app.unitId,
    })
    .returning();
  await db
    .insert(reviews)
    .values({ id: a!.id, stageId: stage.id, applicationId: app.id, reviewerId, unitId: app.unitId });
  return a!;
}

const stageOf = new WeakMap<MatrixCtx, Promise<{ id: string; campaignId: string }>>();
/** One open stage of the matrix's campaign, made on first use. */
export function matrixStage(ctx: MatrixCtx) {
  let s = stageOf.get(ctx);
  if (!s) {
    s = seedStage(ctx.env.db, ctx.campaign.campaign.id, ctx.env.clock.now);
    stageOf.set(ctx, s);
  }
  return s;
}
/** A fresh entrant of the matrix stage, in unit A (in) or B (out). */
export async function freshEntrant(ctx: MatrixCtx, s: Scope) {
  const org = await ctx.freshBranch(s);
  return seedEntrant(ctx.env.db, await matrixStage(ctx), org, ctx.campaign.standards.branch.versionId);
}
