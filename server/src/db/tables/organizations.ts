/**
 * The organisation tree (DESIGN §2): materialised paths, each row's unit for scoping by unit.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { ORG_KINDS } from '../../../../shared/src/enums';
import { ts } from './columns';

export const orgKind = pgEnum('org_kind', ORG_KINDS);

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: orgKind('kind').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => organizations.id),
    /** The directly-affiliated organisation (child of the working committee) this one belongs to; own id for a unit. */
    unitId: uuid('unit_id'),
    /** Materialised path of ids from the root, `/root/unit/…/self/`: subtree = `path LIKE prefix%`. */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    secretary: text('secretary'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    memberCount: integer('member_count').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organizations_code_key').on(t.code),
    index('organizations_parent_idx').on(t.parentId),
    index('organizations_unit_idx').on(t.unitId),
    index('organizations_path_idx').on(sql`${t.path} text_pattern_ops`),
    // Lists sorted by name, both ways (the application list joins it to read pages in name order).
    index('organizations_name_idx').on(t.name),
    // Text search (the application list): a name's characters, and the code's prefix case-insensitively.
    index('organizations_name_chars_idx').using('gin', sql`string_to_array(lower(${t.name}), null)`),
    index('organizations_code_lower_idx').on(sql`lower(${t.code}) text_pattern_ops`),
  ],
);
