/**
 * Titles (命名 · 称号台账), certifying after publicity, the certificate templates and the public
 * verification answer (issue #8 §2, docs/TITLES.md).
 */
import { z } from 'zod';
import { ORG_KINDS } from '../enums';
import { TITLE_ACTIONS, TITLE_STATUSES } from '../domain/title-workflow';
import { TEMPLATE_KINDS, TEMPLATE_LIMITS, TEMPLATE_ORIENTATIONS } from '../domain/certificates';
import { dayFilter, listOf, listQuery, searchText, text } from './common';

export const certifyBody = z
  .object({
    /** Years of validity of the new titles (default 3). */
    validityYears: z.number().int().min(1).max(10).optional(),
  })
  .strict();
export type CertifyBody = z.infer<typeof certifyBody>;

export const titleSummary = z.object({
  id: z.uuid(),
  serial: z.string(),
  campaignId: z.uuid(),
  applicationId: z.uuid(),
  track: z.string(),
  trackNameZh: z.string(),
  orgKind: z.enum(ORG_KINDS),
  year: z.number().int(),
  holderName: z.string(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  venueId: z.uuid().nullable(),
  unitId: z.uuid(),
  unitName: z.string(),
  brandName: z.string().nullable(),
  status: z.enum(TITLE_STATUSES),
  validityYears: z.number().int(),
  validFrom: z.string(),
  validUntil: z.string(),
  certifiedAt: z.string(),
  version: z.number().int(),
});
export type TitleSummary = z.infer<typeof titleSummary>;

export const titleEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.enum(TITLE_ACTIONS),
  fromStatus: z.enum(TITLE_STATUSES).nullable(),
  toStatus: z.enum(TITLE_STATUSES),
  reason: z.string().nullable(),
});

export const titleDetail = titleSummary.extend({
  events: z.array(titleEvent),
  /** The verification page's path (`/verify/<token>`), for the committee and the holder. */
  verifyPath: z.string(),
});
export type TitleDetail = z.infer<typeof titleDetail>;

export const certifyResult = z.object({
  publicityId: z.uuid(),
  certified: z.number().int(),
  titles: z.array(titleSummary),
});
export type CertifyResult = z.infer<typeof certifyResult>;

export const titleSortKeys = ['serial', 'year', 'holderName', 'validUntil'] as const;
export const titleListQuery = listQuery(titleSortKeys)
  .extend({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    track: searchText(40),
    orgKind: z.enum(ORG_KINDS).optional(),
    unitId: z.uuid().optional(),
    status: z.enum(TITLE_STATUSES).optional(),
    campaignId: z.uuid().optional(),
    /** Holder, organisation or serial contains. */
    q: searchText(),
    /** Certified on or after this day (YYYY-MM-DD in Beijing time). */
    certifiedFrom: dayFilter(),
    /** Certified on or before this day (YYYY-MM-DD in Beijing time, the whole day included). */
    certifiedTo: dayFilter(),
  })
  .strict();
export type TitleListQuery = z.infer<typeof titleListQuery>;
export const titleExportQuery = titleListQuery.omit({ page: true, pageSize: true });
export type TitleExportQuery = z.infer<typeof titleExportQuery>;
export const titleList = listOf(titleSummary);
export type TitleList = z.infer<typeof titleList>;

/** Batch print: a campaign's or a year's certificates (or plaques), in serial order. */
export const printQuery = z
  .object({
    kind: z.enum(['certificate', 'plaque']).default('certificate'),
    campaignId: z.uuid().optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
  })
  .strict()
  .refine((q) => q.campaignId !== undefined || q.year !== undefined, {
    path: ['year'],
    message: 'campaign_or_year',
  });
export type PrintQuery = z.infer<typeof printQuery>;

export const campaignParams = z.object({ campaignId: z.uuid() }).strict();

// ── Templates ─────────────────────────────────────────────────────────────────────────────────────────
export const templateKindParams = z.object({ kind: z.enum(TEMPLATE_KINDS) }).strict();

const size = z.number().int().min(TEMPLATE_LIMITS.sizeMin).max(TEMPLATE_LIMITS.sizeMax);
export const templateView = z.object({
  kind: z.enum(TEMPLATE_KINDS),
  heading: z.string(),
  body: z.string(),
  issuer: z.string(),
  orientation: z.enum(TEMPLATE_ORIENTATIONS),
  headingSize: z.number().int(),
  bodySize: z.number().int(),
  sealSize: z.number().int(),
  hasSeal: z.boolean(),
  placeholders: z.array(z.string()),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type TemplateView = z.infer<typeof templateView>;
export const templateList = z.object({ items: z.array(templateView) });

export const putTemplate = z
  .object({
    heading: text(TEMPLATE_LIMITS.headingMax),
    body: text(TEMPLATE_LIMITS.bodyMax),
    issuer: text(TEMPLATE_LIMITS.issuerMax),
    orientation: z.enum(TEMPLATE_ORIENTATIONS),
    headingSize: size,
    bodySize: size,
    sealSize: z.number().int().min(0).max(TEMPLATE_LIMITS.sealMax),
    /** The version read (0 while the template is still the default). */
    version: z.number().int().min(0),
  })
  .strict();
export type PutTemplate = z.infer<typeof putTemplate>;

// ── Public verification ───────────────────────────────────────────────────────────────────────────────
/** 32 url-safe base64 characters (24 random bytes). */
export const VERIFY_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;
export const verifyParams = z.object({ token: z.string().regex(VERIFY_TOKEN_PATTERN) }).strict();

/** Everything the public learns from a certificate's QR code: nothing more. */
export const publicVerification = z
  .object({
    verdict: z.enum(['valid', 'expired', 'revoked']),
    holderName: z.string(),
    serial: z.string(),
    trackNameZh: z.string(),
    year: z.number().int(),
    validFrom: z.string(),
    validUntil: z.string(),
  })
  .strict();
export type PublicVerification = z.infer<typeof publicVerification>;

/** What the certify form starts from: the configured validity (SHIFAN_TITLE_VALIDITY_YEARS). */
export const titleSettings = z.object({ validityYears: z.number().int() }).strict();
export type TitleSettings = z.infer<typeof titleSettings>;
