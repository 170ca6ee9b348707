/**
 * Campaigns (创建活动): one yearly round with its tracks and eligible kinds, the standard version used per
 * track × kind, quotas, unit caps and a timeline of seven dates; a state machine draft → … → closed.
 */
import { z } from 'zod';
import { ORG_KINDS, TRACK_SUBJECTS } from '../enums';
import { APPLICATION_STATUSES } from '../domain/application-workflow';
import { CAMPAIGN_STATUSES } from '../domain/campaign-rules';
import { line, listOf, listQuery } from './common';
import { candidateKind, trackCode } from './standards';

export const campaignStatus = z.enum(CAMPAIGN_STATUSES);
const instant = z.iso.datetime({ offset: true });
const isoOut = z.iso.datetime();

/** The seven dates, in order; each not before the one above it. */
export const timelineInput = z
  .object({
    applicationOpensAt: instant,
    applicationClosesAt: instant,
    recommendationDeadline: instant,
    reviewStartsAt: instant,
    reviewEndsAt: instant,
    publicityStartsAt: instant,
    publicityEndsAt: instant,
  })
  .strict();
export const timeline = z.object({
  applicationOpensAt: isoOut,
  applicationClosesAt: isoOut,
  recommendationDeadline: isoOut,
  reviewStartsAt: isoOut,
  reviewEndsAt: isoOut,
  publicityStartsAt: isoOut,
  publicityEndsAt: isoOut,
});
export type TimelineOut = z.infer<typeof timeline>;

/** A track the campaign runs, and the organisation kinds that may apply in it (empty: any). */
export const campaignTrackInput = z
  .object({ track: trackCode, eligibleKinds: z.array(candidateKind).max(4).default([]) })
  .strict();
/** The standard version for a track × kind (kind null: the track's one standard). */
export const campaignStandardInput = z
  .object({ track: trackCode, orgKind: candidateKind.nullable().default(null), standardVersionId: z.uuid() })
  .strict();
export const quotaInput = z
  .object({
    track: trackCode,
    orgKind: candidateKind.nullable().default(null),
    quota: z.number().int().min(0).max(100000),
  })
  .strict();
export const unitCapInput = z
  .object({ track: trackCode, unitId: z.uuid(), cap: z.number().int().min(0).max(100000) })
  .strict();

const settings = {
  year: z.number().int().min(2000).max(2100),
  name: line(100),
  tracks: z.array(campaignTrackInput).min(1).max(20),
  /** Omitted slots take the latest version of the matching active standard. */
  standards: z.array(campaignStandardInput).max(200).default([]),
  quotas: z.array(quotaInput).max(200).default([]),
  unitCaps: z.array(unitCapInput).max(10000).default([]),
  timeline: timelineInput,
};
export const createCampaign = z.object(settings).strict();
export type CreateCampaign = z.infer<typeof createCampaign>;

/**
 * A draft may change everything; once opened only the quotas, the unit caps and the dates still ahead.
 * Lists given replace the whole list; `timeline` may name only the dates that change.
 */
export const patchCampaign = z
  .object({
    version: z.number().int(),
    year: settings.year.optional(),
    name: settings.name.optional(),
    tracks: settings.tracks.optional(),
    standards: z.array(campaignStandardInput).max(200).optional(),
    quotas: z.array(quotaInput).max(200).optional(),
    unitCaps: z.array(unitCapInput).max(10000).optional(),
    timeline: timelineInput.partial().optional(),
  })
  .strict();
export type PatchCampaign = z.infer<typeof patchCampaign>;

export const copyCampaign = z.object({ year: settings.year, name: settings.name }).strict();
export type CopyCampaign = z.infer<typeof copyCampaign>;

export const transitionCampaign = z.object({ to: campaignStatus, version: z.number().int() }).strict();
export type TransitionCampaign = z.infer<typeof transitionCampaign>;

/** 立即截止申报: the campaign's version (another edit in between answers 409). */
export const closeIntakeBody = z.object({ version: z.number().int() }).strict();

const kindOut = z.enum(ORG_KINDS);

export const campaignTrack = z.object({
  track: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  subject: z.enum(TRACK_SUBJECTS),
  eligibleKinds: z.array(kindOut),
});
export const campaignStandard = z.object({
  track: z.string(),
  orgKind: kindOut.nullable(),
  standardId: z.uuid(),
  standardVersionId: z.uuid(),
  code: z.string(),
  version: z.number().int(),
  nameZh: z.string(),
  nameEn: z.string(),
});
export const campaignQuota = z.object({
  track: z.string(),
  orgKind: kindOut.nullable(),
  quota: z.number().int(),
});
export const campaignUnitCap = z.object({
  track: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  cap: z.number().int(),
});

export const campaignSummary = z.object({
  id: z.uuid(),
  year: z.number().int(),
  name: z.string(),
  status: campaignStatus,
  tracks: z.array(z.string()),
  timeline,
  openedAt: isoOut.nullable(),
  version: z.number().int(),
  updatedAt: isoOut,
});
export type CampaignSummary = z.infer<typeof campaignSummary>;

export const campaignDetail = campaignSummary.omit({ tracks: true }).extend({
  copiedFromId: z.uuid().nullable(),
  /** The step the state machine allows next (null once closed). */
  nextStatus: campaignStatus.nullable(),
  tracks: z.array(campaignTrack),
  standards: z.array(campaignStandard),
  /** Track × kind slots without a standard: the campaign cannot open while any remain. */
  missingStandards: z.array(z.object({ track: z.string(), orgKind: kindOut.nullable() })),
  quotas: z.array(campaignQuota),
  unitCaps: z.array(campaignUnitCap),
});
export type CampaignDetail = z.infer<typeof campaignDetail>;

export const campaignSortKeys = ['year', 'name', 'status', 'updatedAt'] as const;
export const campaignListQuery = listQuery(campaignSortKeys)
  .extend({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    status: campaignStatus.optional(),
  })
  .strict();
export type CampaignListQuery = z.infer<typeof campaignListQuery>;
export const campaignList = listOf(campaignSummary);
export const currentCampaigns = listOf(campaignDetail);

const counted = { count: z.number().int() };
/** Application counts of one campaign; a unit admin's numbers cover its own unit only. */
export const campaignDashboard = z.object({
  campaignId: z.uuid(),
  /** `unit`: the numbers cover the caller's unit only. */
  scope: z.enum(['all', 'unit']),
  total: z.number().int(),
  byStatus: z.array(z.object({ status: z.enum(APPLICATION_STATUSES), ...counted })),
  byTrack: z.array(z.object({ track: z.string(), ...counted })),
  byOrgKind: z.array(z.object({ orgKind: kindOut, ...counted })),
  /** Per track and organisation kind (the groups with applications): kinds counted within their track. */
  byTrackKind: z.array(z.object({ track: z.string(), orgKind: kindOut, ...counted })),
  byUnit: z.array(z.object({ unitId: z.uuid(), unitName: z.string(), ...counted })),
  /**
   * Per quota row: `selected`, what the quota is for (proposed, in publicity or certified), and beside it
   * the intake, `accepted` (applications that passed the committee's intake: accepted or any later status).
   */
  quotas: z.array(
    z.object({
      track: z.string(),
      orgKind: kindOut.nullable(),
      quota: z.number().int(),
      accepted: z.number().int(),
      selected: z.number().int(),
    }),
  ),
});
export type CampaignDashboard = z.infer<typeof campaignDashboard>;
