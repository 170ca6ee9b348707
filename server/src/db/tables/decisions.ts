/** The committee's decision (集体评审决定) and its frozen snapshot (docs/EVALUATION.md). */
import {
  boolean,
  doublePrecision,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { DECISION_STATUSES, PROPOSAL_REASONS } from '../../../../shared/src/domain/stages';
import { orgKind } from './organizations';
import { campaigns } from './campaigns';
import { applications } from './applications';
import { users } from './accounts';
import { ts } from './columns';

export const decisionStatus = pgEnum('decision_status', DECISION_STATUSES);
export const proposalReason = pgEnum('proposal_reason', PROPOSAL_REASONS);

export const decisions = pgTable('decisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  campaignId: uuid('campaign_id')
    .notNull()
    .unique()
    .references(() => campaigns.id),
  status: decisionStatus('status').notNull().default('draft'),
  meetingAt: ts('meeting_at'),
  meetingNote: text('meeting_note'),
  /** Canonical JSON of every figure the decision used; immutable after confirmation. */
  snapshot: jsonb('snapshot').$type<unknown>(),
  snapshotDigest: text('snapshot_digest'),
  confirmedAt: ts('confirmed_at'),
  confirmedBy: uuid('confirmed_by').references(() => users.id),
  confirmedByName: text('confirmed_by_name'),
  /** When applicants and their units may see their own scores and outcome. */
  releasedAt: ts('released_at'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const decisionLines = pgTable(
  'decision_lines',
  {
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    trackCode: text('track_code').notNull(),
    orgKind: orgKind('org_kind').notNull(),
    unitId: uuid('unit_id').notNull(),
    rank: integer('rank').notNull(),
    finalScore: doublePrecision('final_score'),
    proposed: boolean('proposed').notNull(),
    proposalReason: proposalReason('proposal_reason').notNull(),
    /** The committee's choice (null until recorded). */
    selected: boolean('selected'),
    votesFor: integer('votes_for'),
    votesAgainst: integer('votes_against'),
    votesAbstain: integer('votes_abstain'),
    /** Required for a deviation from the proposal and for a selection over the quota. */
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.applicationId] })],
);
