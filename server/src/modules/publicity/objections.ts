/**
 * Objections (异议): filed by anyone from the public page (with name and phone, or anonymously when the
 * publicity allows it) inside the window, within the per-address and per-day limits; a receipt code to
 * read the outcome; the committee's handling through the pure table of `objection-workflow.ts`. The
 * filer's name and phone are shown unmasked to the objection's assignee only; audit events never hold
 * them. Each step and its audit event in one transaction.
 */
import crypto from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client';
import type { Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { versionConflictError } from '../../core/conflict';
import { writeAudit } from '../audit/write';
import type {
  FileObjection,
  ObjectionDetail,
  ObjectionSummary,
  PublicObjectionStatus,
} from '../../../../shared/src/contracts/publicity';
import { fileObjection } from '../../../../shared/src/contracts/publicity';
import { maskPhone } from '../../../../shared/src/domain/mask';
import { OBJECTION_LIMITS, receiptCode, withinWindow } from '../../../../shared/src/domain/publicity';
import { chinaDateOf, endOfChinaDay } from '../../../../shared/src/domain/working-days';
import { decisionWithLines } from '../decisions/queries';
import * as repo from './repo';

const DAY_MS = 86_400_000;

function invalid(field: string, code: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', [fieldError(field, code, zh, en)]);
}

/** Who filed: named (name and phone both given) or anonymous (when the publicity allows it). */
function filerOf(body: ReturnType<typeof fileObjection.parse>, allowAnonymous: boolean) {
  if (body.anonymous) {
    if (!allowAnonymous)
      throw invalid(
        'anonymous',
        'anonymous_not_allowed',
        '本次公示不接受匿名异议，请填写姓名和联系电话',
        'This publicity does not accept anonymous objections',
      );
    return { anonymous: true, filerName: null, filerPhone: null };
  }
  if (!body.name) throw invalid('name', 'required', '请填写姓名', 'Your name is required');
  if (!body.phone) throw invalid('phone', 'required', '请填写联系电话', 'A phone number is required');
  return { anonymous: false, filerName: body.name, filerPhone: body.phone };
}

/** The per-address and per-day limits (a China day); the address is kept only as a hash salted with the day. */
async function checkLimits(tx: DbOrTx, now: Date, address: string) {
  const today = chinaDateOf(now);
  const sourceHash = crypto.createHash('sha256').update(`${today}|${address}`).digest('hex');
  const since = new Date(endOfChinaDay(today).getTime() - DAY_MS);
  const filed = await repo.filedSince(tx, sourceHash, since);
  if (filed.mine >= OBJECTION_LIMITS.perAddressPerDay || filed.all >= OBJECTION_LIMITS.perDay)
    throw new AppError('RATE_LIMITED', [
      fieldError(
        'limit',
        filed.mine >= OBJECTION_LIMITS.perAddressPerDay ? 'per_address' : 'per_day',
        '今日提交的异议已达上限，请明日再提交或按公示的联系方式反映',
        'Today’s limit of objections is reached; try tomorrow or use the contact given',
      ),
    ]);
  return sourceHash;
}

export async function file(
  db: Db,
  ctx: Ctx,
  publicityId: string,
  input: FileObjection,
  address: string,
): Promise<{ receiptCode: string; filedAt: string }> {
  const body = fileObjection.parse(input);
  return db.transaction(async (tx) => {
    const p = await repo.findPublicity(tx, publicityId, 'update');
    if (!p) throw new AppError('NOT_FOUND');
    if (p.status !== 'open' || !withinWindow(ctx.now, p)) throw new AppError('PUBLICITY_NOT_OPEN');
    const filer = filerOf(body, p.allowAnonymous);
    const item = body.entryId ? await repo.findItem(tx, body.entryId) : null;
    if (body.entryId && (!item || item.publicityId !== p.id || item.status !== 'listed'))
      throw invalid(
        'entryId',
        'unknown_entry',
        '所选对象不在本次公示名单中',
        'The entry is not on this list',
      );
    const sourceHash = await checkLimits(tx, ctx.now, address);
    const o = await repo.insertObjection(tx, {
      publicityId: p.id,
      itemId: item?.id ?? null,
      receiptCode: receiptCode(crypto.randomBytes(12)),
      ...filer,
      body: body.body,
      sourceHash,
      filedAt: ctx.now,
      updatedAt: ctx.now,
    });
    await writeAudit(tx, ctx, {
      action: 'objections.file',
      objectType: 'objection',
      objectId: o.id,
      changes: {
        publicityId: { before: null, after: p.id },
        entryId: { before: null, after: item?.id ?? null },
        anonymous: { before: null, after: filer.anonymous },
      },
    });
    return { receiptCode: o.receiptCode, filedAt: o.filedAt.toISOString() };
  });
}

export async function byReceipt(db: Db, code: string): Promise<PublicObjectionStatus> {
  const o = await repo.objectionByReceipt(db, code);
  if (!o) throw new AppError('NOT_FOUND');
  return {
    receiptCode: o.receiptCode,
    filedAt: o.filedAt.toISOString(),
    status: o.status,
    outcome: o.outcome,
    reply: o.status === 'closed' ? o.reply : null,
    closedAt: o.closedAt?.toISOString() ?? null,
  };
}

/** A name shown to those who do not handle the objection: its first character, the rest starred. */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

export function summaryOf(
  ctx: Ctx,
  o: repo.ObjectionRow,
  items: Map<string, repo.ItemRow>,
): ObjectionSummary {
  const handler = ctx.actor !== null && ctx.actor.userId === o.assigneeId;
  const item = o.itemId ? items.get(o.itemId) : undefined;
  return {
    id: o.id,
    publicityId: o.publicityId,
    receiptCode: o.receiptCode,
    status: o.status,
    outcome: o.outcome,
    entry: item ? { id: item.id, name: item.name, status: item.status } : null,
    anonymous: o.anonymous,
    filerName: handler ? o.filerName : maskName(o.filerName),
    filerPhone: handler ? o.filerPhone : maskPhone(o.filerPhone),
    filerMasked: !handler && !o.anonymous,
    filedAt: o.filedAt.toISOString(),
    assigneeId: o.assigneeId,
    assigneeName: o.assigneeName,
    deadline: o.deadline,
    version: o.version,
  };
}

export async function listOf(db: Db, ctx: Ctx, publicityId: string): Promise<{ items: ObjectionSummary[] }> {
  if (!(await repo.findPublicity(db, publicityId))) throw new AppError('NOT_FOUND');
  const items = new Map((await repo.itemsOf(db, publicityId)).map((i) => [i.id, i]));
  const rows = await repo.objectionsOf(db, publicityId);
  return { items: rows.map((o) => summaryOf(ctx, o, items)) };
}

/** The next ranked application of the entry's track and kind not on the list (递补), from the decision. */
export async function nextRanked(db: DbOrTx, p: repo.PublicityRow, item: repo.ItemRow) {
  const d = await decisionWithLines(db, p.campaignId);
  const onList = new Set((await repo.itemsOf(db, p.id)).map((i) => i.applicationId));
  // The struck entry's quota group (track and kind, or the whole track): the substitute comes from it.
  const group = d?.lines.find((l) => l.applicationId === item.applicationId)?.group;
  const candidates = (d?.lines ?? [])
    .filter((l) => l.group === group && !l.selected)
    .filter((l) => !onList.has(l.applicationId))
    .sort((a, b) => a.rank - b.rank);
  const cards = new Map(
    (
      await repo.applicationCards(
        db,
        candidates.map((c) => c.applicationId),
      )
    ).map((c) => [c.id, c]),
  );
  const next = candidates.find((c) => cards.get(c.applicationId)?.status === 'not_selected');
  if (!next) return null;
  const card = cards.get(next.applicationId)!;
  return {
    applicationId: next.applicationId,
    rank: next.rank,
    name: card.venueName ?? card.organizationName,
  };
}

export async function detail(db: DbOrTx, ctx: Ctx, id: string): Promise<ObjectionDetail> {
  const o = await repo.findObjection(db, id);
  if (!o) throw new AppError('NOT_FOUND');
  const p = (await repo.findPublicity(db, o.publicityId))!;
  const items = new Map((await repo.itemsOf(db, p.id)).map((i) => [i.id, i]));
  const item = o.itemId ? items.get(o.itemId) : undefined;
  const notes = await repo.notesOf(db, id);
  return {
    ...summaryOf(ctx, o, items),
    body: o.body,
    reason: o.reason,
    reply: o.reply,
    closedAt: o.closedAt?.toISOString() ?? null,
    closedByName: o.closedByName,
    substituteEntryId: o.substituteItemId,
    notes: notes.map((n) => ({ at: n.at.toISOString(), authorName: n.authorName, body: n.body })),
    nextRanked:
      item && item.status === 'listed' && o.status !== 'closed' ? await nextRanked(db, p, item) : null,
  };
}

/** The objection locked at the version the caller saw. */
export async function lockedAt(tx: DbOrTx, id: string, version: number) {
  const o = await repo.findObjection(tx, id, 'update');
  if (!o) throw new AppError('NOT_FOUND');
  if (o.version !== version) throw versionConflictError(o, null);
  return o;
}
