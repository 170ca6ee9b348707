/**
 * Panels, recorded draws and review assignments of a stage (issue #6 §3, docs/EVALUATION.md). Every random
 * step is a draw: preview (nothing written) with a seed, then commit with the same seed; anyone can re-run
 * a recorded draw (`POST /api/draws/:id/verify`).
 */
import { z } from 'zod';
import { DRAW_KINDS, REVIEW_STATUSES } from '../domain/stages';
import { SEED_MAX } from '../domain/evaluation/draw';
import { line } from './common';

export const seed = z.number().int().min(0).max(SEED_MAX).describe('an unsigned 32-bit integer');

export const panelMember = z.object({
  reviewerId: z.uuid(),
  displayName: z.string(),
  /** The organisation's name, or the external affiliation. */
  affiliation: z.string().nullable(),
  unitId: z.uuid().nullable(),
  expertise: z.array(z.string()),
  available: z.boolean(),
  /** The draw that chose it; null when added by hand. */
  drawId: z.uuid().nullable(),
  /** Its assignments in the stage. */
  load: z.number().int(),
  addedAt: z.iso.datetime(),
});
export type PanelMember = z.infer<typeof panelMember>;
export const panelList = z.object({ items: z.array(panelMember), total: z.number().int() });

export const addPanelMember = z.object({ reviewerId: z.uuid() }).strict();
export const panelMemberParams = z.object({ id: z.uuid(), reviewerId: z.uuid() }).strict();

export const drawPanel = z
  .object({
    /** How many experts to draw (随机抽取) from the available pool not yet on the panel. */
    count: z.number().int().min(1).max(500),
    /** Omitted in a preview: the server picks one. A commit must give the seed the preview showed. */
    seed: seed.optional(),
    /** Only experts with at least one of these expertise tags. */
    tags: z.array(line(30)).max(20).optional(),
    preview: z.boolean(),
  })
  .strict();

export const drawnReviewer = z.object({
  id: z.uuid(),
  displayName: z.string(),
  affiliation: z.string().nullable(),
  expertise: z.array(z.string()),
});

export const panelDrawResult = z.object({
  preview: z.boolean(),
  seed,
  algorithm: z.string(),
  /** How many experts could be drawn. */
  candidates: z.number().int(),
  reviewers: z.array(drawnReviewer),
  /** The recorded draw (null in a preview). */
  drawId: z.uuid().nullable(),
  inputsDigest: z.string(),
  resultDigest: z.string(),
});

export const draw = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  stageId: z.uuid().nullable(),
  kind: z.enum(DRAW_KINDS),
  seed,
  inputs: z.record(z.string(), z.unknown()),
  result: z.unknown(),
  inputsDigest: z.string(),
  resultDigest: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const verifyDraw = z.object({ seed }).strict();
export const verifyResult = z.object({
  reproduced: z.literal(true),
  /** Whether the draw was re-run from its inputs (every kind: panel, assignment, peer groups, presentation order). */
  rerun: z.boolean(),
  seed,
  inputsDigest: z.string(),
  resultDigest: z.string(),
});

// Assignments.

export const assignment = z.object({
  /** Also its review's id. */
  id: z.uuid(),
  stageId: z.uuid(),
  applicationId: z.uuid(),
  organizationName: z.string(),
  unitId: z.uuid(),
  reviewerId: z.uuid(),
  reviewerName: z.string(),
  reviewerUsername: z.string(),
  source: z.string(),
  drawId: z.uuid().nullable(),
  reviewStatus: z.enum(REVIEW_STATUSES),
  /** Derived and not waived, or declared: the review will not count. */
  conflicted: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type Assignment = z.infer<typeof assignment>;

export const reviewerLoad = z.object({
  reviewerId: z.uuid(),
  reviewerName: z.string(),
  load: z.number().int(),
});

export const assignmentList = z.object({
  items: z.array(assignment),
  total: z.number().int(),
  loads: z.array(reviewerLoad),
  /** Entrants with fewer assignments than the stage's minimum reviews. */
  short: z.array(
    z.object({ applicationId: z.uuid(), assigned: z.number().int(), minimum: z.number().int() }),
  ),
});

export const createAssignment = z.object({ applicationId: z.uuid(), reviewerId: z.uuid() }).strict();

export const autoAssign = z
  .object({
    /** Reviewers wanted per application (k). */
    perApplication: z.number().int().min(1).max(50),
    seed: seed.optional(),
    preview: z.boolean(),
  })
  .strict();

export const autoAssignResult = z.object({
  preview: z.boolean(),
  seed,
  algorithm: z.string(),
  drawId: z.uuid().nullable(),
  assignments: z.array(
    z.object({
      applicationId: z.uuid(),
      organizationName: z.string(),
      reviewerId: z.uuid(),
      reviewerName: z.string(),
    }),
  ),
  loads: z.array(reviewerLoad),
  shortfalls: z.array(
    z.object({
      applicationId: z.uuid(),
      assigned: z.number().int(),
      missing: z.number().int(),
      reason: z.enum(['too_few_reviewers', 'conflicts']),
    }),
  ),
  sharedUnits: z.array(z.object({ applicationId: z.uuid(), unitId: z.uuid() })),
  inputsDigest: z.string(),
  resultDigest: z.string(),
});

/** A reviewer's own assignment (blind stages: no applicant identity). */
export const myAssignment = z.object({
  id: z.uuid(),
  stageId: z.uuid(),
  stageNameZh: z.string(),
  stageNameEn: z.string(),
  stageStatus: z.enum(['draft', 'open', 'closed']),
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime(),
  blind: z.boolean(),
  applicationId: z.uuid(),
  trackCode: z.string(),
  /** The applicant's name and brand; null on a blind stage. */
  organizationName: z.string().nullable(),
  title: z.string().nullable(),
  reviewStatus: z.enum(REVIEW_STATUSES),
  conflicted: z.boolean(),
});
export const myAssignmentList = z.object({ items: z.array(myAssignment), total: z.number().int() });

/** Bulk assignment from a file (columns 申报编号, 专家用户名): a dry run checks; a real run writes all or nothing. */
export const assignmentImportResult = z.object({
  dryRun: z.boolean(),
  total: z.number().int(),
  created: z.number().int(),
});
