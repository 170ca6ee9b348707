import { z } from 'zod';
import { ORG_KINDS } from '../enums';
import { errorBody, line, listOf, listQuery, optionalLine, searchText } from './common';
import { formatMessage, formatted } from './formats';

export const orgCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9._-]+$/, { error: formatMessage('orgCode') });

export const organization = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(ORG_KINDS),
  parentId: z.uuid().nullable(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  /** 0 for the working committee, 1 for a unit (直属党组织), deeper below. */
  depth: z.number().int(),
  secretary: z.string().nullable(),
  contactName: z.string().nullable(),
  /** Masked (138****1234) for roles without PII access. */
  contactPhone: z.string().nullable(),
  memberCount: z.number().int(),
  active: z.boolean(),
  childCount: z.number().int(),
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type Organization = z.infer<typeof organization>;

export const orgSortKeys = ['code', 'name', 'kind', 'memberCount', 'updatedAt'] as const;
export const orgListQuery = listQuery(orgSortKeys)
  .extend({
    q: searchText(),
    kind: z.enum(ORG_KINDS).optional(),
    unitId: z.uuid().optional(),
    parentId: z.uuid().optional(),
    /** `root` lists the top of the caller's visible tree. */
    roots: z.enum(['true', 'false']).optional(),
    active: z.enum(['true', 'false', 'all']).default('true'),
  })
  .strict();
export type OrgListQuery = z.infer<typeof orgListQuery>;
export const orgList = listOf(organization);

const memberCount = z.number().int().min(0).max(1000000);

export const createOrganization = z
  .object({
    code: orgCode,
    name: line(100),
    shortName: optionalLine(50),
    kind: z.enum(ORG_KINDS),
    parentId: z.uuid(),
    secretary: optionalLine(50),
    contactName: optionalLine(50),
    contactPhone: formatted(/^[0-9+\- ]{5,20}$/, 'phone')
      .nullable()
      .optional(),
    memberCount: memberCount.default(0),
  })
  .strict();
export type CreateOrganization = z.infer<typeof createOrganization>;

/** Only the fields sent change (no defaults here: a missing `memberCount` keeps its value). */
export const patchOrganization = createOrganization
  .omit({ parentId: true, code: true, memberCount: true })
  .extend({ code: orgCode, memberCount })
  .partial()
  .extend({ version: z.number().int() })
  .strict();
export type PatchOrganization = z.infer<typeof patchOrganization>;

/** The chain from the top of the caller's visible tree down to the organisation itself (breadcrumbs). */
export const orgAncestors = z.object({ items: z.array(organization) });

/**
 * A 409 answer: `DUPLICATE` (field errors name the field) or `VERSION_CONFLICT`, which also tells the
 * current version, when it changed and who changed it (`updatedByName`, null when the audit trail does
 * not say) so the page can name them and reload.
 */
export const conflictBody = z.object({
  error: errorBody.shape.error.extend({
    currentVersion: z.number().int().optional(),
    updatedAt: z.iso.datetime().optional(),
    updatedByName: z.string().nullable().optional(),
  }),
});

export const moveOrganization = z.object({ parentId: z.uuid(), version: z.number().int() }).strict();
export const deactivateOrganization = z.object({ version: z.number().int() }).strict();
export const activateOrganization = deactivateOrganization;

/** One bad row of an import: the spreadsheet's row number (1 = header), column and message. */
export const importRowError = z.object({
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
});
export const importResult = z.object({
  dryRun: z.boolean(),
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(importRowError),
  preview: z.array(
    z.object({
      row: z.number().int(),
      code: z.string(),
      name: z.string(),
      kind: z.enum(ORG_KINDS),
      parentCode: z.string().nullable(),
      action: z.enum(['create', 'update']),
    }),
  ),
});
export type ImportResult = z.infer<typeof importResult>;

/** Column headers of the import template, in order (Chinese first: the file is for office workers). */
export const IMPORT_COLUMNS = [
  { key: 'code', zh: '组织编码', en: 'Code', required: true },
  { key: 'name', zh: '组织名称', en: 'Name', required: true },
  { key: 'shortName', zh: '简称', en: 'Short name', required: false },
  { key: 'kind', zh: '组织类型', en: 'Kind', required: true },
  { key: 'parentCode', zh: '上级组织编码', en: 'Parent code', required: true },
  { key: 'secretary', zh: '书记', en: 'Secretary', required: false },
  { key: 'contactName', zh: '联系人', en: 'Contact', required: false },
  { key: 'contactPhone', zh: '联系电话', en: 'Contact phone', required: false },
  { key: 'memberCount', zh: '党员人数', en: 'Members', required: false },
] as const;
