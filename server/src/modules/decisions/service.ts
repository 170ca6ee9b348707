/**
 * The committee's decision (docs/EVALUATION.md "Decision"): a draft made from the proposal, the
 * committee's choices line by line, each change and its audit event in one transaction.
 */
import type { Db } from '../../db/client';
import type { Ctx } from '../../core/context';
import { AppError, fieldError, isUniqueViolation } from '../../core/errors';
import { versionConflictError } from '../../core/conflict';
import { writeAudit } from '../audit/write';
import type {
  AcceptProposal,
  DecisionDetail,
  PatchDecisionLine,
} from '../../../../shared/src/contracts/decisions';
import { proposeAll, rankAll, type RankInput } from '../../../../shared/src/domain/evaluation';
import { domainQuotas, groupKind, problemError, problemsOf, wholeTracks } from './checks';
import { detailOf } from './present';
import * as repo from './repo';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function deciding(tx: Tx, campaignId: string) {
  const campaign = await repo.findCampaign(tx, campaignId, 'share');
  if (!campaign) throw new AppError('NOT_FOUND');
  if (campaign.status !== 'deciding')
    throw new AppError('CAMPAIGN_NOT_DECIDING', [
      fieldError(
        'campaignId',
        'campaign_not_deciding',
        `活动当前状态为“${campaign.status}”，须在集体评审决定阶段（deciding）`,
        `The campaign is ${campaign.status}; it must be deciding`,
      ),
    ]);
  return campaign;
}

/** The draft's lines: per (track, kind) the proposal among the shortlisted, by the materialised totals. */
async function proposalLines(tx: Tx, campaignId: string, decisionId: string) {
  const [apps, quotas] = await Promise.all([
    repo.shortlistedWithTotals(tx, campaignId),
    repo.quotas(tx, campaignId),
  ]);
  const whole = wholeTracks(quotas);
  const rows: RankInput[] = apps.map((a) => ({
    applicationId: a.id,
    track: a.track,
    kind: groupKind(whole, a.track, a.orgKind),
    final: a.finalScore ?? 0,
    lastStageScore: a.lastStageScore,
    countedReviews: a.countedReviews ?? 0,
    submittedAt: a.submittedAt?.toISOString() ?? null,
  }));
  const ranked = rankAll(rows);
  const passed = new Set(apps.filter((a) => a.gatesPassed !== false).map((a) => a.id));
  const proposal = proposeAll(ranked, domainQuotas(quotas), passed);
  const byId = new Map(apps.map((a) => [a.id, a]));
  const finals = new Map(ranked.map((r) => [r.applicationId, r.final]));
  return proposal.map((p) => {
    const a = byId.get(p.applicationId)!;
    return {
      decisionId,
      applicationId: p.applicationId,
      trackCode: a.track,
      orgKind: a.orgKind,
      unitId: a.unitId,
      rank: p.rank,
      finalScore: finals.get(p.applicationId) ?? null,
      proposed: p.proposed,
      proposalReason: p.reason,
    };
  });
}

export async function create(db: Db, ctx: Ctx, campaignId: string): Promise<DecisionDetail> {
  try {
    return await db.transaction(async (tx) => {
      await deciding(tx, campaignId);
      if (await repo.decisionOfCampaign(tx, campaignId)) throw duplicate();
      const d = await repo.insertDecision(tx, { campaignId, createdAt: ctx.now, updatedAt: ctx.now });
      const lines = await proposalLines(tx, campaignId, d.id);
      await repo.insertLines(tx, lines);
      await writeAudit(tx, ctx, {
        action: 'decisions.create',
        objectType: 'decision',
        objectId: d.id,
        changes: {
          campaignId: { before: null, after: campaignId },
          lines: { before: null, after: lines.length },
          proposed: { before: null, after: lines.filter((l) => l.proposed).length },
        },
      });
      return detailOf(tx, d);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
}

function duplicate(): AppError {
  return new AppError('DUPLICATE', [
    fieldError(
      'campaignId',
      'decision_exists',
      '该活动已有集体评审决定',
      'The campaign already has a decision',
    ),
  ]);
}

export async function getOfCampaign(db: Db, campaignId: string): Promise<DecisionDetail> {
  const d = await repo.decisionOfCampaign(db, campaignId);
  if (!d) throw new AppError('NOT_FOUND');
  return detailOf(db, d);
}

export async function get(db: Db, id: string): Promise<DecisionDetail> {
  const d = await repo.findDecision(db, id);
  if (!d) throw new AppError('NOT_FOUND');
  return detailOf(db, d);
}

/** The decision, locked, editable (a draft) at the version the caller saw. */
async function editable(tx: Tx, id: string, version: number) {
  const d = await repo.findDecision(tx, id, 'update');
  if (!d) throw new AppError('NOT_FOUND');
  if (d.status === 'confirmed') throw new AppError('DECISION_FROZEN');
  if (d.version !== version) throw versionConflictError(d, null);
  return d;
}

export async function patchLine(
  db: Db,
  ctx: Ctx,
  id: string,
  applicationId: string,
  body: PatchDecisionLine,
): Promise<DecisionDetail> {
  return db.transaction(async (tx) => {
    const d = await editable(tx, id, body.version);
    const lines = await repo.lines(tx, id);
    const line = lines.find((l) => l.applicationId === applicationId);
    if (!line) throw new AppError('NOT_FOUND');
    const values = {
      selected: body.selected,
      votesFor: body.votesFor === undefined ? line.votesFor : body.votesFor,
      votesAgainst: body.votesAgainst === undefined ? line.votesAgainst : body.votesAgainst,
      votesAbstain: body.votesAbstain === undefined ? line.votesAbstain : body.votesAbstain,
      reason: body.reason === undefined ? line.reason : body.reason?.trim() || null,
    };
    const after = { ...line, ...values };
    const quotas = await repo.quotas(tx, d.campaignId);
    const whole = wholeTracks(quotas);
    const kind = groupKind(whole, line.trackCode, line.orgKind);
    const problems = problemsOf(
      lines.map((l) => (l.applicationId === applicationId ? after : l)),
      quotas,
      { votesRequired: false },
    ).filter((p) =>
      p.applicationId === null
        ? after.selected && p.track === line.trackCode && p.kind === kind
        : p.applicationId === applicationId,
    );
    if (problems.length > 0)
      throw new AppError(
        'VALIDATION_FAILED',
        problems.map((p) => problemError(p, () => '')),
      );
    await repo.updateLine(tx, id, applicationId, values);
    const touched = (await repo.touchDecision(tx, id, d.version, { updatedAt: ctx.now }))!;
    await writeAudit(tx, ctx, {
      action: 'decisions.line',
      objectType: 'decision',
      objectId: id,
      unitId: line.unitId,
      changes: Object.fromEntries(
        (Object.keys(values) as (keyof typeof values)[])
          .filter((k) => line[k] !== values[k])
          .map((k) => [k, { before: line[k], after: values[k] }]),
      ),
      detail: `application ${applicationId}`,
    });
    return detailOf(tx, touched);
  });
}

/** Every line without a choice takes the proposal's, with the votes given (if any). */
export async function acceptProposal(
  db: Db,
  ctx: Ctx,
  id: string,
  body: AcceptProposal,
): Promise<DecisionDetail> {
  return db.transaction(async (tx) => {
    const d = await editable(tx, id, body.version);
    const open = (await repo.lines(tx, id)).filter((l) => l.selected === null);
    await repo.acceptOpenLines(tx, id, body.votes ?? null);
    const touched = (await repo.touchDecision(tx, id, d.version, { updatedAt: ctx.now }))!;
    await writeAudit(tx, ctx, {
      action: 'decisions.accept_proposal',
      objectType: 'decision',
      objectId: id,
      changes: {
        decided: { before: 0, after: open.length },
        selected: { before: 0, after: open.filter((l) => l.proposed).length },
      },
    });
    return detailOf(tx, touched);
  });
}
