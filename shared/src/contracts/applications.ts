/**
 * Applications (申报): requests and answers of `/api/applications…` (DESIGN §1, §3). The workflow's
 * statuses and actions come from the pure rules in `domain/application-workflow.ts`.
 */
import { z } from 'zod';
import { ORG_KINDS, ROLES, TRACK_SUBJECTS } from '../enums';
import { APPLICATION_STATUSES } from '../domain/application-workflow';
import { CAMPAIGN_STATUSES } from '../domain/campaign-rules';
import { dayFilter, errorBody, listOf, listQuery, optionalText, searchText, text } from './common';

export const applicationStatus = z.enum(APPLICATION_STATUSES);
export const trackCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[a-z][a-z0-9_-]*$/);

/** Narrative field limits (characters). */
export const FIELD_LIMITS = {
  brandName: 60,
  summary: 2000,
  features: 5000,
  practices: 10000,
  results: 5000,
} as const;
export const NARRATIVE_FIELDS = ['brandName', 'summary', 'features', 'practices', 'results'] as const;
export type NarrativeField = (typeof NARRATIVE_FIELDS)[number];

export const createApplication = z
  .object({
    campaignId: z.uuid(),
    trackCode,
    /** Site tracks: the applying organisation. */
    organizationId: z.uuid().optional(),
    /** Venue tracks: the venue (its organisation applies for it). */
    venueId: z.uuid().optional(),
  })
  .strict();
export type CreateApplication = z.infer<typeof createApplication>;

/** `status=submitted,recommended` or `status=submitted&status=recommended`. */
const statusFilter = z.preprocess(
  (v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((x) => String(x).split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  z.array(applicationStatus).min(1).max(APPLICATION_STATUSES.length),
);

export const applicationSortKeys = ['updatedAt', 'submittedAt', 'orgName', 'status', 'unitRank'] as const;
/** The list's filters without paging (the export keeps them). */
export const applicationFilter = z.object({
  campaignId: z.uuid().optional(),
  trackCode: trackCode.optional(),
  orgKind: z.enum(ORG_KINDS).optional(),
  unitId: z.uuid().optional(),
  status: statusFilter.optional(),
  /** Brand name, organisation name (contains) or organisation code (starts with). */
  q: searchText(),
  /** Submitted on or after this day (YYYY-MM-DD in Beijing time). */
  submittedFrom: dayFilter(),
  /** Submitted on or before this day (YYYY-MM-DD in Beijing time, the whole day included). */
  submittedTo: dayFilter(),
});
export const applicationListQuery = listQuery(applicationSortKeys)
  .extend({ pageSize: z.coerce.number().int().min(1).max(200).default(50) })
  .extend(applicationFilter.shape)
  .strict();
export type ApplicationListQuery = z.infer<typeof applicationListQuery>;
export const applicationExportQuery = applicationFilter
  .extend({ sort: applicationListQuery.shape.sort })
  .strict();
export type ApplicationExportQuery = z.infer<typeof applicationExportQuery>;

const iso = z.iso.datetime();

export const applicationListItem = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  campaignName: z.string(),
  trackCode: z.string(),
  trackNameZh: z.string(),
  trackNameEn: z.string(),
  organizationId: z.uuid(),
  orgName: z.string(),
  orgCode: z.string(),
  orgKind: z.enum(ORG_KINDS),
  unitId: z.uuid(),
  unitName: z.string(),
  venueId: z.uuid().nullable(),
  venueName: z.string().nullable(),
  brandName: z.string().nullable(),
  status: applicationStatus,
  /** For a batch from the list (intake): the version the clerk saw. */
  version: z.number().int(),
  unitRank: z.number().int().nullable(),
  submittedAt: iso.nullable(),
  updatedAt: iso,
});
export type ApplicationListItem = z.infer<typeof applicationListItem>;
export const applicationList = listOf(applicationListItem);

export const gap = z.object({
  kind: z.enum(['field', 'self_assessment', 'evidence']),
  /** `brandName` / `summary` for a field gap, otherwise null. */
  field: z.string().nullable(),
  criterionId: z.uuid().nullable(),
  /** What is missing, in the caller's language. */
  message: z.string(),
});
export type GapItem = z.infer<typeof gap>;

export const historyItem = z.object({
  id: z.number().int(),
  at: iso,
  actorName: z.string().nullable(),
  role: z.enum(ROLES).nullable(),
  action: z.string(),
  fromStatus: applicationStatus.nullable(),
  toStatus: applicationStatus.nullable(),
  reason: z.string().nullable(),
});
export type HistoryItem = z.infer<typeof historyItem>;

export const evidenceItem = z.object({
  id: z.uuid(),
  criterionId: z.uuid().nullable(),
  originalName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: iso,
});
export type EvidenceItem = z.infer<typeof evidenceItem>;

export const assessedCriterion = z.object({
  id: z.uuid(),
  position: z.number().int(),
  titleZh: z.string(),
  titleEn: z.string(),
  description: z.string().nullable(),
  maxPoints: z.number(),
  evidence: z.string().nullable(),
  evidenceRequired: z.boolean(),
  veto: z.boolean(),
  bonus: z.boolean(),
  /** The applicant's self-assessment. */
  score: z.number().nullable(),
  note: z.string().nullable(),
  evidenceCount: z.number().int(),
});

/** Which actions the caller may take on this record now (the page shows only these buttons). */
export const abilities = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  withdraw: z.boolean(),
  recommend: z.boolean(),
  return: z.boolean(),
  accept: z.boolean(),
});
export type Abilities = z.infer<typeof abilities>;

export const applicationDetail = z.object({
  id: z.uuid(),
  campaign: z.object({
    id: z.uuid(),
    name: z.string(),
    year: z.number().int(),
    status: z.enum(CAMPAIGN_STATUSES),
    applicationOpensAt: iso,
    applicationClosesAt: iso,
    recommendationDeadline: iso,
  }),
  track: z.object({
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    subject: z.enum(TRACK_SUBJECTS),
  }),
  organization: z.object({ id: z.uuid(), code: z.string(), name: z.string(), kind: z.enum(ORG_KINDS) }),
  unit: z.object({ id: z.uuid(), name: z.string() }),
  venue: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  standard: z.object({
    versionId: z.uuid(),
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    version: z.number().int(),
    totalPoints: z.number(),
    bonusCap: z.number(),
  }),
  status: applicationStatus,
  brandName: z.string().nullable(),
  summary: z.string().nullable(),
  features: z.string().nullable(),
  practices: z.string().nullable(),
  results: z.string().nullable(),
  unitOpinion: z.string().nullable(),
  unitRank: z.number().int().nullable(),
  returnedReason: z.string().nullable(),
  submittedAt: iso.nullable(),
  recommendedAt: iso.nullable(),
  acceptedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
  updatedByName: z.string().nullable(),
  version: z.number().int(),
  criteria: z.array(assessedCriterion),
  /** Sum of the self-assessed scores. */
  selfScoreTotal: z.number(),
  evidence: z.array(evidenceItem),
  history: z.array(historyItem),
  gaps: z.array(gap),
  abilities,
});
export type ApplicationDetail = z.infer<typeof applicationDetail>;

const narrative = (max: number) => optionalText(max);

/** Autosave: only the fields sent change; `null` or '' clears one. */
export const patchApplication = z
  .object({
    version: z.number().int(),
    brandName: narrative(FIELD_LIMITS.brandName),
    summary: narrative(FIELD_LIMITS.summary),
    features: narrative(FIELD_LIMITS.features),
    practices: narrative(FIELD_LIMITS.practices),
    results: narrative(FIELD_LIMITS.results),
  })
  .strict();
export type PatchApplication = z.infer<typeof patchApplication>;

export const selfAssessmentBody = z
  .object({
    version: z.number().int(),
    items: z
      .array(
        z
          .object({
            criterionId: z.uuid(),
            /** 0..max in steps of 0.5; null clears it. */
            score: z.number().nullable(),
            note: optionalText(1000),
          })
          .strict(),
      )
      .max(200),
  })
  .strict();
export type SelfAssessmentBody = z.infer<typeof selfAssessmentBody>;

export const submitBody = z
  .object({
    /** The version the applicant saw: a newer one answers VERSION_CONFLICT instead of submitting. */
    version: z.number().int().optional(),
  })
  .strict();
export const recommendBody = z
  .object({ opinion: text(2000), rank: z.number().int().min(1).max(10000) })
  .strict();
export const returnBody = z.object({ reason: text(2000) }).strict();
export const acceptBody = z.object({}).strict();
export const withdrawBody = z.object({ reason: optionalText(2000) }).strict();
export type TransitionBody = {
  version?: number;
  opinion?: string;
  rank?: number;
  reason?: string | null;
};

/** Submit is retried safely with the same `Idempotency-Key` header (8–128 characters). */
export const idempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .trim()
    .min(8)
    .max(128)
    .regex(/^[A-Za-z0-9._:-]+$/),
});

export const transitionResult = z.object({
  application: z.object({
    id: z.uuid(),
    status: applicationStatus,
    version: z.number().int(),
    updatedAt: iso,
    submittedAt: iso.nullable(),
    recommendedAt: iso.nullable(),
    acceptedAt: iso.nullable(),
    unitRank: z.number().int().nullable(),
    unitOpinion: z.string().nullable(),
    returnedReason: z.string().nullable(),
  }),
  event: historyItem,
});
export type TransitionResult = z.infer<typeof transitionResult>;

/** How many applications one batch of the intake queue may move (issue #7 §4). */
export const BATCH_MAX = 100;

/**
 * The committee's batch in the intake queue: accept several, or return several with one reason. All or
 * nothing: one refusal (a status changed meanwhile, a stale version) refuses the batch and names each item.
 */
const batchItems = z
  .array(z.object({ id: z.uuid(), version: z.number().int() }).strict())
  .min(1)
  .max(BATCH_MAX);
export const batchTransitionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), items: batchItems }).strict(),
  z.object({ action: z.literal('return'), reason: text(2000), items: batchItems }).strict(),
]);
export type BatchTransitionBody = z.infer<typeof batchTransitionBody>;
export const batchTransitionResult = z.object({
  action: z.enum(['accept', 'return']),
  applications: z.array(transitionResult.shape.application),
});
export type BatchTransitionResult = z.infer<typeof batchTransitionResult>;

export const reorderRanks = z
  .object({
    campaignId: z.uuid(),
    trackCode,
    order: z.array(z.uuid()).min(1).max(1000),
  })
  .strict();
export type ReorderRanks = z.infer<typeof reorderRanks>;
export const rankList = z.object({
  items: z.array(z.object({ id: z.uuid(), unitRank: z.number().int() })),
});

/**
 * A 409 or 422 answer of this module: `VERSION_CONFLICT` tells who changed the record and when
 * (`updatedAt`, `updatedByName`, `currentVersion`); `INCOMPLETE` lists the `gaps`; `TRANSITION_REFUSED`
 * and `DEADLINE_PASSED` name the `refusal` (also in `details`).
 */
export const applicationErrorBody = z.object({
  error: errorBody.shape.error.extend({
    currentVersion: z.number().int().optional(),
    updatedAt: iso.optional(),
    updatedByName: z.string().nullable().optional(),
    refusal: z.string().optional(),
    gaps: z.array(gap).optional(),
  }),
});

/** Status names for files the server writes (Excel, PDF); the pages use their message catalogues. */
export const APPLICATION_STATUS_LABELS: Record<
  (typeof APPLICATION_STATUSES)[number],
  { zh: string; en: string }
> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  recommended: { zh: '单位已推荐', en: 'Recommended' },
  accepted: { zh: '已受理', en: 'Accepted' },
  returned: { zh: '已退回', en: 'Returned' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  in_review: { zh: '评审中', en: 'In review' },
  shortlisted: { zh: '已入围', en: 'Shortlisted' },
  not_selected: { zh: '未入选', en: 'Not selected' },
  proposed: { zh: '拟命名', en: 'Proposed' },
  in_publicity: { zh: '公示中', en: 'In publicity' },
  certified: { zh: '已命名', en: 'Certified' },
};

/** Column headers of the Excel export, in order. */
export const APPLICATION_EXPORT_HEADERS = [
  '序号',
  '创建活动',
  '类别',
  '党组织名称',
  '组织编码',
  '组织类型',
  '直属党组织',
  '阵地',
  '党建品牌',
  '状态',
  '推荐排序',
  '单位推荐意见',
  '提交时间',
  '推荐时间',
  '受理时间',
  '更新时间',
] as const;
