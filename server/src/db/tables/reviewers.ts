/** The expert pool (评审专家库) and declared or waived conflicts of interest (docs/EVALUATION.md). */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { applications } from './applications';
import { organizations } from './organizations';
import { users } from './accounts';
import { ts } from './columns';

/** One per `reviewer` account: where the expert comes from (a tree organisation, or outside), and what it knows. */
export const reviewerProfiles = pgTable(
  'reviewer_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    /** An organisation of the tree (its path and unit drive derived conflicts); null for an external expert. */
    affiliationOrgId: uuid('affiliation_org_id').references(() => organizations.id),
    affiliationUnitId: uuid('affiliation_unit_id'),
    affiliationPath: text('affiliation_path'),
    /** For external experts: the institution's name (e.g. 天津大学马克思主义学院). */
    externalAffiliation: text('external_affiliation'),
    title: text('title'),
    expertise: text('expertise')
      .array()
      .notNull()
      .default(sql`'{}'`),
    available: boolean('available').notNull().default(true),
    availabilityNote: text('availability_note'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('reviewer_profiles_unit_idx').on(t.affiliationUnitId)],
);

/** A conflict declared by the reviewer (for itself) or by the committee: the review never counts. */
export const declaredConflicts = pgTable(
  'declared_conflicts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    unitId: uuid('unit_id').notNull(),
    reason: text('reason').notNull(),
    declaredBy: uuid('declared_by').references(() => users.id),
    declaredByName: text('declared_by_name'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('declared_conflicts_key').on(t.reviewerId, t.applicationId)],
);

/** A committee admin waives a derived conflict with a written reason: the review counts, with a banner. */
export const conflictOverrides = pgTable(
  'conflict_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    unitId: uuid('unit_id').notNull(),
    reason: text('reason').notNull(),
    overriddenBy: uuid('overridden_by').references(() => users.id),
    overriddenByName: text('overridden_by_name'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('conflict_overrides_key').on(t.reviewerId, t.applicationId)],
);
