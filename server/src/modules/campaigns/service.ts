/**
 * Campaigns (创建活动): reading, creating a draft, editing (a draft anything; once opened only quotas,
 * unit caps and the dates still ahead), and "copy from last year". Status changes live in `transition.ts`.
 * Every change writes one audit event in the same transaction.
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { diff, writeAudit } from '../audit/write';
import { versionConflict } from '../audit/last-change';
import type {
  CampaignDetail,
  CampaignListQuery,
  CampaignSummary,
  CopyCampaign,
  CreateCampaign,
  PatchCampaign,
} from '../../../../shared/src/contracts/campaigns';
import {
  CAMPAIGN_LOCK_TEXT,
  lockedChanges,
  shiftYears,
  TIMELINE_ORDER,
  type CampaignChange,
  type Timeline,
  type TrackSetting,
} from '../../../../shared/src/domain/campaign-rules';
import { scopeFor } from '../../../../shared/src/domain/permissions';
import type { FieldError } from '../../../../shared/src/errors';
import * as standardQueries from '../standards/queries';
import { detailOf, summaryOf } from './present';
import * as repo from './repo';
import * as s from './settings';

/** Drafts are the committee's work in progress: other roles do not see them (404). */
export function seesDrafts(ctx: Ctx): boolean {
  return scopeFor(requireActor(ctx).role, 'campaigns.write') !== null;
}

/** A campaign the caller may see, or 404. */
export async function visibleCampaign(db: DbOrTx, ctx: Ctx, id: string, lock?: 'update') {
  const row = await repo.findCampaign(db, id, lock);
  if (!row || (row.status === 'draft' && !seesDrafts(ctx))) throw new AppError('NOT_FOUND');
  return row;
}

export async function list(
  db: Db,
  ctx: Ctx,
  q: CampaignListQuery,
): Promise<{ items: CampaignSummary[]; total: number }> {
  const { rows, total } = await repo.listCampaigns(db, { ...q, withDrafts: seesDrafts(ctx) });
  return { items: rows.map(summaryOf), total };
}

export async function get(db: Db, ctx: Ctx, id: string): Promise<CampaignDetail> {
  return detailOf(db, await visibleCampaign(db, ctx, id));
}

/**
 * The current campaigns, whatever their year: open, with a window that includes today or lies ahead —
 * what can be applied to or recommended in, with the deadlines.
 */
export async function current(db: Db, ctx: Ctx): Promise<{ items: CampaignDetail[]; total: number }> {
  const ids = await repo.currentCampaignIds(db, ctx.now);
  const items: CampaignDetail[] = [];
  for (const id of ids) items.push(await detailOf(db, (await repo.findCampaign(db, id))!));
  return { items, total: items.length };
}

/** The settings as readable lines, for the audit trail. */
function snapshot(d: CampaignDetail): Record<string, unknown> {
  return {
    year: d.year,
    name: d.name,
    ...d.timeline,
    tracks: d.tracks.map((t) => [t.track, ...t.eligibleKinds].join(' ')),
    standards: d.standards.map((x) => `${x.track}/${x.orgKind ?? '*'} ${x.code} v${x.version}`),
    quotas: d.quotas.map((q) => `${q.track}/${q.orgKind ?? '*'} ${q.quota}`),
    unitCaps: d.unitCaps.map((c) => `${c.track}/${c.unitId} ${c.cap}`),
  };
}
const SNAPSHOT_FIELDS = ['year', 'name', ...TIMELINE_ORDER, 'tracks', 'standards', 'quotas', 'unitCaps'];

interface Settings {
  tracks: TrackSetting[];
  standards: s.Slot[];
  quotas: repo.QuotaRow[];
  caps: repo.CapRow[];
}

async function insertWithSettings(
  tx: DbOrTx,
  ctx: Ctx,
  values: { year: number; name: string; timeline: Timeline; copiedFromId: string | null },
  set: Settings,
): Promise<CampaignDetail> {
  const row = await repo.insertCampaign(tx, {
    year: values.year,
    name: values.name,
    ...values.timeline,
    copiedFromId: values.copiedFromId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await repo.replaceTracks(tx, row.id, set.tracks);
  await repo.replaceStandards(tx, row.id, set.standards);
  await repo.replaceQuotas(tx, row.id, set.quotas);
  await repo.replaceCaps(tx, row.id, set.caps);
  const out = await detailOf(tx, row);
  const nothing: Record<string, unknown> = Object.fromEntries(SNAPSHOT_FIELDS.map((f) => [f, null]));
  await writeAudit(tx, ctx, {
    action: values.copiedFromId ? 'campaigns.copy' : 'campaigns.create',
    objectType: 'campaign',
    objectId: row.id,
    changes: diff(nothing, snapshot(out), SNAPSHOT_FIELDS),
    detail: values.copiedFromId ? `copied from ${values.copiedFromId}` : null,
  });
  return out;
}

export async function create(db: Db, ctx: Ctx, body: CreateCampaign): Promise<CampaignDetail> {
  const errors: FieldError[] = [];
  const tracks = await s.checkTracks(db, body.tracks, errors);
  const standards = await s.resolveStandards(db, tracks, body.standards, [], errors);
  const quotas = s.checkQuotas(tracks, body.quotas, errors);
  const caps = await s.checkCaps(db, tracks, body.unitCaps, errors);
  const timeline = s.toTimeline(body.timeline);
  s.checkDates(timeline, errors);
  if (errors.length) throw new AppError('VALIDATION_FAILED', errors);
  return db.transaction((tx) =>
    insertWithSettings(
      tx,
      ctx,
      { year: body.year, name: body.name, timeline, copiedFromId: null },
      { tracks, standards, quotas, caps },
    ),
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sortedBy = <T>(xs: readonly T[], key: (x: T) => string) =>
  [...xs].sort((a, b) => key(a).localeCompare(key(b)));

/** What the body changes compared to the campaign as it is. */
function changeOf(row: repo.CampaignRow, before: CampaignDetail, body: PatchCampaign): CampaignChange {
  const settings: CampaignChange['settings'][number][] = [];
  if (body.year !== undefined && body.year !== row.year) settings.push('year');
  if (body.name !== undefined && body.name !== row.name) settings.push('name');
  const trackKey = (t: { track: string; eligibleKinds: readonly string[] }) =>
    `${t.track}:${[...t.eligibleKinds].sort().join(',')}`;
  if (
    body.tracks &&
    !same(sortedBy(body.tracks.map(trackKey), String), sortedBy(before.tracks.map(trackKey), String))
  )
    settings.push('tracks');
  const used = new Map(before.standards.map((x) => [s.slotKey(x.track, x.orgKind), x.standardVersionId]));
  if (body.standards?.some((x) => used.get(s.slotKey(x.track, x.orgKind)) !== x.standardVersionId))
    settings.push('standards');
  const quotaKey = (q: repo.QuotaRow) => `${s.slotKey(q.track, q.orgKind)}=${q.quota}`;
  if (
    body.quotas &&
    !same(sortedBy(body.quotas.map(quotaKey), String), sortedBy(before.quotas.map(quotaKey), String))
  )
    settings.push('quotas');
  const capKey = (c: repo.CapRow) => `${c.track}|${c.unitId}=${c.cap}`;
  if (
    body.unitCaps &&
    !same(sortedBy(body.unitCaps.map(capKey), String), sortedBy(before.unitCaps.map(capKey), String))
  )
    settings.push('unitCaps');
  const dates = TIMELINE_ORDER.flatMap((field) => {
    const v = body.timeline?.[field];
    if (v === undefined) return [];
    const to = new Date(v);
    return to.getTime() === row[field].getTime() ? [] : [{ field, from: row[field], to }];
  });
  return { settings, dates };
}

/** Edits a campaign; a stale `version` answers 409 VERSION_CONFLICT, a locked part 409 CAMPAIGN_LOCKED. */
export async function update(db: Db, ctx: Ctx, id: string, body: PatchCampaign): Promise<CampaignDetail> {
  return db.transaction(async (tx) => {
    const row = await repo.findCampaign(tx, id, 'update');
    if (!row) throw new AppError('NOT_FOUND');
    if (row.version !== body.version) throw await versionConflict(tx, 'campaign', row);
    const before = await detailOf(tx, row);
    const change = changeOf(row, before, body);
    const locks = lockedChanges(row.status, ctx.now, change);
    if (locks.length)
      throw new AppError(
        'CAMPAIGN_LOCKED',
        locks.map((l) =>
          fieldError(l.field, l.lock, CAMPAIGN_LOCK_TEXT[l.lock].zh, CAMPAIGN_LOCK_TEXT[l.lock].en),
        ),
      );
    const errors: FieldError[] = [];
    const tracksChanged = change.settings.includes('tracks');
    const tracks = tracksChanged
      ? await s.checkTracks(tx, body.tracks!, errors)
      : before.tracks.map((t) => ({ track: t.track, subject: t.subject, eligibleKinds: t.eligibleKinds }));
    const standards =
      row.status === 'draft'
        ? await s.resolveStandards(tx, tracks, body.standards, before.standards, errors)
        : null;
    const quotas = body.quotas
      ? s.checkQuotas(tracks, body.quotas, errors)
      : s.keepQuotas(tracks, before.quotas);
    const caps = body.unitCaps
      ? await s.checkCaps(tx, tracks, body.unitCaps, errors)
      : s.keepCaps(tracks, before.unitCaps);
    const timeline = {
      ...s.timelineOf(row),
      ...Object.fromEntries(change.dates.map((d) => [d.field, d.to])),
    };
    if (change.dates.length) s.checkDates(timeline, errors);
    if (errors.length) throw new AppError('VALIDATION_FAILED', errors);

    const updated = await repo.updateCampaign(tx, id, row.version, {
      year: body.year ?? row.year,
      name: body.name ?? row.name,
      ...timeline,
      updatedAt: ctx.now,
    });
    if (!updated) throw await versionConflict(tx, 'campaign', (await repo.findCampaign(tx, id)) ?? row);
    if (tracksChanged) await repo.replaceTracks(tx, id, tracks);
    if (standards) await repo.replaceStandards(tx, id, standards);
    if (body.quotas || tracksChanged) await repo.replaceQuotas(tx, id, quotas);
    if (body.unitCaps || tracksChanged) await repo.replaceCaps(tx, id, caps);
    const after = await detailOf(tx, updated);
    await writeAudit(tx, ctx, {
      action: 'campaigns.update',
      objectType: 'campaign',
      objectId: id,
      changes: diff(snapshot(before), snapshot(after), SNAPSHOT_FIELDS),
    });
    return after;
  });
}

/**
 * "Copy from last year": a new draft with the same tracks, kinds, quotas and unit caps, each standard
 * re-pointed to its latest version (a deactivated one replaced by the default), the timeline shifted by
 * whole years. Tracks that were deactivated and units that are no longer active are left out.
 */
export async function copy(db: Db, ctx: Ctx, id: string, body: CopyCampaign): Promise<CampaignDetail> {
  const source = await repo.findCampaign(db, id);
  if (!source) throw new AppError('NOT_FOUND');
  const src = await detailOf(db, source);
  const ignored: FieldError[] = [];
  const tracks = await s.checkTracks(db, src.tracks, ignored);
  const latest = new Map(
    (
      await standardQueries.latestActive(
        db,
        tracks.map((t) => t.track),
      )
    ).map((x) => [x.standardId, x.versionId]),
  );
  const repointed = src.standards.flatMap((x) => {
    const v = latest.get(x.standardId);
    return v && tracks.some((t) => t.track === x.track) ? [{ ...x, standardVersionId: v }] : [];
  });
  const errors: FieldError[] = [];
  const standards = await s.resolveStandards(db, tracks, repointed, [], errors);
  const units = await repo.activeUnitIds(
    db,
    src.unitCaps.map((c) => c.unitId),
  );
  const caps = s.keepCaps(tracks, src.unitCaps).filter((c) => units.has(c.unitId));
  const years = body.year - source.year;
  const timeline = Object.fromEntries(
    TIMELINE_ORDER.map((f) => [f, shiftYears(source[f], years)]),
  ) as unknown as Timeline;
  if (errors.length) throw new AppError('VALIDATION_FAILED', errors);
  return db.transaction((tx) =>
    insertWithSettings(
      tx,
      ctx,
      { year: body.year, name: body.name, timeline, copiedFromId: source.id },
      { tracks, standards, quotas: s.keepQuotas(tracks, src.quotas), caps },
    ),
  );
}
