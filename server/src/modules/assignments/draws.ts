/**
 * Recorded draws (随机抽取, 抽签): the seed, the inputs (sorted ids and parameters) and the result, with the
 * SHA-256 of each canonical JSON (keys sorted, no spaces). `verify` re-runs a draw (panel, assignment, peer
 * groups, presentation order) from its inputs and the claimed seed; a claimed seed other than the recorded
 * one, or a re-run that differs, is refused (DRAW_MISMATCH).
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { draws } from '../../db/schema';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import {
  assignReviewers,
  drawGroups,
  drawOrder,
  sample,
  SEED_MAX,
  type AssignReviewer,
  type ReviewerApplicationPair,
} from '../../../../shared/src/domain/evaluation';
import type { DrawKind } from '../../../../shared/src/domain/stages';

export type DrawRow = typeof draws.$inferSelect;

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export const digest = (value: unknown): string =>
  crypto.createHash('sha256').update(canonicalJson(value)).digest('hex');

/** A fresh seed for a preview. */
export const newSeed = (): number => crypto.randomInt(0, SEED_MAX + 1);

export interface PanelInputs {
  algorithm: string;
  stageId: string;
  count: number;
  tags: string[];
  /** The reviewers that could be drawn, sorted by id. */
  candidates: string[];
}
export interface PanelResult {
  reviewerIds: string[];
}

export interface AssignmentInputs {
  algorithm: string;
  stageId: string;
  k: number;
  applications: string[];
  reviewers: AssignReviewer[];
  conflicts: string[];
  existing: ReviewerApplicationPair[];
}
export interface AssignmentResult {
  assignments: ReviewerApplicationPair[];
}

export function runPanel(inputs: PanelInputs, seed: number): PanelResult {
  return { reviewerIds: sample(inputs.candidates, inputs.count, seed) };
}

export function runAssignment(inputs: AssignmentInputs, seed: number) {
  return assignReviewers({
    applications: inputs.applications.map((id) => ({ id })),
    reviewers: inputs.reviewers,
    conflicts: new Set(inputs.conflicts),
    existing: inputs.existing,
    k: inputs.k,
    seed,
  });
}

/** A peer stage's groups draw (modules/peer): per partition (track × kind), sessions of up to `groupSize`. */
export interface PeerGroupsInputs {
  algorithm: string;
  groupSize: number | null;
  partitions: { trackCode: string; orgKind: string | null; applicationIds: string[] }[];
}
/** A presentation session's order draw (modules/presentation): the presenters' ids, sorted. */
export interface PresentationOrderInputs {
  algorithm: string;
  applicationIds: string[];
}

/** The groups the peer module records: each partition's sessions, in partition order (`drawGroups`). */
export function runPeerGroups(inputs: PeerGroupsInputs, seed: number) {
  return {
    groups: inputs.partitions.flatMap((p) =>
      drawGroups(p.applicationIds, inputs.groupSize ?? Infinity, seed).map((applicationIds) => ({
        trackCode: p.trackCode,
        orgKind: p.orgKind,
        applicationIds,
      })),
    ),
  };
}

/** The order the presentation module records (`drawOrder`). */
export function runPresentationOrder(inputs: PresentationOrderInputs, seed: number) {
  return { order: drawOrder(inputs.applicationIds, seed).map((p) => p.applicationId) };
}

/** Re-runs a recorded draw from its inputs; null for a kind without a runner (its digests are still checked). */
function rerun(kind: DrawKind, inputs: unknown, seed: number): unknown {
  if (kind === 'panel') return runPanel(inputs as PanelInputs, seed);
  if (kind === 'assignment')
    return { assignments: runAssignment(inputs as AssignmentInputs, seed).assignments };
  if (kind === 'peer_groups') return runPeerGroups(inputs as PeerGroupsInputs, seed);
  if (kind === 'presentation_order') return runPresentationOrder(inputs as PresentationOrderInputs, seed);
  return null;
}

export async function recordDraw(
  tx: DbOrTx,
  ctx: Ctx,
  d: { campaignId: string; stageId: string; kind: DrawKind; seed: number; inputs: object; result: unknown },
): Promise<DrawRow> {
  const actor = requireActor(ctx);
  const [row] = await tx
    .insert(draws)
    .values({
      campaignId: d.campaignId,
      stageId: d.stageId,
      kind: d.kind,
      seed: d.seed,
      inputs: d.inputs as Record<string, unknown>,
      result: d.result,
      inputsDigest: digest(d.inputs),
      resultDigest: digest(d.result),
      createdBy: actor.userId,
      createdByName: actor.displayName,
      createdAt: ctx.now,
    })
    .returning();
  return row!;
}

export function toDraw(r: DrawRow) {
  return {
    id: r.id,
    campaignId: r.campaignId,
    stageId: r.stageId,
    kind: r.kind,
    seed: r.seed,
    inputs: r.inputs,
    result: r.result,
    inputsDigest: r.inputsDigest,
    resultDigest: r.resultDigest,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
  };
}

async function load(db: DbOrTx, id: string): Promise<DrawRow> {
  const [row] = await db.select().from(draws).where(eq(draws.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function getDraw(db: Db, ctx: Ctx, id: string) {
  requireActor(ctx);
  return toDraw(await load(db, id));
}

const mismatch = (zh: string, en: string) =>
  new AppError('DRAW_MISMATCH', [fieldError('seed', 'mismatch', zh, en)]);

/** Re-runs the draw with the claimed seed: it must be the recorded one and give the recorded result. */
export async function verifyDraw(db: Db, ctx: Ctx, id: string, seed: number) {
  requireActor(ctx);
  const row = await load(db, id);
  if (seed !== row.seed)
    throw mismatch(
      `所称种子 ${seed} 不是该次抽取记录的种子`,
      `Seed ${seed} is not the seed recorded for this draw`,
    );
  if (digest(row.inputs) !== row.inputsDigest || digest(row.result) !== row.resultDigest)
    throw mismatch(
      '记录的输入或结果与其摘要不符',
      'The recorded inputs or result do not match their digests',
    );
  const again = rerun(row.kind, row.inputs, seed);
  if (again !== null && digest(again) !== row.resultDigest)
    throw mismatch(
      '按记录的输入和种子重新抽取，结果不同',
      'Re-run from the recorded inputs and seed, the draw differs',
    );
  return {
    reproduced: true as const,
    rerun: again !== null,
    seed,
    inputsDigest: row.inputsDigest,
    resultDigest: row.resultDigest,
  };
}
