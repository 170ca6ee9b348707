/**
 * Re-review rounds (复评复审批次), their outcomes and follow-ups, and the 优进劣出 figures (issue #8 §3).
 */
import { z } from 'zod';
import { ORG_KINDS } from '../enums';
import { TITLE_STATUSES } from '../domain/title-workflow';
import { SEED_MAX } from '../domain/evaluation/draw';
import {
  DECIDED_OUTCOMES,
  FOLLOW_UP_RESULTS,
  REREVIEW_OUTCOMES,
  REREVIEW_ROUND_STATUSES,
  REREVIEW_SELECTION_MODES,
  STANDARD_BASES,
} from '../domain/rereview';
import { line, listOf, optionalText } from './common';

export const REREVIEW_LIMITS = { nameMax: 100, reasonMax: 2000, listMax: 2000, sampleMax: 2000 } as const;

const year = z.number().int().min(2000).max(2100);
const civilDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date' });

export const roundSelection = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('year'), awardYear: year }).strict(),
  z
    .object({
      mode: z.literal('sample'),
      awardYear: year,
      size: z.number().int().min(1).max(REREVIEW_LIMITS.sampleMax),
      /** An unsigned 32-bit seed; the server draws one when absent. */
      seed: z.number().int().min(0).max(SEED_MAX).optional(),
    })
    .strict(),
  z
    .object({
      mode: z.literal('list'),
      titleIds: z
        .array(z.uuid())
        .min(1)
        .max(REREVIEW_LIMITS.listMax)
        .refine((ids) => new Set(ids).size === ids.length, { error: 'duplicate' }),
    })
    .strict(),
]);

export const createRound = z
  .object({
    name: line(REREVIEW_LIMITS.nameMax),
    /** The year of the round (复评复审年度). */
    year,
    standardBasis: z.enum(STANDARD_BASES),
    selection: roundSelection,
  })
  .strict();
export type CreateRound = z.infer<typeof createRound>;

export const roundSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  year: z.number().int(),
  status: z.enum(REREVIEW_ROUND_STATUSES),
  mode: z.enum(REREVIEW_SELECTION_MODES),
  awardYear: z.number().int().nullable(),
  standardBasis: z.enum(STANDARD_BASES),
  /** Titles in the round (in the caller's scope). */
  titles: z.number().int(),
  /** Of which with an outcome. */
  decided: z.number().int(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type RoundSummary = z.infer<typeof roundSummary>;
export const roundList = listOf(roundSummary);
export type RoundList = z.infer<typeof roundList>;
export const roundListQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();

export const roundItem = z.object({
  titleId: z.uuid(),
  serial: z.string(),
  holderName: z.string(),
  organizationName: z.string(),
  unitName: z.string(),
  track: z.string(),
  trackNameZh: z.string(),
  orgKind: z.enum(ORG_KINDS),
  awardYear: z.number().int(),
  validUntil: z.string(),
  titleStatus: z.enum(TITLE_STATUSES),
  /** The standard version it is re-reviewed against (null when none is on record). */
  standardName: z.string().nullable(),
  standardVersion: z.number().int().nullable(),
  outcome: z.enum(REREVIEW_OUTCOMES).nullable(),
  reason: z.string().nullable(),
  deadline: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  followUp: z.enum(FOLLOW_UP_RESULTS).nullable(),
  followUpReason: z.string().nullable(),
  followUpAt: z.string().nullable(),
});
export type RoundItem = z.infer<typeof roundItem>;

export const roundDetail = roundSummary.extend({
  /** The seeded draw (sample mode, the committee only): re-running it gives the same titles. */
  draw: z
    .object({
      seed: z.number().int(),
      size: z.number().int(),
      algorithm: z.string(),
      /** The pool drawn from: serials of the award year's active titles when the round opened. */
      pool: z.array(z.string()),
    })
    .nullable(),
  items: z.array(roundItem),
});
export type RoundDetail = z.infer<typeof roundDetail>;

export const roundTitleParams = z.object({ id: z.uuid(), titleId: z.uuid() }).strict();

export const outcomeBody = z
  .object({
    outcome: z.enum(DECIDED_OUTCOMES),
    reason: optionalText(REREVIEW_LIMITS.reasonMax),
    /** The rectification deadline (整改期限), a China date after today. */
    deadline: civilDate.nullable().optional(),
  })
  .strict();
export type OutcomeBody = z.infer<typeof outcomeBody>;

export const followUpBody = z
  .object({
    result: z.enum(FOLLOW_UP_RESULTS),
    reason: optionalText(REREVIEW_LIMITS.reasonMax),
  })
  .strict();
export type FollowUpBody = z.infer<typeof followUpBody>;

// ── 优进劣出 ─────────────────────────────────────────────────────────────────────────────────────────
export const titleFigures = z.object({
  years: z.array(
    z.object({
      year: z.number().int(),
      added: z.number().int(),
      kept: z.number().int(),
      rectified: z.number().int(),
      revoked: z.number().int(),
      expired: z.number().int(),
      standing: z.number().int(),
      turnover: z.number().nullable(),
    }),
  ),
  freed: z.array(
    z.object({
      year: z.number().int(),
      campaignYear: z.number().int(),
      trackCode: z.string(),
      trackNameZh: z.string(),
      orgKind: z.enum(ORG_KINDS),
      places: z.number().int(),
    }),
  ),
});
export type TitleFiguresView = z.infer<typeof titleFigures>;
