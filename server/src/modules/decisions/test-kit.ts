/**
 * Fixtures for the decision's tests (and its matrix rows): a campaign in `deciding` with a gate and one
 * scoring stage, closed, whose reviews are inserted directly; the materialised results (`stage_results`,
 * `evaluation_totals`) are computed from those reviews by the pure `evaluate` and inserted, as the
 * results module would keep them.
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { users } from '../../db/schema';
import {
  applications,
  assignments,
  campaignQuotas,
  campaigns,
  evaluationTotals,
  reviews,
  stageResults,
  stages,
} from '../../db/schema';
import { insertOrg, insertUser } from '../../../test/helpers';
import { defaultStandard, seedOpenCampaign } from '../../../test/campaign-fixtures';
import { evaluate, type EvaluationInput } from '../../../../shared/src/domain/evaluation';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import { acceptProposal, confirm, create } from './service';
import type { Actor } from '../../core/context';

type Org = Awaited<ReturnType<typeof insertOrg>>;

export interface KitApp {
  key: string;
  /** One score per reviewer of the scoring stage (0–100). */
  scores: number[];
  /** Fails the gate's veto item. */
  failsGate?: boolean;
  status?: ApplicationStatus;
  /** The organisation (a branch); a fresh branch under `unit` when not given. */
  org?: Org;
  unit: Org;
  /** Minutes after the campaign's start (decides ties after the scores). */
  submittedMinute: number;
}

export const VETO_ITEM = '00000000-0000-4000-8000-00000000dead';

export async function seedDeciding(db: Db, now: Date, spec: { branchQuota: number; apps: KitApp[] }) {
  const uniq = crypto.randomBytes(3).toString('hex');
  const seeded = await seedOpenCampaign(db, now);
  const campaignId = seeded.campaign.id;
  await db.update(campaigns).set({ status: 'deciding' }).where(eq(campaigns.id, campaignId));
  await db
    .update(campaignQuotas)
    .set({ quota: spec.branchQuota })
    .where(eq(campaignQuotas.campaignId, campaignId));
  const branch = await defaultStandard(db, 'SITE-BRANCH');
  const t = seeded.campaign.applicationOpensAt.getTime();
  const [gate, scoring] = await db
    .insert(stages)
    .values(
      [
        {
          position: 1,
          nameZh: '资格审查',
          nameEn: 'Qualification check',
          method: 'gate' as const,
          weight: 0,
        },
        {
          position: 2,
          nameZh: '集体评审',
          nameEn: 'Panel review',
          method: 'criteria_scoring' as const,
          weight: 1,
          aggregation: 'mean' as const,
        },
      ].map((s) => ({
        ...s,
        campaignId,
        opensAt: new Date(t),
        closesAt: new Date(t + 3600_000),
        minReviews: 1,
        status: 'closed' as const,
      })),
    )
    .returning();
  const reviewerCount = Math.max(...spec.apps.map((a) => a.scores.length));
  const reviewers = [];
  for (let i = 0; i < reviewerCount; i++)
    reviewers.push(await insertUser(db, { username: `exp${uniq}${i}`, role: 'reviewer' }));

  const ids: Record<string, string> = {};
  const orgs: Record<string, Org> = {};
  for (const [i, a] of spec.apps.entries()) {
    const org =
      a.org ??
      (await insertOrg(db, { code: `K${uniq}${i}`, name: `${a.key}党支部`, kind: 'branch', parent: a.unit }));
    orgs[a.key] = org;
    const [row] = await db
      .insert(applications)
      .values({
        campaignId,
        trackCode: 'site',
        subjectId: org.id,
        organizationId: org.id,
        unitId: org.unitId!,
        orgKind: 'branch',
        standardVersionId: branch.versionId,
        status: a.status ?? 'shortlisted',
        brandName: `${a.key}品牌`,
        submittedAt: new Date(t + a.submittedMinute * 60_000),
      })
      .returning();
    ids[a.key] = row!.id;
  }

  const input: EvaluationInput = {
    stages: [gate!, scoring!].map((s) => ({
      id: s.id,
      position: s.position,
      method: s.method,
      weight: s.weight,
      aggregation: s.aggregation,
      standardise: s.standardise,
      minReviews: s.minReviews,
      tracks: s.tracks,
      peerMode: null,
      vetoRule: s.vetoRule,
    })),
    applications: spec.apps
      .filter((a) => (a.status ?? 'shortlisted') === 'shortlisted')
      .map((a) => ({
        id: ids[a.key]!,
        track: 'site',
        kind: 'branch',
        submittedAt: new Date(t + a.submittedMinute * 60_000).toISOString(),
      })),
    entrants: spec.apps.flatMap((a) => [
      { stageId: gate!.id, applicationId: ids[a.key]! },
      { stageId: scoring!.id, applicationId: ids[a.key]! },
    ]),
    reviews: [],
    peerMarks: [],
  };
  const reviewRows: (typeof reviews.$inferInsert)[] = [];
  for (const a of spec.apps) {
    const org = orgs[a.key]!;
    const add = async (stageId: string, reviewerId: string, score: number | null, vetoes = {}) => {
      const [as] = await db
        .insert(assignments)
        .values({ stageId, campaignId, applicationId: ids[a.key]!, reviewerId, unitId: org.unitId! })
        .returning();
      reviewRows.push({
        id: as!.id,
        stageId,
        applicationId: ids[a.key]!,
        reviewerId,
        unitId: org.unitId!,
        status: 'locked',
        vetoes,
        score,
        lockedAt: now,
      });
    };
    await add(gate!.id, reviewers[0]!.id, null, { [VETO_ITEM]: !a.failsGate });
    (input.reviews as unknown[]).push({
      stageId: gate!.id,
      applicationId: ids[a.key]!,
      reviewerId: reviewers[0]!.id,
      score: null,
      failedVetoes: a.failsGate ? [VETO_ITEM] : [],
    });
    for (const [i, score] of a.scores.entries()) {
      await add(scoring!.id, reviewers[i]!.id, score);
      (input.reviews as unknown[]).push({
        stageId: scoring!.id,
        applicationId: ids[a.key]!,
        reviewerId: reviewers[i]!.id,
        score,
        failedVetoes: [],
      });
    }
  }
  await db.insert(reviews).values(reviewRows);

  // What the results module keeps: every entrant's stage result, every application's total.
  const everyone = evaluate({
    ...input,
    applications: spec.apps.map((a) => ({
      id: ids[a.key]!,
      track: 'site',
      kind: 'branch',
      submittedAt: new Date(t + a.submittedMinute * 60_000).toISOString(),
    })),
  });
  const appOf = new Map(spec.apps.map((a) => [ids[a.key]!, orgs[a.key]!]));
  await db.insert(stageResults).values(
    everyone.stageResults.map((r) => ({
      stageId: r.stageId,
      applicationId: r.applicationId,
      campaignId,
      trackCode: 'site',
      orgKind: 'branch' as const,
      unitId: appOf.get(r.applicationId)!.unitId!,
      reviewCount: r.count,
      score: r.score,
      standardisedScore: r.standardisedScore,
      spread: r.spread,
      sd: r.sd,
      gatePassed: r.gatePassed,
      failedVetoes: r.failedVetoes,
      enteredAt: now,
      updatedAt: now,
    })),
  );
  await db.insert(evaluationTotals).values(
    everyone.totals.map((r) => ({
      applicationId: r.applicationId,
      campaignId,
      trackCode: 'site',
      orgKind: 'branch' as const,
      unitId: appOf.get(r.applicationId)!.unitId!,
      finalScore: r.final,
      finalStandardised: r.finalStandardised,
      lastStageScore: r.lastStageScore,
      lastStageStandardised: r.lastStageStandardised,
      countedReviews: r.countedReviews,
      gatesPassed: r.gatesPassed,
      submittedAt: r.submittedAt ? new Date(r.submittedAt) : null,
      updatedAt: now,
    })),
  );
  return { campaignId, ids, orgs, stages: { gate: gate!, scoring: scoring! }, reviewers, input };
}

/** The standard scenario: branch quota 3; E fails the gate (not shortlisted); C and D tie at the line. */
export function standardApps(units: { a1: Org; unitA: Org; unitB: Org }): KitApp[] {
  return [
    { key: 'A', scores: [90, 92, 88], org: units.a1, unit: units.unitA, submittedMinute: 5 },
    { key: 'B', scores: [85, 84, 86], unit: units.unitB, submittedMinute: 4 },
    { key: 'C', scores: [80, 80, 80], unit: units.unitB, submittedMinute: 1 },
    { key: 'D', scores: [81, 79, 80], unit: units.unitA, submittedMinute: 2 },
    {
      key: 'E',
      scores: [95, 95, 95],
      unit: units.unitB,
      submittedMinute: 3,
      failsGate: true,
      status: 'not_selected',
    },
    { key: 'F', scores: [60, 70, 65], unit: units.unitB, submittedMinute: 6 },
  ];
}

/** A small deciding campaign (two shortlisted applications, quota 1) with its draft decision. */
export async function seedDraft(db: Db, now: Date, units: { a1: Org; unitA: Org; unitB: Org }) {
  const s = await seedDeciding(db, now, {
    branchQuota: 1,
    apps: [
      { key: 'A', scores: [90], unit: units.unitA, submittedMinute: 1 },
      { key: 'B', scores: [80], unit: units.unitB, submittedMinute: 2 },
    ],
  });
  const d = await create(db, { actor: null, ip: null, requestId: null, lang: 'zh-CN', now }, s.campaignId);
  return { ...s, decision: d };
}

/** A draft whose lines all follow the proposal, with votes: ready to confirm. */
export async function seedReady(db: Db, now: Date, units: { a1: Org; unitA: Org; unitB: Org }) {
  const s = await seedDraft(db, now, units);
  const ctx = { actor: null, ip: null, requestId: null, lang: 'zh-CN' as const, now };
  const d = await acceptProposal(db, ctx, s.decision.id, {
    version: s.decision.version,
    votes: { for: 7, against: 0, abstain: 0 },
  });
  return { ...s, decision: d };
}

/** A confirmed decision (confirmed by `actor`, a committee admin). */
export async function seedConfirmed(
  db: Db,
  now: Date,
  units: { a1: Org; unitA: Org; unitB: Org },
  actor: Actor,
) {
  const s = await seedReady(db, now, units);
  const ctx = { actor, ip: null, requestId: null, lang: 'zh-CN' as const, now };
  return { ...s, decision: await confirm(db, ctx, s.decision.id, s.decision.version) };
}

/** The actor of a user row (for services called by fixtures). */
export function actorOf(u: typeof users.$inferSelect): Actor {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    organizationId: u.organizationId,
    unitId: u.unitId,
    mustChangePassword: false,
  };
}
