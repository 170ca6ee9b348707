import { z } from 'zod';
import type { OrgKind } from '../enums';
import { errorBody, EXPORT_PURPOSE_MAX, searchText } from './common';
import { importRowError, orgListQuery } from './organizations';

/**
 * Excel/CSV import and export of the organisation tree (beside `organizations.ts`, which holds
 * `IMPORT_COLUMNS`, `importResult` and `importRowError`).
 */

/** `?dryRun=true` (the default) validates and previews; `false` writes every row or none. */
export const importQuery = z.object({ dryRun: z.enum(['true', 'false']).default('true') }).strict();

/** The 422 answer of a real import with bad rows: the same row errors as a dry run, nothing written. */
export const importErrorBody = z.object({
  error: errorBody.shape.error.extend({ errors: z.array(importRowError) }),
});

/** The list's filters (paging aside); an export is always in tree order, so `sort` is accepted and ignored. */
export const orgExportQuery = orgListQuery.omit({ page: true, pageSize: true }).extend({
  /**
   * Why the data is exported (PI-02): required, at least EXPORT_PURPOSE_MIN characters, when the file
   * shows contact phone numbers unmasked (roles in PII_READERS); recorded in the audit event.
   */
  purpose: searchText(EXPORT_PURPOSE_MAX),
});
export type OrgExportQuery = z.infer<typeof orgExportQuery>;

/** The kind column holds these labels (the code names are accepted too). */
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  working_committee: '机关工委',
  party_group: '党组',
  party_committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
};

/** Columns an export adds after `IMPORT_COLUMNS` (ignored when the file is imported again). */
export const EXPORT_EXTRA_COLUMNS = [
  { key: 'unitName', zh: '所属直属党组织', en: 'Unit' },
  { key: 'active', zh: '是否启用', en: 'Active' },
] as const;

/** Upload limit of an import file. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
