/**
 * Honours (先进典型, issue #8 §4): the kinds (three built in, more the committee adds) and the records per
 * year — an organisation honour (the organisation) or a person honour (name, position and the person's
 * organisation; the name is masked in lists). Each keeps its source document (文号) and date.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { HONOUR_SUBJECTS } from '../../../../shared/src/domain/honours';
import { ts } from './columns';
import { users } from './accounts';
import { organizations } from './organizations';

export const honourSubject = pgEnum('honour_subject', HONOUR_SUBJECTS);

export const honourKinds = pgTable('honour_kinds', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  subject: honourSubject('subject').notNull(),
  builtIn: boolean('built_in').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const honours = pgTable(
  'honours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    kindCode: text('kind_code')
      .notNull()
      .references(() => honourKinds.code),
    subject: honourSubject('subject').notNull(),
    /** The honoured organisation, or the person's. */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    unitId: uuid('unit_id').notNull(),
    personName: text('person_name'),
    personPosition: text('person_position'),
    /** 文号 of the source document. */
    documentNo: text('document_no').notNull(),
    awardedOn: date('awarded_on', { mode: 'string' }).notNull(),
    note: text('note'),
    createdAt: ts('created_at').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdByName: text('created_by_name'),
  },
  (t) => [
    uniqueIndex('honours_holder_key').on(
      t.kindCode,
      t.year,
      t.organizationId,
      sql`coalesce(${t.personName}, '')`,
    ),
    index('honours_year_idx').on(t.year, t.kindCode),
    index('honours_unit_idx').on(t.unitId, t.year),
  ],
);
