/**
 * Publishing a confirmed decision's proposed list (公示) and the committee's view of it. Publishing takes
 * the window from the working-day calendar, writes the publicity and its entries, moves each proposed
 * application `proposed → in_publicity` through the workflow's `publish` row, and audits — one
 * transaction; the public page's cache is dropped after it commits.
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError, isUniqueViolation } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { systemTransition } from '../applications/workflow';
import { decisionWithLines } from '../decisions/queries';
import type { PublicityDetail, PublishBody } from '../../../../shared/src/contracts/publicity';
import { publish as publishBody } from '../../../../shared/src/contracts/publicity';
import { chinaDateOf, endOfChinaDay, windowLastDay } from '../../../../shared/src/domain/working-days';
import { assertCalendarCovers, calendarFrom } from './calendar';
import { invalidatePublic } from '../../core/public-cache';
import * as repo from './repo';

function openExists(): AppError {
  return new AppError('PUBLICITY_OPEN', [
    fieldError(
      'campaignId',
      'publicity_open',
      '该活动已有公示尚未结束',
      'The campaign has an open publicity',
    ),
  ]);
}

/** The confirmed decision of a campaign, or DECISION_INCOMPLETE saying what is missing. */
async function confirmedDecision(tx: DbOrTx, campaignId: string) {
  const d = await decisionWithLines(tx, campaignId);
  if (d?.status === 'confirmed') return d;
  throw new AppError('DECISION_INCOMPLETE', [
    fieldError(
      'decision',
      d ? 'not_confirmed' : 'no_decision',
      d ? '集体评审决定尚未确认，不能公示' : '尚未形成集体评审决定，不能公示',
      d ? 'The decision is not confirmed; nothing can be published' : 'There is no decision to publish',
    ),
  ]);
}

/** The window of `workingDays` working days from today in China. */
async function windowOf(tx: DbOrTx, now: Date, workingDays: number) {
  const firstDay = chinaDateOf(now);
  const lastDay = windowLastDay(firstDay, workingDays, await calendarFrom(tx, firstDay));
  await assertCalendarCovers(tx, firstDay, lastDay);
  return { firstDay, lastDay, startsAt: now, endsAt: endOfChinaDay(lastDay) };
}

/** One entry per application, as the public will read it: the subject's names, brand, track, kind, rank. */
export async function entriesFor(tx: DbOrTx, ids: string[], ranks: Map<string, number>) {
  const cards = await repo.applicationCards(tx, ids);
  return cards.map((c) => ({
    applicationId: c.id,
    trackCode: c.trackCode,
    orgKind: c.orgKind,
    rank: ranks.get(c.id) ?? 0,
    name: c.venueName ?? c.organizationName,
    holderName: c.venueName ? c.organizationName : null,
    brandName: c.brandName,
  }));
}

export async function publish(
  db: Db,
  ctx: Ctx,
  campaignId: string,
  input: PublishBody,
): Promise<PublicityDetail> {
  const body = publishBody.parse(input);
  const actor = requireActor(ctx);
  try {
    const detail = await db.transaction(async (tx) => {
      const campaign = await repo.findCampaign(tx, campaignId, 'share');
      if (!campaign) throw new AppError('NOT_FOUND');
      const decision = await confirmedDecision(tx, campaignId);
      if (await repo.openPublicityOf(tx, campaignId)) throw openExists();
      const ids = (await repo.proposedIds(tx, campaignId)).map((r) => r.id);
      if (ids.length === 0) throw new AppError('PUBLICITY_EMPTY');
      const window = await windowOf(tx, ctx.now, body.workingDays);
      const p = await repo.insertPublicity(tx, {
        campaignId,
        decisionId: decision.id,
        title: body.title ?? `${campaign.name}拟命名名单公示`,
        contact: body.contact,
        allowAnonymous: body.allowAnonymous,
        workingDays: body.workingDays,
        ...window,
        publishedBy: actor.userId,
        publishedByName: actor.displayName,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      const ranks = new Map(decision.lines.map((l) => [l.applicationId, l.rank]));
      const entries = await entriesFor(tx, ids, ranks);
      await repo.insertItems(
        tx,
        entries.map((e) => ({ ...e, publicityId: p.id, addedAt: ctx.now })),
      );
      for (const id of ids) await systemTransition(tx, ctx, id, 'publish');
      await writeAudit(tx, ctx, {
        action: 'publicity.publish',
        objectType: 'publicity',
        objectId: p.id,
        changes: {
          campaignId: { before: null, after: campaignId },
          entries: { before: null, after: ids.length },
          window: { before: null, after: `${window.firstDay} ~ ${window.lastDay}` },
          allowAnonymous: { before: null, after: body.allowAnonymous },
        },
      });
      return detailOf(tx, p);
    });
    invalidatePublic(db);
    return detail;
  } catch (err) {
    if (isUniqueViolation(err)) throw openExists();
    throw err;
  }
}

export async function detailOf(db: DbOrTx, p: repo.PublicityRow): Promise<PublicityDetail> {
  const items = await repo.itemsOf(db, p.id);
  return {
    ...summaryOf(p),
    items: items.map((i) => ({
      id: i.id,
      applicationId: i.applicationId,
      track: i.trackCode,
      orgKind: i.orgKind,
      rank: i.rank,
      name: i.name,
      holderName: i.holderName,
      brandName: i.brandName,
      status: i.status,
      substituteFor: i.substituteFor,
      reason: i.reason,
    })),
    objections: await repo.objectionCounts(db, p.id),
  };
}

function summaryOf(p: repo.PublicityRow) {
  return {
    id: p.id,
    campaignId: p.campaignId,
    decisionId: p.decisionId,
    status: p.status,
    title: p.title,
    contact: p.contact,
    allowAnonymous: p.allowAnonymous,
    workingDays: p.workingDays,
    firstDay: p.firstDay,
    lastDay: p.lastDay,
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt.toISOString(),
    publishedByName: p.publishedByName,
    version: p.version,
  };
}

export async function get(db: Db, id: string): Promise<PublicityDetail> {
  const p = await repo.findPublicity(db, id);
  if (!p) throw new AppError('NOT_FOUND');
  return detailOf(db, p);
}

export async function listOfCampaign(db: Db, campaignId: string) {
  if (!(await repo.findCampaign(db, campaignId))) throw new AppError('NOT_FOUND');
  const rows = await repo.publicitiesOfCampaign(db, campaignId);
  return {
    items: await Promise.all(
      rows.map(async (p) => ({ ...summaryOf(p), objections: await repo.objectionCounts(db, p.id) })),
    ),
  };
}
