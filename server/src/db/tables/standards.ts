/**
 * Tracks (类别) and standards (创建标准): a standard is a lineage whose content lives in immutable versions
 * of weighted criteria.
 */
import { sql } from 'drizzle-orm';
import { boolean, integer, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { TRACK_SUBJECTS } from '../../../../shared/src/enums';
import { ts, points } from './columns';
import { users } from './accounts';
import { orgKind } from './organizations';

export const trackSubject = pgEnum('track_subject', TRACK_SUBJECTS);

/** 类别: `site` 基层党建工作示范点 (organisations) and `venue` 党员教育活动示范阵地 (venues); more may be added. */
export const tracks = pgTable('tracks', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  subject: trackSubject('subject').notNull(),
  position: integer('position').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

/** A standard's lineage; its content lives in immutable versions. */
export const standards = pgTable('standards', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  trackCode: text('track_code')
    .notNull()
    .references(() => tracks.code),
  /** The organisation kinds it applies to (empty for a venue standard). */
  orgKinds: orgKind('org_kinds')
    .array()
    .notNull()
    .default(sql`'{}'`),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  latestVersion: integer('latest_version').notNull().default(1),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Immutable once written: editing a standard writes a new version; campaigns point at the versions they use. */
export const standardVersions = pgTable(
  'standard_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    standardId: uuid('standard_id')
      .notNull()
      .references(() => standards.id),
    version: integer('version').notNull(),
    totalPoints: points('total_points').notNull().default(100),
    bonusCap: points('bonus_cap').notNull().default(10),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('standard_versions_key').on(t.standardId, t.version)],
);

export const criteria = pgTable(
  'criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    standardVersionId: uuid('standard_version_id')
      .notNull()
      .references(() => standardVersions.id),
    position: integer('position').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    description: text('description'),
    maxPoints: points('max_points').notNull(),
    /** What evidence the applicant must attach. */
    evidence: text('evidence'),
    evidenceRequired: boolean('evidence_required').notNull().default(false),
    /** 汇报座谈, 查阅档案, 实地查看, 民主测评, 走访, 现场考核 … */
    methods: text('methods')
      .array()
      .notNull()
      .default(sql`'{}'`),
    veto: boolean('veto').notNull().default(false),
    bonus: boolean('bonus').notNull().default(false),
  },
  (t) => [unique('criteria_position_key').on(t.standardVersionId, t.position)],
);
