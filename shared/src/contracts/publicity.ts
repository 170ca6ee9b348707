/**
 * Publicity (公示, issue #8 §1): the working-day calendar, publishing a confirmed decision's proposed
 * list, the public page (only what the public may read), objections (异议) filed from it and their
 * handling by the committee.
 */
import { z } from 'zod';
import { ORG_KINDS } from '../enums';
import { CALENDAR_DAY_KINDS } from '../domain/working-days';
import {
  DEFAULT_PUBLICITY_WORKING_DAYS,
  OBJECTION_LIMITS,
  PUBLICITY_ITEM_STATUSES,
  PUBLICITY_STATUSES,
  RECEIPT_PATTERN,
} from '../domain/publicity';
import { OBJECTION_OUTCOMES, OBJECTION_STATUSES } from '../domain/objection-workflow';
import { line, optionalLine, optionalText, text } from './common';

/** A real day of the years 1000–9999 (PostgreSQL's `date` refuses 2025-02-30 or year 0 with an error). */
const civilDate = z.iso.date({ error: 'bad_date' }).regex(/^[1-9]/, { error: 'bad_date' });
const version = z.number().int().min(1);

// ── The working-day calendar ────────────────────────────────────────────────────────────────────────────
export const calendarDay = z.object({
  date: z.string(),
  kind: z.enum(CALENDAR_DAY_KINDS),
  name: z.string(),
});
export type CalendarDayBody = z.infer<typeof calendarDay>;
export const calendarQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();
export const calendarYear = z.object({ year: z.number().int(), days: z.array(calendarDay) });
export type CalendarYear = z.infer<typeof calendarYear>;
export const dateParams = z.object({ date: civilDate }).strict();
export const putCalendarDay = z.object({ kind: z.enum(CALENDAR_DAY_KINDS), name: line(40) }).strict();
export type PutCalendarDay = z.infer<typeof putCalendarDay>;

// ── Publishing ──────────────────────────────────────────────────────────────────────────────────────────
export const publish = z
  .object({
    title: optionalLine(120),
    /** How to object (the office, address, telephone): shown on the public page. */
    contact: text(500),
    allowAnonymous: z.boolean().default(false),
    workingDays: z.number().int().min(1).max(30).default(DEFAULT_PUBLICITY_WORKING_DAYS),
  })
  .strict();
export type PublishBody = z.input<typeof publish>;

export const publicityItem = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  track: z.string(),
  orgKind: z.enum(ORG_KINDS),
  rank: z.number().int(),
  name: z.string(),
  holderName: z.string().nullable(),
  brandName: z.string().nullable(),
  status: z.enum(PUBLICITY_ITEM_STATUSES),
  substituteFor: z.uuid().nullable(),
  reason: z.string().nullable(),
});
export type PublicityItemBody = z.infer<typeof publicityItem>;

export const publicityDetail = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  decisionId: z.uuid(),
  status: z.enum(PUBLICITY_STATUSES),
  title: z.string(),
  contact: z.string(),
  allowAnonymous: z.boolean(),
  workingDays: z.number().int(),
  firstDay: z.string(),
  lastDay: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  publishedByName: z.string().nullable(),
  version: z.number().int(),
  items: z.array(publicityItem),
  objections: z.object({ open: z.number().int(), total: z.number().int() }),
});
export type PublicityDetail = z.infer<typeof publicityDetail>;
export const publicityList = z.object({ items: z.array(publicityDetail.omit({ items: true })) });

// ── The public page (no login): only these fields ever leave the server ───────────────────────────────
export const publicEntry = z.object({
  id: z.uuid(),
  name: z.string(),
  holderName: z.string().nullable(),
  brandName: z.string().nullable(),
});
export const publicGroup = z.object({
  track: z.string(),
  trackNameZh: z.string(),
  trackNameEn: z.string(),
  orgKind: z.enum(ORG_KINDS),
  entries: z.array(publicEntry),
});
export const publicPublicity = z.object({
  id: z.uuid(),
  title: z.string(),
  contact: z.string(),
  allowAnonymous: z.boolean(),
  workingDays: z.number().int(),
  firstDay: z.string(),
  lastDay: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  groups: z.array(publicGroup),
});
export type PublicPublicity = z.infer<typeof publicPublicity>;
export const publicPublicityList = z.object({
  items: z.array(
    publicPublicity.pick({ id: true, title: true, firstDay: true, lastDay: true, endsAt: true }),
  ),
});
export type PublicPublicityList = z.infer<typeof publicPublicityList>;

// ── Objections from the public ─────────────────────────────────────────────────────────────────────────
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{7,20}$/, { error: 'bad_phone' });
export const fileObjection = z
  .object({
    /** The entry objected to (optional: an objection may concern the list as a whole). */
    entryId: z.uuid().nullable().optional(),
    anonymous: z.boolean().default(false),
    name: optionalLine(40),
    phone: phone.nullable().optional(),
    /** Plain text; never rendered as HTML. */
    body: text(OBJECTION_LIMITS.textMax),
  })
  .strict();
export type FileObjection = z.input<typeof fileObjection>;
export const objectionReceipt = z.object({ receiptCode: z.string(), filedAt: z.string() });
export const receiptParams = z
  .object({ receipt: z.string().regex(RECEIPT_PATTERN, { error: 'bad_receipt' }) })
  .strict();
export const publicObjectionStatus = z.object({
  receiptCode: z.string(),
  filedAt: z.string(),
  status: z.enum(OBJECTION_STATUSES),
  outcome: z.enum(OBJECTION_OUTCOMES).nullable(),
  /** The committee's reply to the filer (公开答复). */
  reply: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type PublicObjectionStatus = z.infer<typeof publicObjectionStatus>;

// ── The committee's handling ────────────────────────────────────────────────────────────────────────────
export const objectionNote = z.object({ at: z.string(), authorName: z.string(), body: z.string() });
export const objectionSummary = z.object({
  id: z.uuid(),
  publicityId: z.uuid(),
  receiptCode: z.string(),
  status: z.enum(OBJECTION_STATUSES),
  outcome: z.enum(OBJECTION_OUTCOMES).nullable(),
  entry: z.object({ id: z.uuid(), name: z.string(), status: z.enum(PUBLICITY_ITEM_STATUSES) }).nullable(),
  anonymous: z.boolean(),
  /** Masked unless the caller handles the objection (its assignee). */
  filerName: z.string().nullable(),
  filerPhone: z.string().nullable(),
  filerMasked: z.boolean(),
  filedAt: z.string(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  deadline: z.string().nullable(),
  version: z.number().int(),
});
export type ObjectionSummary = z.infer<typeof objectionSummary>;
export const objectionDetail = objectionSummary.extend({
  body: z.string(),
  reason: z.string().nullable(),
  reply: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  substituteEntryId: z.uuid().nullable(),
  notes: z.array(objectionNote),
  /** For a founded objection about an entry: the next ranked application of its track and kind, if any. */
  nextRanked: z.object({ applicationId: z.uuid(), name: z.string(), rank: z.number().int() }).nullable(),
});
export type ObjectionDetail = z.infer<typeof objectionDetail>;
export const objectionList = z.object({ items: z.array(objectionSummary) });

export const acceptObjection = z
  .object({ assigneeId: z.uuid(), deadline: civilDate.nullable().optional(), version })
  .strict();
export const dismissObjection = z.object({ reason: text(1000), reply: optionalText(1000), version }).strict();
export const noteObjection = z.object({ body: text(2000), version }).strict();
export const closeObjection = z
  .object({
    outcome: z.enum(OBJECTION_OUTCOMES),
    reason: text(1000),
    reply: optionalText(1000),
    substituteApplicationId: z.uuid().nullable().optional(),
    version,
  })
  .strict();
export type CloseObjection = z.infer<typeof closeObjection>;

export const calendarImportQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100),
    dryRun: z.enum(['true', 'false']).default('true'),
  })
  .strict();
export const calendarImportResult = z.object({
  dryRun: z.boolean(),
  year: z.number().int(),
  holidays: z.number().int(),
  workdays: z.number().int(),
  /** How many days of the year the calendar held before (a real run replaces them). */
  replaced: z.number().int(),
});
