/**
 * Honours (先进典型, issue #8 §4, docs/TITLES.md): the kinds, the per-year records of an organisation or a
 * person (the person's name masked in lists), the Excel import and the 蓄水池 report.
 */
import { z } from 'zod';
import { ORG_KINDS } from '../enums';
import { HONOUR_KIND_CODE, HONOUR_SUBJECTS } from '../domain/honours';
import { REREVIEW_OUTCOMES } from '../domain/rereview';
import { line, listOf, listQuery, optionalLine, optionalText, searchText } from './common';
import { importRowError } from './organizations';

export const HONOUR_LIMITS = {
  nameMax: 40,
  personMax: 40,
  positionMax: 60,
  documentMax: 100,
  noteMax: 500,
} as const;

const year = z.number().int().min(2000).max(2100);
const civilDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date' });

export const honourKind = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  subject: z.enum(HONOUR_SUBJECTS),
  builtIn: z.boolean(),
});
export type HonourKindView = z.infer<typeof honourKind>;
export const honourKindList = z.object({ items: z.array(honourKind) });

export const createHonourKind = z
  .object({
    code: z.string().regex(HONOUR_KIND_CODE, { error: 'code' }),
    nameZh: line(HONOUR_LIMITS.nameMax),
    nameEn: line(HONOUR_LIMITS.nameMax * 2),
    subject: z.enum(HONOUR_SUBJECTS),
  })
  .strict();
export type CreateHonourKind = z.infer<typeof createHonourKind>;

export const createHonour = z
  .object({
    year,
    kindCode: z.string().regex(HONOUR_KIND_CODE, { error: 'code' }),
    /** The honoured organisation, or the person's organisation. */
    organizationId: z.uuid(),
    /** A person honour: the person's name and position (职务); absent for an organisation honour. */
    personName: optionalLine(HONOUR_LIMITS.personMax),
    personPosition: optionalLine(HONOUR_LIMITS.positionMax),
    /** The source document's number (文号), e.g. 津党机工〔2025〕12号. */
    documentNo: line(HONOUR_LIMITS.documentMax),
    awardedOn: civilDate,
    note: optionalText(HONOUR_LIMITS.noteMax),
  })
  .strict();
export type CreateHonour = z.infer<typeof createHonour>;

export const honourSummary = z.object({
  id: z.uuid(),
  year: z.number().int(),
  kindCode: z.string(),
  kindNameZh: z.string(),
  subject: z.enum(HONOUR_SUBJECTS),
  organizationId: z.uuid(),
  organizationName: z.string(),
  orgKind: z.enum(ORG_KINDS),
  unitId: z.uuid(),
  unitName: z.string(),
  /** Masked (张*明) in lists; unmasked only on the committee's detail. */
  personName: z.string().nullable(),
  personMasked: z.boolean(),
  personPosition: z.string().nullable(),
  documentNo: z.string(),
  awardedOn: z.string(),
  createdAt: z.string(),
});
export type HonourSummary = z.infer<typeof honourSummary>;

export const honourDetail = honourSummary.extend({
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export type HonourDetail = z.infer<typeof honourDetail>;

export const honourSortKeys = ['awardedOn', 'year', 'organizationName'] as const;
export const honourListQuery = listQuery(honourSortKeys)
  .extend({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    kindCode: searchText(40),
    subject: z.enum(HONOUR_SUBJECTS).optional(),
    unitId: z.uuid().optional(),
    /** Organisation or document number contains (a person's name is not searchable: it is masked). */
    q: searchText(),
  })
  .strict();
export type HonourListQuery = z.infer<typeof honourListQuery>;
export const honourList = listOf(honourSummary);
export type HonourList = z.infer<typeof honourList>;

// ── Import ─────────────────────────────────────────────────────────────────────────────────────────────
export const honourImportResult = z.object({
  dryRun: z.boolean(),
  total: z.number().int(),
  created: z.number().int(),
  errors: z.array(importRowError),
});
export type HonourImportResult = z.infer<typeof honourImportResult>;

// ── The 蓄水池 report ────────────────────────────────────────────────────────────────────────────────────
export const reservoirReport = z.object({
  years: z.array(
    z.object({
      year: z.number().int(),
      total: z.number().int(),
      fromPool: z.number().int(),
      share: z.number(),
      byKind: z.array(
        z.object({
          kindCode: z.string(),
          kindNameZh: z.string(),
          total: z.number().int(),
          fromPool: z.number().int(),
          share: z.number(),
        }),
      ),
      byTrack: z.array(
        z.object({
          trackCode: z.string(),
          trackNameZh: z.string(),
          orgKind: z.enum(ORG_KINDS),
          honours: z.number().int(),
        }),
      ),
    }),
  ),
});
export type ReservoirReportView = z.infer<typeof reservoirReport>;

// ── The pool (蓄水池): candidates for an honours round ──────────────────────────────────────────────────
export const poolQuery = z
  .object({
    /** The honours round's year: `honoured` lists what each organisation already has of that year. */
    year: z.coerce.number().int().min(2000).max(2100),
  })
  .strict();
export type PoolQuery = z.infer<typeof poolQuery>;

export const poolCandidate = z.object({
  titleId: z.uuid(),
  serial: z.string(),
  trackCode: z.string(),
  trackNameZh: z.string(),
  orgKind: z.enum(ORG_KINDS),
  awardYear: z.number().int(),
  holderName: z.string(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  unitName: z.string(),
  /** The organisation's secretary and contact (党务工作者) as recorded in the tree. */
  secretary: z.string().nullable(),
  contactName: z.string().nullable(),
  /** The final score the title was awarded on (null: no weighted stage on record). */
  finalScore: z.number().nullable(),
  /** The title's latest re-review: its round and outcome (null outcome: still waiting). */
  rereview: z
    .object({
      roundName: z.string(),
      outcome: z.enum(REREVIEW_OUTCOMES).nullable(),
      decidedAt: z.string().nullable(),
    })
    .nullable(),
  /** Kinds already recorded for this organisation in the round's year. */
  honoured: z.array(z.string()),
});
export type PoolCandidate = z.infer<typeof poolCandidate>;
export const poolView = z.object({ year: z.number().int(), items: z.array(poolCandidate) });
export type PoolView = z.infer<typeof poolView>;
