/**
 * Cultivation (培育库): requests and answers of `/api/cultivations…` (DESIGN §1). A unit keeps its
 * candidates (an organisation for a site track, a venue for a venue track) with a plan, milestones,
 * progress notes and a readiness self-check, and turns one into a draft application in one step.
 */
import { z } from 'zod';
import { ORG_KINDS, TRACK_SUBJECTS } from '../enums';
import { CULTIVATION_STATUSES, type CultivationStatus } from '../domain/cultivation-rules';
import { line, listOf, listQuery, optionalText, searchText, text } from './common';

export { CULTIVATION_STATUSES, type CultivationStatus };
/** The statuses a unit sets by hand; `applied` is set only by turning the candidate into an application. */
export const SETTABLE_CULTIVATION_STATUSES = ['cultivating', 'ready', 'dropped'] as const;

const iso = z.iso.datetime();
const trackCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[a-z][a-z0-9_-]*$/);

export const cultivation = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string().nullable(),
  trackCode: z.string(),
  trackNameZh: z.string(),
  trackNameEn: z.string(),
  /** What is cultivated: an organisation (site tracks) or a venue (venue tracks). */
  subjectKind: z.enum(TRACK_SUBJECTS),
  subjectId: z.uuid(),
  /** The organisation's or the venue's name. */
  subjectName: z.string(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  orgKind: z.enum(ORG_KINDS),
  venueId: z.uuid().nullable(),
  plan: z.string().nullable(),
  status: z.enum(CULTIVATION_STATUSES),
  milestonesDone: z.number().int(),
  milestonesTotal: z.number().int(),
  /** The readiness self-check's share of the standard's points; null before any self-check. */
  readinessPercentage: z.number().nullable(),
  /** The application it was turned into (the latest), if any. */
  applicationId: z.uuid().nullable(),
  version: z.number().int(),
  createdAt: iso,
  updatedAt: iso,
});
export type Cultivation = z.infer<typeof cultivation>;

export const milestone = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  /** YYYY-MM-DD. */
  dueOn: z.string().nullable(),
  done: z.boolean(),
  doneAt: iso.nullable(),
});
export type Milestone = z.infer<typeof milestone>;

export const note = z.object({
  id: z.uuid(),
  body: z.string(),
  authorName: z.string().nullable(),
  createdAt: iso,
});
export type Note = z.infer<typeof note>;

export const readinessItem = z.object({
  criterionId: z.uuid(),
  position: z.number().int(),
  titleZh: z.string(),
  titleEn: z.string(),
  maxPoints: z.number(),
  bonus: z.boolean(),
  veto: z.boolean(),
  score: z.number().nullable(),
  /** What is still missing for this criterion (差距). */
  gap: z.string().nullable(),
});

export const readiness = z.object({
  standardVersionId: z.uuid(),
  standardCode: z.string(),
  standardNameZh: z.string(),
  standardNameEn: z.string(),
  version: z.number().int(),
  /** False when the standard has a newer version than the one this self-check was made against. */
  current: z.boolean(),
  items: z.array(readinessItem),
  scored: z.number().int(),
  criteriaCount: z.number().int(),
  /** Regular points plus bonus points (capped). */
  total: z.number(),
  /** The standard's total points. */
  max: z.number(),
  /** total / max × 100, one decimal, at most 100. */
  percentage: z.number(),
});
export type Readiness = z.infer<typeof readiness>;

export const cultivationDetail = cultivation.extend({
  milestones: z.array(milestone),
  notes: z.array(note),
  /** Against the standard of the last self-check, or the current standard when there is none; null if no standard applies. */
  readiness: readiness.nullable(),
});
export type CultivationDetail = z.infer<typeof cultivationDetail>;

export const cultivationSortKeys = ['updatedAt', 'createdAt', 'subjectName', 'status', 'unitName'] as const;
export const cultivationFilter = z.object({
  trackCode: trackCode.optional(),
  status: z.enum(CULTIVATION_STATUSES).optional(),
  /** The subject's name (contains) or the organisation's code (starts with). */
  q: searchText(),
  /** The committee narrows to one unit; a unit admin only ever sees its own. */
  unitId: z.uuid().optional(),
  /** An open milestone `due` within MILESTONE_DUE_DAYS days (overdue included) or `overdue` (China dates). */
  milestones: z.enum(['due', 'overdue']).optional(),
});
export const cultivationListQuery = listQuery(cultivationSortKeys).extend(cultivationFilter.shape).strict();
export type CultivationListQuery = z.infer<typeof cultivationListQuery>;
export const cultivationExportQuery = cultivationFilter
  .extend({ sort: cultivationListQuery.shape.sort })
  .strict();
export type CultivationExportQuery = z.infer<typeof cultivationExportQuery>;
export const cultivationList = listOf(cultivation);

export const createCultivation = z
  .object({
    trackCode,
    /** Site tracks: the organisation (in the unit's subtree). */
    organizationId: z.uuid().optional(),
    /** Venue tracks: the venue (of the unit). */
    venueId: z.uuid().optional(),
    plan: optionalText(5000),
  })
  .strict();
export type CreateCultivation = z.infer<typeof createCultivation>;

export const patchCultivation = z
  .object({
    plan: optionalText(5000),
    status: z.enum(SETTABLE_CULTIVATION_STATUSES).optional(),
    version: z.number().int(),
  })
  .strict();
export type PatchCultivation = z.infer<typeof patchCultivation>;

export const milestoneParams = z.object({ id: z.uuid(), mid: z.uuid() }).strict();
const dueOn = z.iso.date().nullable().optional();
export const createMilestone = z.object({ title: line(200), dueOn }).strict();
export type CreateMilestone = z.infer<typeof createMilestone>;
export const patchMilestone = z
  .object({ title: line(200).optional(), dueOn, done: z.boolean().optional() })
  .strict();
export type PatchMilestone = z.infer<typeof patchMilestone>;

export const createNote = z.object({ body: text(5000) }).strict();
export type CreateNote = z.infer<typeof createNote>;

export const putReadiness = z
  .object({
    items: z
      .array(
        z
          .object({
            criterionId: z.uuid(),
            /** 0..max in steps of 0.5; null leaves the criterion unscored. */
            score: z.number().nullable(),
            gap: optionalText(1000),
          })
          .strict(),
      )
      .max(200),
  })
  .strict();
export type PutReadiness = z.infer<typeof putReadiness>;

export const applyCultivation = z.object({ campaignId: z.uuid() }).strict();
export type ApplyCultivation = z.infer<typeof applyCultivation>;
export const appliedCultivation = z.object({
  applicationId: z.uuid(),
  campaignId: z.uuid(),
  status: z.literal('draft'),
  /** How many readiness scores became the application's self-assessment (0 when the standard versions differ). */
  selfAssessmentsCopied: z.number().int(),
  cultivation: cultivationDetail,
});
export type AppliedCultivation = z.infer<typeof appliedCultivation>;

/** The export's columns (Chinese headers). */
export const CULTIVATION_EXPORT_HEADERS = [
  '直属党组织',
  '类别',
  '培育对象',
  '所属党组织',
  '组织类型',
  '状态',
  '培育计划',
  '里程碑（完成/总数）',
  '自评得分率(%)',
  '更新时间',
] as const;

export const CULTIVATION_STATUS_LABELS: Record<CultivationStatus, { zh: string; en: string }> = {
  cultivating: { zh: '培育中', en: 'Cultivating' },
  ready: { zh: '可申报', en: 'Ready' },
  applied: { zh: '已申报', en: 'Applied' },
  dropped: { zh: '已移出', en: 'Dropped' },
};
