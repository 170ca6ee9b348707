import { z } from 'zod';
import {
  AGGREGATIONS,
  REVIEW_STATUSES,
  RUBRICS,
  SEE_OTHERS,
  STAGE_METHODS,
  STAGE_STATUSES,
  CONFLICT_SOURCES,
} from '../domain/stages';
import { optionalText, text } from './common';

/**
 * Reviews (评分, docs/EVALUATION.md "Reviews"): the scoring sheet a reviewer opens, saving a draft,
 * confirming and locking, and a committee reopen. Points are checked against the criterion's maximum
 * and the 0.5 step by the server (field errors `scores.<criterionId>.points`).
 */

/** Points for one criterion: 0..max in steps of 0.5 (the maximum is the criterion's, checked by the server). */
export const criterionScoreInput = z
  .object({
    points: z.number().nullable().optional(),
    comment: optionalText(2000),
  })
  .strict();

export const saveReview = z
  .object({
    /** Per criterion id (standard rubric). */
    scores: z.record(z.uuid(), criterionScoreInput).optional(),
    /** Per veto criterion id: true = passed, false = failed. */
    vetoes: z.record(z.uuid(), z.boolean()).optional(),
    /** The one score 0–100 of an `overall` rubric (step 0.5). */
    overall: z.number().nullable().optional(),
    comment: optionalText(4000),
    version: z.number().int(),
  })
  .strict();
export type SaveReview = z.infer<typeof saveReview>;

export const lockReview = z.object({ version: z.number().int() }).strict();
export type LockReview = z.infer<typeof lockReview>;

export const reopenReview = z.object({ reason: text(1000), version: z.number().int() }).strict();
export type ReopenReview = z.infer<typeof reopenReview>;

const criterionScore = z.object({ points: z.number().nullable(), comment: z.string().nullable().optional() });

export const reviewState = z.object({
  status: z.enum(REVIEW_STATUSES),
  scores: z.record(z.string(), criterionScore),
  vetoes: z.record(z.string(), z.boolean()),
  comment: z.string().nullable(),
  /** 0–100 at full precision; null for gates and incomplete sheets. */
  score: z.number().nullable(),
  points: z.number().nullable(),
  lockedAt: z.iso.datetime().nullable(),
  reopenedReason: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.iso.datetime().nullable(),
});

export const sheetCriterion = z.object({
  id: z.uuid(),
  position: z.number().int(),
  titleZh: z.string(),
  titleEn: z.string(),
  description: z.string().nullable(),
  maxPoints: z.number(),
  veto: z.boolean(),
  bonus: z.boolean(),
  methods: z.array(z.string()),
});

export const otherReview = z.object({
  /** Shown only when the stage shows reviewer names; else null. */
  reviewerName: z.string().nullable(),
  status: z.enum(REVIEW_STATUSES),
  score: z.number().nullable(),
  comment: z.string().nullable(),
});

export const reviewPhoto = z.object({
  id: z.uuid(),
  criterionId: z.uuid().nullable(),
  originalName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  takenAt: z.iso.datetime(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  createdAt: z.iso.datetime(),
});
export type ReviewPhoto = z.infer<typeof reviewPhoto>;

export const reviewSheet = z.object({
  id: z.uuid(),
  reviewerId: z.uuid(),
  stage: z.object({
    id: z.uuid(),
    nameZh: z.string(),
    nameEn: z.string(),
    method: z.enum(STAGE_METHODS),
    rubric: z.enum(RUBRICS),
    aggregation: z.enum(AGGREGATIONS),
    status: z.enum(STAGE_STATUSES),
    opensAt: z.iso.datetime(),
    closesAt: z.iso.datetime(),
    blind: z.boolean(),
    seeOthers: z.enum(SEE_OTHERS),
  }),
  application: z.object({
    id: z.uuid(),
    trackCode: z.string(),
    orgKind: z.string(),
    /** Null on a blind stage. */
    organizationName: z.string().nullable(),
    brandName: z.string().nullable(),
    summary: z.string().nullable(),
    features: z.string().nullable(),
    practices: z.string().nullable(),
    results: z.string().nullable(),
    /** The applicant's self-assessment per criterion (points, note). */
    selfAssessment: z.record(
      z.string(),
      z.object({ score: z.number().nullable(), note: z.string().nullable() }),
    ),
  }),
  /** The criteria of the application's standard version (empty for an `overall` rubric). */
  criteria: z.array(sheetCriterion),
  totalPoints: z.number(),
  bonusCap: z.number(),
  review: reviewState,
  /** Other reviews of the application, when the stage lets this reviewer see them; else null. */
  others: z.array(otherReview).nullable(),
  conflict: z.object({
    conflicted: z.boolean(),
    sources: z.array(z.enum(CONFLICT_SOURCES)),
    /** The committee's waiver of a derived conflict: shown as a banner. */
    override: z.object({ reason: z.string(), byName: z.string().nullable(), at: z.string() }).nullable(),
  }),
  photos: z.array(reviewPhoto),
  /** Whether the caller may save and lock now, and if not the reason code. */
  canWrite: z.boolean(),
  refusal: z.string().nullable(),
});
export type ReviewSheet = z.infer<typeof reviewSheet>;

/** Multipart fields beside `file` of a photo upload. */
export const reviewPhotoFields = z
  .object({
    criterionId: z.uuid().nullable().optional(),
    takenAt: z.iso.datetime().optional(),
    latitude: z.coerce.number().min(-90).max(90).optional(),
    longitude: z.coerce.number().min(-180).max(180).optional(),
  })
  .strict();
export type ReviewPhotoFields = z.infer<typeof reviewPhotoFields>;
