/**
 * Evaluation stages (评审环节, docs/EVALUATION.md "Stages"): a campaign's ordered methods, each a row of
 * settings; created one by one or from a template, edited while draft (the name always), reordered,
 * opened (which fixes the entrants), closed and reopened with a reason.
 */
import { z } from 'zod';
import {
  AGGREGATIONS,
  ENTRY_RULES,
  PEER_MODES,
  RUBRICS,
  SEE_OTHERS,
  STAGE_METHODS,
  STAGE_STATUSES,
  STAGE_TEMPLATE_NAMES,
  VETO_RULES,
  type StageTemplate,
} from '../domain/stages';
import { line, text } from './common';
import { trackCode } from './standards';

const instant = z.iso.datetime({ offset: true });
const isoOut = z.iso.datetime();

const fields = {
  nameZh: line(50),
  nameEn: line(100),
  method: z.enum(STAGE_METHODS),
  /** The tracks the stage evaluates; empty: every track of the campaign. */
  tracks: z.array(trackCode).max(20),
  opensAt: instant,
  closesAt: instant,
  /** Its share of the final score, 0..1; the stages of a track sum to 1 (checked when one opens). */
  weight: z.number().min(0).max(1),
  rubric: z.enum(RUBRICS),
  entry: z.enum(ENTRY_RULES),
  /** `top_n` only: how many per track × kind. */
  entryN: z.number().int().min(1).max(100000).nullable(),
  /** `top_share` only: which share per track × kind (rounded up). */
  entryShare: z.number().gt(0).max(1).nullable(),
  minReviews: z.number().int().min(1).max(50),
  aggregation: z.enum(AGGREGATIONS),
  standardise: z.boolean(),
  blind: z.boolean(),
  seeOthers: z.enum(SEE_OTHERS),
  showReviewerNames: z.boolean(),
  spreadThreshold: z.number().min(0).max(100),
  peerMode: z.enum(PEER_MODES),
  /** Peer only: members per group (null: one group per track × kind). */
  groupSize: z.number().int().min(2).max(1000).nullable(),
  excludeOwnUnit: z.boolean(),
  spearmanThreshold: z.number().min(-1).max(1),
  vetoRule: z.enum(VETO_RULES),
};

/** A new stage, appended after the campaign's last one. */
export const createStage = z
  .object({
    nameZh: fields.nameZh,
    nameEn: fields.nameEn,
    method: fields.method,
    tracks: fields.tracks.default([]),
    opensAt: fields.opensAt,
    closesAt: fields.closesAt,
    weight: fields.weight,
    rubric: fields.rubric.optional(),
    entry: fields.entry.default('all_accepted'),
    entryN: fields.entryN.default(null),
    entryShare: fields.entryShare.default(null),
    minReviews: fields.minReviews.default(3),
    aggregation: fields.aggregation.default('trimmed_mean'),
    standardise: fields.standardise.default(false),
    blind: fields.blind.default(false),
    seeOthers: fields.seeOthers.default('never'),
    showReviewerNames: fields.showReviewerNames.default(false),
    spreadThreshold: fields.spreadThreshold.default(20),
    peerMode: fields.peerMode.default('rank'),
    groupSize: fields.groupSize.default(null),
    excludeOwnUnit: fields.excludeOwnUnit.default(true),
    spearmanThreshold: fields.spearmanThreshold.default(0.3),
    vetoRule: fields.vetoRule.default('majority'),
  })
  .strict();
export type CreateStage = z.infer<typeof createStage>;

/** Changes to a stage: a draft anything; an open or closed one its name only. */
export const patchStage = z.object(fields).partial().extend({ version: z.number().int() }).strict();
export type PatchStage = z.infer<typeof patchStage>;

/** The new order: every stage id of the campaign exactly once. */
export const reorderStages = z.object({ ids: z.array(z.uuid()).min(1).max(50) }).strict();
export type ReorderStages = z.infer<typeof reorderStages>;

export const stageTemplateBody = z
  .object({ template: z.enum(STAGE_TEMPLATE_NAMES as [StageTemplate, ...StageTemplate[]]) })
  .strict();
export type StageTemplateBody = z.infer<typeof stageTemplateBody>;

/** Open or close: the version seen, optional (a stale one answers 409). */
export const moveStage = z
  .object({
    version: z.number().int().optional(),
    /**
     * Closing only: why the stage closes although some entrant has fewer counted reviews than the stage's
     * minimum, or a review is saved but not locked (otherwise 409 STAGE_INCOMPLETE listing them). Audited.
     */
    reason: text(500).optional(),
  })
  .strict();
export type MoveStage = z.infer<typeof moveStage>;
export const reopenStage = z.object({ reason: text(500), version: z.number().int().optional() }).strict();
export type ReopenStage = z.infer<typeof reopenStage>;

export const stageDetail = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  position: z.number().int(),
  nameZh: z.string(),
  nameEn: z.string(),
  method: z.enum(STAGE_METHODS),
  tracks: z.array(z.string()),
  opensAt: isoOut,
  closesAt: isoOut,
  weight: z.number(),
  rubric: z.enum(RUBRICS),
  entry: z.enum(ENTRY_RULES),
  entryN: z.number().int().nullable(),
  entryShare: z.number().nullable(),
  minReviews: z.number().int(),
  aggregation: z.enum(AGGREGATIONS),
  standardise: z.boolean(),
  blind: z.boolean(),
  seeOthers: z.enum(SEE_OTHERS),
  showReviewerNames: z.boolean(),
  spreadThreshold: z.number(),
  peerMode: z.enum(PEER_MODES),
  groupSize: z.number().int().nullable(),
  excludeOwnUnit: z.boolean(),
  spearmanThreshold: z.number(),
  vetoRule: z.enum(VETO_RULES),
  status: z.enum(STAGE_STATUSES),
  openedAt: isoOut.nullable(),
  closedAt: isoOut.nullable(),
  /** Applications that entered (fixed when the stage opened). */
  entrants: z.number().int(),
  version: z.number().int(),
  updatedAt: isoOut,
});
export type StageDetail = z.infer<typeof stageDetail>;

export const stageList = z.object({ items: z.array(stageDetail), total: z.number().int() });
export type StageList = z.infer<typeof stageList>;
