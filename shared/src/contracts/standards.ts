/**
 * Tracks (类别) and standards (创建标准): a standard is a lineage (code, track, kinds, names) whose content
 * lives in immutable numbered versions of weighted criteria. Editing writes a new version.
 */
import { z } from 'zod';
import { ORG_KINDS, TRACK_SUBJECTS } from '../enums';
import { line, listOf, listQuery, optionalText, singleLine } from './common';
import { formatted } from './formats';

/** A track's code (`site`, `venue`, …). */
export const trackCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{1,31}$/);

/** The kinds that can be candidates: every kind but the working committee itself. */
export const candidateKind = z.enum(ORG_KINDS).exclude(['working_committee']);

export const track = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  subject: z.enum(TRACK_SUBJECTS),
  position: z.number().int(),
  active: z.boolean(),
});
export type Track = z.infer<typeof track>;
export const trackListQuery = listQuery(['position', 'code']).strict();
export type TrackListQuery = z.infer<typeof trackListQuery>;
export const trackList = listOf(track);

/** One criterion as written by the committee; points, titles and methods are checked by `checkStandard`. */
export const criterionInput = z
  .object({
    titleZh: singleLine().trim().max(200),
    titleEn: singleLine().trim().max(200),
    description: optionalText(2000),
    maxPoints: z.number().max(1000),
    evidence: optionalText(1000),
    evidenceRequired: z.boolean().default(false),
    methods: z.array(singleLine().trim().max(20)).max(10).default([]),
    veto: z.boolean().default(false),
    bonus: z.boolean().default(false),
  })
  .strict();
export type CriterionInput = z.infer<typeof criterionInput>;

export const criterion = z.object({
  id: z.uuid(),
  position: z.number().int(),
  titleZh: z.string(),
  titleEn: z.string(),
  description: z.string().nullable(),
  maxPoints: z.number(),
  evidence: z.string().nullable(),
  evidenceRequired: z.boolean(),
  methods: z.array(z.string()),
  veto: z.boolean(),
  bonus: z.boolean(),
});
export type Criterion = z.infer<typeof criterion>;

const content = {
  orgKinds: z.array(candidateKind).max(4).default([]),
  nameZh: line(100),
  nameEn: line(200),
  totalPoints: z.number().positive().max(1000).default(100),
  bonusCap: z.number().min(0).max(1000).default(10),
  note: optionalText(500),
  criteria: z.array(criterionInput).max(100),
};

export const createStandard = z
  .object({
    code: formatted(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'standardCode'),
    track: trackCode,
    ...content,
  })
  .strict();
export type CreateStandard = z.infer<typeof createStandard>;

/** New content for a standard: always a new version. `latestVersion` is the version the editor started from. */
export const updateStandard = z.object({ latestVersion: z.number().int(), ...content }).strict();
export type UpdateStandard = z.infer<typeof updateStandard>;

export const standardSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  track: z.string(),
  orgKinds: z.array(z.enum(ORG_KINDS)),
  nameZh: z.string(),
  nameEn: z.string(),
  active: z.boolean(),
  latestVersion: z.number().int(),
  latestVersionId: z.uuid(),
  /** Of the latest version. */
  totalPoints: z.number(),
  bonusCap: z.number(),
  criteriaCount: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type StandardSummary = z.infer<typeof standardSummary>;

export const standardVersion = z.object({
  id: z.uuid(),
  version: z.number().int(),
  totalPoints: z.number(),
  bonusCap: z.number(),
  note: z.string().nullable(),
  createdAt: z.iso.datetime(),
  criteria: z.array(criterion),
});
export type StandardVersion = z.infer<typeof standardVersion>;

/** A standard with one version's content: the latest (`GET /api/standards/:id`) or the one asked for. */
export const standardDetail = standardSummary
  .omit({ totalPoints: true, bonusCap: true, criteriaCount: true })
  .extend({ version: standardVersion });
export type StandardDetail = z.infer<typeof standardDetail>;

export const standardSortKeys = ['code', 'nameZh', 'updatedAt'] as const;
export const standardListQuery = listQuery(standardSortKeys)
  .extend({
    track: trackCode.optional(),
    orgKind: candidateKind.optional(),
    active: z.enum(['true', 'false', 'all']).default('true'),
  })
  .strict();
export type StandardListQuery = z.infer<typeof standardListQuery>;
export const standardList = listOf(standardSummary);

export const standardVersionParams = z
  .object({ id: z.uuid(), version: z.coerce.number().int().min(1).max(100000) })
  .strict();
