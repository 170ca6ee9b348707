/**
 * The committee's decision (docs/EVALUATION.md "Decision"): a draft made from the proposal, the
 * committee's choices line by line, each change and its audit event in one transaction.
 */
import type { Db } from '../../db/client';
import crypto from 'node:crypto';
import { requireActor, scopeOf, type Ctx } from '../../core/context';
import { assertObject } from '../../core/object-rules';
import { AppError, fieldError, isUniqueViolation } from '../../core/errors';
import { versionConflictError } from '../../core/conflict';
import { writeAudit } from '../audit/write';
import type {
  AcceptProposal,
  ApplicationResult,
  DecisionDetail,
  PatchDecisionLine,
} from '../../../../shared/src/contracts/decisions';
import { buildSnapshot, canonicalJson, validateDecision } from '../../../../shared/src/domain/evaluation';
import { systemTransition } from '../applications/workflow';
import { countedReviews, stageResultsOf } from '../results/queries';
import { reviewerCards } from '../reviewers/queries';
import { listStages } from '../stages/queries';
import { loadEvaluationInput } from './evaluation-input';
import {
  decidedLines,
  domainQuotas,
  groupKind,
  problemError,
  problemsOf,
  quotaReasons,
  wholeTracks,
} from './checks';
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

/**
 * The draft's lines: per (track, kind) the proposal among the shortlisted, from the same pure evaluation
 * of the raw data that the confirmation freezes (so the snapshot's proposal is the draft's).
 */
async function proposalLines(tx: Tx, campaignId: string, decisionId: string) {
  const [apps, quotas] = await Promise.all([repo.shortlisted(tx, campaignId), repo.quotas(tx, campaignId)]);
  const input = await loadEvaluationInput(
    tx,
    campaignId,
    apps.map((a) => a.id),
    quotas,
  );
  const { result, proposal } = buildSnapshot({
    input,
    quotas: domainQuotas(quotas),
    basis: 'raw',
    lines: [],
  });
  const byId = new Map(apps.map((a) => [a.id, a]));
  const finals = new Map(result.totals.map((t) => [t.applicationId, t.final]));
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

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Confirm: every line decided with its votes and the reasons the rules ask for (DECISION_INCOMPLETE with
 * a field error per line otherwise), the snapshot frozen (canonical JSON and its SHA-256: every counted
 * review, standardisation, stage score, weight, the ranking, votes and reasons), and each application
 * moved shortlisted → proposed | not_selected by the workflow's system rows; one transaction.
 */
export async function confirm(db: Db, ctx: Ctx, id: string, version: number): Promise<DecisionDetail> {
  const actor = requireActor(ctx);
  return db.transaction(async (tx) => {
    const d = await editable(tx, id, version);
    await deciding(tx, d.campaignId);
    const lines = await repo.lines(tx, id);
    const quotas = await repo.quotas(tx, d.campaignId);
    const whole = wholeTracks(quotas);
    const input = await loadEvaluationInput(
      tx,
      d.campaignId,
      lines.map((l) => l.applicationId),
      quotas,
    );
    const decided = decidedLines(lines, true).sort((a, b) => (a.applicationId < b.applicationId ? -1 : 1));
    const reasons = quotaReasons(lines, whole);
    const snapshot = buildSnapshot({
      input,
      quotas: domainQuotas(quotas),
      basis: 'raw',
      lines: decided,
      quotaReasons: reasons,
    });
    const stored = new Map(lines.map((l) => [l.applicationId, l]));
    const changed = snapshot.proposal.filter((p) => {
      const l = stored.get(p.applicationId);
      return !l || l.proposed !== p.proposed || l.proposalReason !== p.reason || l.rank !== p.rank;
    });
    if (changed.length > 0)
      throw new AppError(
        'DECISION_INCOMPLETE',
        changed.map((p) =>
          fieldError(
            `lines.${p.applicationId}.proposed`,
            'proposal_changed',
            '评审结果在生成草稿后有变化，建议名单已不同',
            'The evaluation changed after the draft was made; the proposal differs',
          ),
        ),
      );
    const order = new Map(snapshot.proposal.map((p, i) => [p.applicationId, i]));
    const problems = validateDecision({
      proposal: snapshot.proposal,
      quotas: domainQuotas(quotas),
      // In the proposal's order, so the field errors come as the page lists the lines.
      lines: [...decided].sort((a, b) => order.get(a.applicationId)! - order.get(b.applicationId)!),
      quotaReasons: reasons,
    });
    if (problems.length > 0)
      throw new AppError(
        'DECISION_INCOMPLETE',
        problems.map((p) => problemError(p, (applicationId) => `lines.${applicationId}.`)),
      );
    const text = canonicalJson(snapshot);
    const digest = sha256(text);
    const confirmed = (await repo.touchDecision(tx, id, d.version, {
      status: 'confirmed',
      snapshot: JSON.parse(text) as unknown,
      snapshotDigest: digest,
      confirmedAt: ctx.now,
      confirmedBy: actor.userId,
      confirmedByName: actor.displayName,
      updatedAt: ctx.now,
    }))!;
    for (const l of [...lines].sort((a, b) => (a.applicationId < b.applicationId ? -1 : 1)))
      await systemTransition(tx, ctx, l.applicationId, l.selected ? 'propose' : 'decline', {
        reason: l.reason,
      });
    await writeAudit(tx, ctx, {
      action: 'decisions.confirm',
      objectType: 'decision',
      objectId: id,
      changes: {
        status: { before: 'draft', after: 'confirmed' },
        snapshotDigest: { before: null, after: digest },
        selected: { before: null, after: lines.filter((l) => l.selected).length },
      },
    });
    return detailOf(tx, confirmed);
  });
}

/** Release: applicants and their units may now see their own stage scores and outcome. */
export async function release(db: Db, ctx: Ctx, id: string, version: number): Promise<DecisionDetail> {
  return db.transaction(async (tx) => {
    const d = await repo.findDecision(tx, id, 'update');
    if (!d) throw new AppError('NOT_FOUND');
    if (d.status !== 'confirmed')
      throw new AppError('DECISION_INCOMPLETE', [
        fieldError('status', 'not_confirmed', '决定尚未确认，不能公布', 'The decision is not confirmed yet'),
      ]);
    if (d.version !== version) throw versionConflictError(d, null);
    if (d.releasedAt)
      throw new AppError('CONFLICT', [
        fieldError('releasedAt', 'already_released', '评审结果已公布', 'The results are already released'),
      ]);
    const released = (await repo.touchDecision(tx, id, d.version, {
      releasedAt: ctx.now,
      updatedAt: ctx.now,
    }))!;
    await writeAudit(tx, ctx, {
      action: 'decisions.release',
      objectType: 'decision',
      objectId: id,
      changes: { releasedAt: { before: null, after: ctx.now.toISOString() } },
    });
    return detailOf(tx, released);
  });
}

/**
 * One application's own result: outside the caller's scope 404; for the applicant and its unit 404 until
 * the campaign's decision is released (object rule `released`). Its stage results and its decision line
 * only; the names of the reviewers whose reviews counted only where the stage shows them.
 */
export async function applicationResult(db: Db, ctx: Ctx, applicationId: string): Promise<ApplicationResult> {
  const app = await repo.applicationInScope(db, scopeOf(ctx.actor, 'results.read'), applicationId);
  if (!app) throw new AppError('NOT_FOUND');
  const d = await repo.decisionOfCampaign(db, app.campaignId);
  assertObject(ctx, 'results.read', { releasedAt: d?.releasedAt ?? null });
  const line = d ? await repo.lineOf(db, d.id, applicationId) : null;
  const stageRows = await listStages(db, app.campaignId);
  const results = new Map<string, Awaited<ReturnType<typeof stageResultsOf>>[number]>();
  const names = new Map<string, string[]>();
  for (const st of stageRows) {
    for (const r of await stageResultsOf(db, st.id, [applicationId])) results.set(r.stageId, r);
    if (!st.showReviewerNames) continue;
    const counted = (await countedReviews(db, st.id, applicationId)).map((c) => c.reviewerId);
    const byId = new Map((await reviewerCards(db, counted)).map((c) => [c.id, c.displayName]));
    names.set(
      st.id,
      counted.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    );
  }
  const outcome = !d
    ? null
    : !line
      ? 'not_selected'
      : line.selected === null
        ? null
        : line.selected
          ? 'selected'
          : 'not_selected';
  return {
    applicationId,
    campaignId: app.campaignId,
    releasedAt: d?.releasedAt?.toISOString() ?? null,
    outcome,
    proposed: d ? (line?.proposed ?? false) : null,
    finalScore: line?.finalScore ?? null,
    rank: line?.rank ?? null,
    stages: stageRows.map((st) => {
      const r = results.get(st.id);
      return {
        stageId: st.id,
        position: st.position,
        nameZh: st.nameZh,
        nameEn: st.nameEn,
        method: st.method,
        weight: Number(st.weight),
        score: r?.score ?? null,
        reviewCount: r?.reviewCount ?? 0,
        gatePassed: r?.gatePassed ?? null,
        reviewerNames: names.get(st.id) ?? null,
      };
    }),
  };
}
