/**
 * The work desk (工作台, issue #7 §2): what the caller's role has to do today, as counts computed in the
 * caller's scope. Every count is the total of a list the web opens with the same filter, so the number on
 * the desk is the number of rows the list shows.
 */
import { z } from 'zod';
import { APPLICATION_STATUSES } from '../domain/application-workflow';
import { CAMPAIGN_STATUSES } from '../domain/campaign-rules';
import { ORG_KINDS } from '../enums';

const iso = z.iso.datetime();
const count = z.number().int().min(0);

/** How many days ahead a cultivation milestone counts as due (overdue ones always do). */
export const MILESTONE_DUE_DAYS = 14;
/** How many days back the security desk lists privilege changes. */
export const PRIVILEGE_CHANGE_DAYS = 7;
/** How many days back the security desk lists failed file integrity checks. */
export const INTEGRITY_FAILURE_DAYS = 30;
/** Items a desk lists under a count (the count is the whole number). */
export const DESK_ITEMS = 5;

export const DEADLINE_KINDS = [
  'application_closes',
  'recommendation_deadline',
  'review_ends',
  'publicity_ends',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** A campaign's next deadline the role works towards (still ahead of now). */
export const deskDeadline = z.object({
  campaignId: z.uuid(),
  campaignName: z.string(),
  kind: z.enum(DEADLINE_KINDS),
  at: iso,
});
export type DeskDeadline = z.infer<typeof deskDeadline>;

const applicationRef = z.object({ id: z.uuid(), title: z.string(), campaignName: z.string() });

export const applicantDesk = z.object({
  role: z.literal('applicant'),
  /** 被退回: status `returned`, with the reason to act on. */
  returned: z.object({
    total: count,
    items: z.array(applicationRef.extend({ reason: z.string().nullable() })),
  }),
  /** 草稿: status `draft`, with how many of the required items are still missing. */
  drafts: z.object({
    total: count,
    items: z.array(applicationRef.extend({ missing: count, required: count })),
  }),
  /** Submitted and waiting for the unit's check. */
  submitted: count,
  deadlines: z.array(deskDeadline),
});

export const unitCapUse = z.object({
  campaignId: z.uuid(),
  campaignName: z.string(),
  track: z.string(),
  trackNameZh: z.string(),
  trackNameEn: z.string(),
  /** null: the committee set no cap for the unit. */
  cap: z.number().int().nullable(),
  /** Recommended applications holding a rank (accepted ones too). */
  used: count,
});

export const unitDesk = z.object({
  role: z.literal('unit_admin'),
  /** 待审核: the unit's applications in status `submitted`. */
  pendingReview: count,
  caps: z.array(unitCapUse),
  /** Cultivations with an open milestone due within MILESTONE_DUE_DAYS days, overdue ones included. */
  milestonesDue: count,
  /** Cultivations with an open milestone past its date. */
  milestonesOverdue: count,
  deadlines: z.array(deskDeadline),
});

export const deskStage = z.object({
  id: z.uuid(),
  nameZh: z.string(),
  nameEn: z.string(),
  status: z.enum(['draft', 'open', 'closed']),
  opensAt: iso,
  closesAt: iso,
  assigned: count,
  locked: count,
});
export type DeskStage = z.infer<typeof deskStage>;

export const deskQuota = z.object({
  track: z.string(),
  trackNameZh: z.string(),
  trackNameEn: z.string(),
  orgKind: z.enum(ORG_KINDS).nullable(),
  quota: z.number().int(),
  /** Past the committee's intake (accepted or later). */
  accepted: count,
  /** What the quota is for: proposed, in publicity or certified. */
  selected: count,
});

export const committeeCampaign = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  recommendationDeadline: iso,
  /** 待受理: status `recommended`. */
  pendingIntake: count,
  /** Units with applications still waiting for their check (`submitted`). */
  waitingUnits: z.array(z.object({ unitId: z.uuid(), unitName: z.string(), waiting: count })),
  stages: z.array(deskStage),
  quotas: z.array(deskQuota),
  byStatus: z.array(z.object({ status: z.enum(APPLICATION_STATUSES), count })),
});

export const committeeDesk = z.object({
  role: z.literal('committee_admin'),
  /** Campaigns between open and publicity, earliest deadline first. */
  campaigns: z.array(committeeCampaign),
  deadlines: z.array(deskDeadline),
});

export const securityDesk = z.object({
  role: z.literal('security_admin'),
  /** Accounts locked out now (lockedUntil in the future). */
  locked: count,
  /** Accounts that must change their password at the next login. */
  mustChangePassword: count,
  /** Role changes and new accounts in the last PRIVILEGE_CHANGE_DAYS days. */
  privilegeChanges: z.object({
    total: count,
    items: z.array(
      z.object({
        at: iso,
        actorName: z.string().nullable(),
        action: z.string(),
        accountId: z.uuid().nullable(),
        accountName: z.string().nullable(),
        roleBefore: z.string().nullable(),
        roleAfter: z.string().nullable(),
      }),
    ),
  }),
  /**
   * Stored files that failed their integrity check on a download (audit events
   * `evidence.integrity_failed`) in the last INTEGRITY_FAILURE_DAYS days, newest first.
   */
  integrityFailures: z.object({
    total: count,
    items: z.array(
      z.object({
        at: iso,
        objectType: z.string().nullable(),
        objectId: z.string().nullable(),
        /** The file's name. */
        name: z.string().nullable(),
        /** Who tried to download it. */
        actorName: z.string().nullable(),
      }),
    ),
  }),
});

export const auditDesk = z.object({
  role: z.literal('audit_admin'),
  /** Beijing midnight today: the `from` of every count. */
  since: iso,
  deniedRequests: count,
  failedLogins: count,
  /** Events of the accounts area (create, edit incl. role, reset, unlock, disable, enable). */
  accountChanges: count,
  /** The same three counts for each of the last 7 Beijing days, oldest first, today last (zeros included). */
  days: z.array(z.object({ day: z.iso.date(), denied: count, failedLogins: count, accountChanges: count })),
});

export const reviewerDesk = z.object({
  role: z.literal('reviewer'),
  stages: z.array(deskStage.extend({ campaignName: z.string() })),
});

export const desk = z.discriminatedUnion('role', [
  applicantDesk,
  unitDesk,
  committeeDesk,
  securityDesk,
  auditDesk,
  reviewerDesk,
]);
export type Desk = z.infer<typeof desk>;
export type ApplicantDesk = z.infer<typeof applicantDesk>;
export type UnitDesk = z.infer<typeof unitDesk>;
export type CommitteeDesk = z.infer<typeof committeeDesk>;
export type CommitteeCampaign = z.infer<typeof committeeCampaign>;
export type SecurityDesk = z.infer<typeof securityDesk>;
export type AuditDesk = z.infer<typeof auditDesk>;
export type ReviewerDesk = z.infer<typeof reviewerDesk>;
