/**
 * The application detail presenter: the row, its campaign, track, organisation, unit and venue, the
 * criteria of its standard version with the self-assessment, the evidence files, the history, the
 * completeness gaps and the caller's abilities. An explicit allow-list of what leaves the server.
 */
import type { DbOrTx } from '../../db/client';
import type { Ctx } from '../../core/context';
import type { ApplicationDetail } from '../../../../shared/src/contracts/applications';
import { fromLoaded } from './gaps';
import { gapItem } from './messages';
import * as repo from './repo';
import { abilitiesFor } from './workflow';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function buildDetail(
  db: DbOrTx,
  ctx: Ctx,
  row: repo.ApplicationRow,
): Promise<ApplicationDetail> {
  const campaign = (await repo.findCampaign(db, row.campaignId))!;
  const names = await repo.loadContext(db, row);
  const criteria = await repo.listCriteria(db, row.standardVersionId);
  const assessed = await repo.listSelfAssessments(db, row.id);
  const evidence = await repo.listEvidence(db, row.id);
  const events = await repo.listEvents(db, row.id);
  const { gaps, titles } = fromLoaded(row, criteria, assessed, evidence);
  const byCriterion = new Map(assessed.map((s) => [s.criterionId, s]));
  const evidenceCount = new Map<string, number>();
  for (const e of evidence)
    if (e.criterionId) evidenceCount.set(e.criterionId, (evidenceCount.get(e.criterionId) ?? 0) + 1);
  const selfScoreTotal = assessed.reduce((sum, s) => sum + (s.score ?? 0), 0);
  return {
    id: row.id,
    campaign: {
      id: campaign.id,
      name: campaign.name,
      year: campaign.year,
      status: campaign.status,
      applicationOpensAt: campaign.applicationOpensAt.toISOString(),
      applicationClosesAt: campaign.applicationClosesAt.toISOString(),
      recommendationDeadline: campaign.recommendationDeadline.toISOString(),
    },
    track: {
      code: names.track.code,
      nameZh: names.track.nameZh,
      nameEn: names.track.nameEn,
      subject: names.track.subject,
    },
    organization: { ...names.org, kind: row.orgKind },
    unit: names.unit,
    venue: names.venue,
    standard: names.standard,
    status: row.status,
    brandName: row.brandName,
    summary: row.summary,
    features: row.features,
    practices: row.practices,
    results: row.results,
    unitOpinion: row.unitOpinion,
    unitRank: row.unitRank,
    returnedReason: row.returnedReason,
    submittedAt: iso(row.submittedAt),
    recommendedAt: iso(row.recommendedAt),
    acceptedAt: iso(row.acceptedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    updatedByName: row.updatedByName,
    version: row.version,
    criteria: criteria.map((c) => ({
      id: c.id,
      position: c.position,
      titleZh: c.titleZh,
      titleEn: c.titleEn,
      description: c.description,
      maxPoints: c.maxPoints,
      evidence: c.evidence,
      evidenceRequired: c.evidenceRequired,
      veto: c.veto,
      bonus: c.bonus,
      score: byCriterion.get(c.id)?.score ?? null,
      note: byCriterion.get(c.id)?.note ?? null,
      evidenceCount: evidenceCount.get(c.id) ?? 0,
    })),
    selfScoreTotal,
    evidence: evidence.map((e) => ({
      id: e.id,
      criterionId: e.criterionId,
      originalName: e.originalName,
      mediaType: e.mediaType,
      sizeBytes: e.sizeBytes,
      uploadedAt: e.createdAt.toISOString(),
    })),
    history: events.map(repo.toHistory),
    gaps: gaps.map((g) => gapItem(g, titles, ctx.lang)),
    abilities: await abilitiesFor(db, ctx, row, campaign, gaps),
  };
}
