/**
 * Peer mutual evaluation (互比互评, docs/EVALUATION.md): the committee draws a peer stage's groups, each
 * member's applicant rates the other members it may rate (by pseudonym only), and the committee reads the
 * groups, the scores and the flags (Spearman against the consensus, reciprocal favour pairs).
 */
import { z } from 'zod';
import { ORG_KINDS } from '../enums';
import { PEER_MODES, REVIEW_STATUSES, STAGE_STATUSES } from '../domain/stages';
import { SEED_MAX } from '../domain/evaluation/draw';

const isoOut = z.iso.datetime();
const seed = z.number().int().min(0).max(SEED_MAX);
const pseudonym = z.string().min(1).max(8);

/** Draw (preview) or commit a peer stage's groups; a commit with the previewed seed gives the previewed groups. */
export const drawPeerGroupsBody = z
  .object({
    /** Unsigned 32-bit seed; absent: the server draws one (and answers it). */
    seed: seed.optional(),
    /** true: answer the groups and write nothing. */
    preview: z.boolean(),
  })
  .strict();
export type DrawPeerGroupsBody = z.infer<typeof drawPeerGroupsBody>;

export const peerDrawRef = z.object({
  id: z.uuid().nullable(),
  seed: z.number().int(),
  inputsDigest: z.string(),
  resultDigest: z.string(),
});

export const peerGroupMember = z.object({
  applicationId: z.uuid(),
  organizationName: z.string(),
  unitId: z.uuid(),
  pseudonym,
  /** The member's own sheet (null in a preview). */
  sheetId: z.uuid().nullable(),
  sheetStatus: z.enum(REVIEW_STATUSES).nullable(),
  /** Its peer score so far (submitted sheets only), and how many raters counted. */
  score: z.number().nullable(),
  ratedBy: z.number().int(),
});

export const peerGroup = z.object({
  id: z.uuid().nullable(),
  position: z.number().int(),
  name: z.string(),
  trackCode: z.string(),
  orgKind: z.enum(ORG_KINDS).nullable(),
  members: z.array(peerGroupMember),
});

export const peerGroupsView = z.object({
  stageId: z.uuid(),
  mode: z.enum(PEER_MODES),
  groupSize: z.number().int().nullable(),
  excludeOwnUnit: z.boolean(),
  preview: z.boolean(),
  draw: peerDrawRef.nullable(),
  groups: z.array(peerGroup),
});
export type PeerGroupsView = z.infer<typeof peerGroupsView>;

/** What a rater sees of one of its organisation's sheets: the others by pseudonym only. */
export const peerSheet = z.object({
  id: z.uuid(),
  stage: z.object({
    id: z.uuid(),
    nameZh: z.string(),
    nameEn: z.string(),
    status: z.enum(STAGE_STATUSES),
    opensAt: isoOut,
    closesAt: isoOut,
  }),
  mode: z.enum(PEER_MODES),
  groupName: z.string(),
  /** The rating member's own pseudonym (how the others see it). */
  pseudonym,
  /** The members it must rank or score: keyed by pseudonym (in pseudonym order), shown by organisation name. */
  targets: z.array(z.object({ pseudonym, organizationName: z.string() })),
  /** Other members of the group it may not rate (its own unit's, when the stage excludes them), by name. */
  excluded: z.array(z.object({ organizationName: z.string() })),
  /** The group's raters other than itself, by pseudonym only, and whether each has submitted. */
  raters: z.array(z.object({ pseudonym, submitted: z.boolean() })),
  /** Rank mode: pseudonyms, best first. */
  ranking: z.array(pseudonym),
  /** Score mode: pseudonym → 0..100. */
  scores: z.record(z.string(), z.number()),
  status: z.enum(REVIEW_STATUSES),
  submittedAt: isoOut.nullable(),
  version: z.number().int(),
  /** Whether the caller may save or submit it now (stage open, not submitted). */
  editable: z.boolean(),
});
export type PeerSheet = z.infer<typeof peerSheet>;

export const mySheets = z.object({ items: z.array(peerSheet) });

/** Save a draft: a ranking (rank mode) or scores (score mode) of the other members, by pseudonym. */
export const savePeerSheetBody = z
  .object({
    version: z.number().int(),
    ranking: z.array(pseudonym).max(500).optional(),
    scores: z.record(pseudonym, z.number()).optional(),
  })
  .strict();
export type SavePeerSheetBody = z.infer<typeof savePeerSheetBody>;

export const submitPeerSheetBody = z.object({ version: z.number().int() }).strict();

const flaggedMember = z.object({
  applicationId: z.uuid(),
  organizationName: z.string(),
  pseudonym,
});

/** The committee's flags of one peer stage, per group. */
export const peerFlags = z.object({
  stageId: z.uuid(),
  spearmanThreshold: z.number(),
  groups: z.array(
    z.object({
      groupId: z.uuid(),
      name: z.string(),
      submitted: z.number().int(),
      members: z.number().int(),
      raters: z.array(
        flaggedMember.extend({
          /** ρ of its values against the consensus of the others; null with fewer than two comparable targets. */
          rho: z.number().nullable(),
          n: z.number().int(),
          flagged: z.boolean(),
        }),
      ),
      reciprocalFavours: z.array(
        z.object({
          a: flaggedMember,
          b: flaggedMember,
          rankA: z.number(),
          rankB: z.number(),
          n: z.number().int(),
        }),
      ),
    }),
  ),
});
export type PeerFlags = z.infer<typeof peerFlags>;
