/**
 * The expert pool (评审专家库) and conflicts of interest (issue #6 §2, docs/EVALUATION.md): a reviewer is an
 * account of role `reviewer` with a profile (affiliation, title, expertise tags, availability).
 */
import { z } from 'zod';
import { CONFLICT_SOURCES } from '../domain/stages';
import { emailInput, username } from './accounts';
import { line, listOf, listQuery, optionalLine, optionalText, searchText, text } from './common';

const tag = line(30);
const tags = z.array(tag).max(20);

export const reviewer = z.object({
  /** The reviewer's account id (also the profile's key). */
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  disabled: z.boolean(),
  /** An organisation of the tree (its unit drives derived conflicts), or null for an external expert. */
  affiliationOrgId: z.uuid().nullable(),
  affiliationOrgName: z.string().nullable(),
  affiliationUnitId: z.uuid().nullable(),
  externalAffiliation: z.string().nullable(),
  title: z.string().nullable(),
  expertise: z.array(z.string()),
  available: z.boolean(),
  availabilityNote: z.string().nullable(),
  /** The profile's version (1 before a profile is first saved). */
  version: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type Reviewer = z.infer<typeof reviewer>;

export const reviewerSortKeys = ['username', 'displayName', 'createdAt'] as const;
export const reviewerListQuery = listQuery(reviewerSortKeys)
  .extend({
    q: searchText(),
    /** One expertise tag the reviewer must have. */
    tag: searchText(30),
    available: z.enum(['true', 'false']).optional(),
    unitId: z.uuid().optional(),
  })
  .strict();
export const reviewerList = listOf(reviewer);

const profileFields = {
  affiliationOrgId: z.uuid().nullable().optional(),
  externalAffiliation: optionalLine(100),
  title: optionalLine(50),
  expertise: tags.optional(),
  available: z.boolean().optional(),
  availabilityNote: optionalText(200),
};

export const createReviewer = z
  .object({ username, displayName: line(50), email: emailInput, ...profileFields })
  .strict();

export const patchReviewer = z.object({ ...profileFields, version: z.number().int() }).strict();

/** A new reviewer answers with its one-time password, shown once. */
export const createdReviewer = z.object({ reviewer, oneTimePassword: z.string() });

// Conflicts of interest.

export const conflictPair = z.object({
  reviewerId: z.uuid(),
  reviewerName: z.string(),
  applicationId: z.uuid(),
  organizationName: z.string(),
  unitId: z.uuid(),
  /** Derived reasons (same_unit, superior, subordinate) and `declared`. */
  sources: z.array(z.enum(CONFLICT_SOURCES)),
  /** Blocks assignment and counting: derived and not overridden, or declared. */
  conflicted: z.boolean(),
  declared: z
    .object({ id: z.uuid(), reason: z.string(), byName: z.string().nullable(), at: z.iso.datetime() })
    .nullable(),
  override: z
    .object({ id: z.uuid(), reason: z.string(), byName: z.string().nullable(), at: z.iso.datetime() })
    .nullable(),
});
export type ConflictPair = z.infer<typeof conflictPair>;
export const conflictList = z.object({ items: z.array(conflictPair), total: z.number().int() });

export const conflictListQuery = z
  .object({
    /** `stage` (default): the stage's panel and assigned reviewers; `pool`: every reviewer of the pool. */
    reviewers: z.enum(['stage', 'pool']).default('stage'),
  })
  .strict();

/** A declaration: a reviewer for itself (reviewerId omitted or its own), or the committee for any pair. */
export const declareConflict = z
  .object({ reviewerId: z.uuid().optional(), applicationId: z.uuid(), reason: text(500) })
  .strict();

export const overrideConflict = z
  .object({ reviewerId: z.uuid(), applicationId: z.uuid(), reason: text(500) })
  .strict();

export const conflictRecord = z.object({
  id: z.uuid(),
  reviewerId: z.uuid(),
  applicationId: z.uuid(),
  reason: z.string(),
  byName: z.string().nullable(),
  at: z.iso.datetime(),
});
/** A declaration or a committee waiver of one reviewer–application pair, with who made it and when. */
export type ConflictRecord = z.infer<typeof conflictRecord>;

// Import from Excel or CSV (server/src/modules/reviewers/import.ts).

/** The columns of an expert import, by key; the template has them in this order. */
export const REVIEWER_IMPORT_COLUMNS = {
  username: '用户名',
  displayName: '姓名',
  email: '电子邮箱',
  orgCode: '所属党组织编码',
  external: '外部单位',
  title: '职称',
  expertise: '专长',
  available: '是否可参加',
  note: '说明',
} as const;

/** A row as it will be (dry run) or was created. */
export const reviewerImportRow = z.object({
  row: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  affiliationOrgId: z.uuid().nullable(),
  affiliationOrgName: z.string().nullable(),
  externalAffiliation: z.string().nullable(),
  title: z.string().nullable(),
  expertise: z.array(z.string()),
  available: z.boolean(),
  availabilityNote: z.string().nullable(),
});
export type ReviewerImportRow = z.infer<typeof reviewerImportRow>;

/** A dry run answers the rows; a real run also each new account's one-time password, shown once. */
export const reviewerImportResult = z.object({
  dryRun: z.boolean(),
  total: z.number().int(),
  created: z.number().int(),
  rows: z.array(reviewerImportRow),
  accounts: z.array(
    z.object({ id: z.uuid(), username: z.string(), displayName: z.string(), oneTimePassword: z.string() }),
  ),
});
export type ReviewerImportResult = z.infer<typeof reviewerImportResult>;
