/**
 * The committee's decision (集体评审决定, issue #6 §8, docs/EVALUATION.md "Decision"): the draft made
 * from the proposal, the committee's line edits, confirmation with its frozen snapshot, the release
 * and what an applicant sees of its own result.
 */
import { z } from 'zod';
import { DECISION_STATUSES, PROPOSAL_REASONS } from '../domain/stages';
import { ORG_KINDS } from '../enums';
import { optionalText } from './common';

const count = z.number().int().min(0).max(1000);

export const votes = z.object({ for: count, against: count, abstain: count }).strict();
export type VotesBody = z.infer<typeof votes>;

export const decisionLine = z.object({
  applicationId: z.uuid(),
  /** The application's title: brand name, or its organisation's (or venue's) name. */
  title: z.string(),
  organizationName: z.string(),
  unitName: z.string(),
  orgKind: z.enum(ORG_KINDS),
  rank: z.number().int(),
  finalScore: z.number().nullable(),
  proposed: z.boolean(),
  proposalReason: z.enum(PROPOSAL_REASONS),
  /** The committee's choice; null until recorded. */
  selected: z.boolean().nullable(),
  votes: votes.nullable(),
  reason: z.string().nullable(),
});
export type DecisionLineBody = z.infer<typeof decisionLine>;

/** One quota group: a track × organisation kind (kind null: the whole track). */
export const decisionGroup = z.object({
  track: z.string(),
  orgKind: z.enum(ORG_KINDS).nullable(),
  quota: z.number().int(),
  proposedCount: z.number().int(),
  selectedCount: z.number().int(),
  lines: z.array(decisionLine),
});

export const decisionDetail = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  status: z.enum(DECISION_STATUSES),
  /** The ranking the proposal was made on. */
  basis: z.enum(['raw', 'standardised']),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  confirmedAt: z.iso.datetime().nullable(),
  confirmedByName: z.string().nullable(),
  /** SHA-256 (hex) of the frozen snapshot's canonical JSON; null while draft. */
  snapshotDigest: z.string().nullable(),
  releasedAt: z.iso.datetime().nullable(),
  groups: z.array(decisionGroup),
});
export type DecisionDetail = z.infer<typeof decisionDetail>;

export const createDecision = z.object({}).strict();

/** The committee's choice for one line; `version` is the decision's. */
export const patchDecisionLine = z
  .object({
    selected: z.boolean(),
    votesFor: count.nullable().optional(),
    votesAgainst: count.nullable().optional(),
    votesAbstain: count.nullable().optional(),
    reason: optionalText(2000),
    version: z.number().int(),
  })
  .strict();
export type PatchDecisionLine = z.infer<typeof patchDecisionLine>;

export const lineParams = z.object({ id: z.uuid(), applicationId: z.uuid() }).strict();

/**
 * Accept the proposal: every line without a choice takes the proposal's (selected = proposed), with
 * the votes given, if any.
 */
export const acceptProposal = z.object({ votes: votes.optional(), version: z.number().int() }).strict();
export type AcceptProposal = z.infer<typeof acceptProposal>;

export const confirmDecision = z.object({ version: z.number().int() }).strict();

/**
 * The frozen snapshot of a confirmed decision (GET /api/decisions/:id/snapshot), so anyone can check it:
 * `digest` is the SHA-256 (hex) of the snapshot's canonical JSON — object keys sorted at every level, no
 * spaces, numbers as JavaScript prints them — and equals the decision's `snapshotDigest`.
 */
export const frozenSnapshot = z.object({
  decisionId: z.uuid(),
  algorithm: z.literal('sha256/canonical-json'),
  digest: z.string(),
  snapshot: z.record(z.string(), z.unknown()),
});
export type FrozenSnapshot = z.infer<typeof frozenSnapshot>;
export const releaseDecision = confirmDecision;

/**
 * One application's own result (GET /api/applications/:id/results): its stage scores and the outcome.
 * The applicant and its unit see it once released; the committee at any time (then `outcome` may still
 * be null: no decision yet, or no choice recorded). Never other applications' figures; reviewer names only
 * for a stage whose `show_reviewer_names` is on.
 */
export const applicationResult = z.object({
  applicationId: z.uuid(),
  campaignId: z.uuid(),
  releasedAt: z.iso.datetime().nullable(),
  /** From the decision's line; `not_selected` when the decision has no line for it (not shortlisted). */
  outcome: z.enum(['selected', 'not_selected']).nullable(),
  /** Whether the proposal (建议名单) had it; null without a decision. */
  proposed: z.boolean().nullable(),
  /** Its final score as decided (its decision line); null without a line. */
  finalScore: z.number().nullable(),
  /** Its rank in its quota group; null when it has no decision line. */
  rank: z.number().int().nullable(),
  stages: z.array(
    z.object({
      stageId: z.uuid(),
      position: z.number().int(),
      nameZh: z.string(),
      nameEn: z.string(),
      method: z.string(),
      weight: z.number(),
      /** Its stage score; null for a gate, or when it did not enter the stage. */
      score: z.number().nullable(),
      /** The reviews that counted (locked, not conflicted). */
      reviewCount: z.number().int(),
      gatePassed: z.boolean().nullable(),
      /** The names of the reviewers whose reviews counted, when the stage shows them; otherwise null. */
      reviewerNames: z.array(z.string()).nullable(),
    }),
  ),
});
export type ApplicationResult = z.infer<typeof applicationResult>;
