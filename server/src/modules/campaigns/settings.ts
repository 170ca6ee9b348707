/**
 * A campaign's settings checked against the database: tracks that exist, the standard version for every
 * track × kind slot (explicit, kept, or the default: the latest version of the matching active standard),
 * quotas and unit caps that fit the tracks, and a forward timeline. Problems are collected as field
 * errors (naming `tracks.0.track`, `quotas.2.quota`, `timeline.reviewStartsAt`, …), never thrown one by one.
 */
import type { DbOrTx } from '../../db/client';
import { fieldError } from '../../core/errors';
import {
  checkTimeline,
  standardSlots,
  TIMELINE_LABEL,
  TIMELINE_ORDER,
  type Timeline,
  type TrackSetting,
} from '../../../../shared/src/domain/campaign-rules';
import type { OrgKind } from '../../../../shared/src/enums';
import type { FieldError } from '../../../../shared/src/errors';
import * as standardQueries from '../standards/queries';
import * as repo from './repo';

export type Slot = repo.StandardSlotRow;
export const slotKey = (track: string, kind: OrgKind | null) => `${track}|${kind ?? ''}`;

type Problems = FieldError[];

const dup = (field: string) => fieldError(field, 'duplicate', '重复的设置', 'Listed twice');

/** The tracks, each existing and active, listed once, with kinds listed once. */
export async function checkTracks(
  db: DbOrTx,
  input: readonly { track: string; eligibleKinds: OrgKind[] }[],
  errors: Problems,
): Promise<TrackSetting[]> {
  const known = new Map(
    (
      await standardQueries.findTracks(
        db,
        input.map((t) => t.track),
      )
    ).map((t) => [t.code, t]),
  );
  const seen = new Set<string>();
  const out: TrackSetting[] = [];
  input.forEach((t, i) => {
    const row = known.get(t.track);
    if (!row) errors.push(fieldError(`tracks.${i}.track`, 'unknown_track', '类别不存在', 'No such track'));
    else if (!row.active)
      errors.push(fieldError(`tracks.${i}.track`, 'inactive_track', '该类别已停用', 'The track is inactive'));
    else if (seen.has(t.track)) errors.push(dup(`tracks.${i}.track`));
    else {
      seen.add(t.track);
      if (new Set(t.eligibleKinds).size !== t.eligibleKinds.length)
        errors.push(dup(`tracks.${i}.eligibleKinds`));
      out.push({ track: t.track, subject: row.subject, eligibleKinds: [...new Set(t.eligibleKinds)] });
    }
  });
  return out;
}

/**
 * The standard version of every slot: the explicit choice, else the one kept from `base`, else the
 * default. Explicit choices must name a slot of the campaign and a version of a standard of that track.
 * Slots with no standard at all stay empty (the campaign cannot open until they are filled).
 */
export async function resolveStandards(
  db: DbOrTx,
  tracks: readonly TrackSetting[],
  explicit: readonly Slot[] | undefined,
  base: readonly Slot[],
  errors: Problems,
): Promise<Slot[]> {
  const slots = standardSlots(tracks);
  const slotKeys = new Set(slots.map((s) => slotKey(s.track, s.orgKind)));
  const trackCodes = new Set(tracks.map((t) => t.track));
  const chosen = new Map<string, string>();
  if (explicit?.length) {
    const info = new Map(
      (await standardQueries.versionsInfo(db, [...new Set(explicit.map((e) => e.standardVersionId))])).map(
        (v) => [v.standardVersionId, v],
      ),
    );
    explicit.forEach((e, i) => {
      const k = slotKey(e.track, e.orgKind);
      const v = info.get(e.standardVersionId);
      if (!trackCodes.has(e.track))
        errors.push(
          fieldError(
            `standards.${i}.track`,
            'not_in_campaign',
            '本活动没有该类别',
            'The campaign has no such track',
          ),
        );
      else if (!slotKeys.has(k))
        errors.push(
          fieldError(
            `standards.${i}.orgKind`,
            'not_eligible',
            '该党组织类型不在本类别的申报范围内',
            'This kind is not a slot of the track',
          ),
        );
      else if (chosen.has(k)) errors.push(dup(`standards.${i}`));
      else if (!v)
        errors.push(
          fieldError(
            `standards.${i}.standardVersionId`,
            'not_found',
            '创建标准版本不存在',
            'No such standard version',
          ),
        );
      else if (v.track !== e.track)
        errors.push(
          fieldError(
            `standards.${i}.standardVersionId`,
            'wrong_track',
            '该创建标准不属于此类别',
            'The standard belongs to another track',
          ),
        );
      else chosen.set(k, e.standardVersionId);
    });
  }
  for (const b of base) {
    const k = slotKey(b.track, b.orgKind);
    if (slotKeys.has(k) && !chosen.has(k)) chosen.set(k, b.standardVersionId);
  }
  const open = slots.filter((s) => !chosen.has(slotKey(s.track, s.orgKind)));
  if (open.length) {
    const defaults = await standardQueries.latestActive(db, [...new Set(open.map((s) => s.track))]);
    for (const s of open) {
      const d = defaults.find(
        (x) => x.track === s.track && (s.orgKind ? x.orgKinds.includes(s.orgKind) : x.orgKinds.length === 0),
      );
      if (d) chosen.set(slotKey(s.track, s.orgKind), d.versionId);
    }
  }
  return slots.flatMap((s) => {
    const id = chosen.get(slotKey(s.track, s.orgKind));
    return id ? [{ ...s, standardVersionId: id }] : [];
  });
}

/** Slots of the tracks that have no standard. */
export function missingSlots(tracks: readonly TrackSetting[], chosen: readonly Slot[]) {
  const have = new Set(chosen.map((s) => slotKey(s.track, s.orgKind)));
  return standardSlots(tracks).filter((s) => !have.has(slotKey(s.track, s.orgKind)));
}

/** A quota or cap line fits when its track is in the campaign and its kind (if any) is eligible there. */
function quotaProblem(tracks: readonly TrackSetting[], q: { track: string; orgKind: OrgKind | null }) {
  const t = tracks.find((x) => x.track === q.track);
  if (!t) return 'track' as const;
  if (q.orgKind !== null && !t.eligibleKinds.includes(q.orgKind)) return 'orgKind' as const;
  return null;
}

export function checkQuotas(
  tracks: readonly TrackSetting[],
  quotas: readonly repo.QuotaRow[],
  errors: Problems,
) {
  const seen = new Set<string>();
  quotas.forEach((q, i) => {
    const p = quotaProblem(tracks, q);
    const k = slotKey(q.track, q.orgKind);
    if (p === 'track')
      errors.push(
        fieldError(
          `quotas.${i}.track`,
          'not_in_campaign',
          '本活动没有该类别',
          'The campaign has no such track',
        ),
      );
    else if (p === 'orgKind')
      errors.push(
        fieldError(
          `quotas.${i}.orgKind`,
          'not_eligible',
          '该党组织类型不在本类别的申报范围内',
          'This kind is not eligible',
        ),
      );
    else if (seen.has(k)) errors.push(dup(`quotas.${i}`));
    seen.add(k);
  });
  return [...quotas];
}

/** Quotas kept when the tracks change without new quotas: those that still fit. */
export const keepQuotas = (tracks: readonly TrackSetting[], quotas: readonly repo.QuotaRow[]) =>
  quotas.filter((q) => quotaProblem(tracks, q) === null);

export async function checkCaps(
  db: DbOrTx,
  tracks: readonly TrackSetting[],
  caps: readonly repo.CapRow[],
  errors: Problems,
) {
  const units = await repo.activeUnitIds(db, [...new Set(caps.map((c) => c.unitId))]);
  const codes = new Set(tracks.map((t) => t.track));
  const seen = new Set<string>();
  caps.forEach((c, i) => {
    const k = `${c.track}|${c.unitId}`;
    if (!codes.has(c.track))
      errors.push(
        fieldError(
          `unitCaps.${i}.track`,
          'not_in_campaign',
          '本活动没有该类别',
          'The campaign has no such track',
        ),
      );
    else if (!units.has(c.unitId))
      errors.push(
        fieldError(
          `unitCaps.${i}.unitId`,
          'not_a_unit',
          '不是有效的直属党组织',
          'Not an active directly-affiliated unit',
        ),
      );
    else if (seen.has(k)) errors.push(dup(`unitCaps.${i}`));
    seen.add(k);
  });
  return [...caps];
}

export const keepCaps = (tracks: readonly TrackSetting[], caps: readonly repo.CapRow[]) =>
  caps.filter((c) => tracks.some((t) => t.track === c.track));

/** Field errors naming each date that runs backwards. */
export function checkDates(t: Timeline, errors: Problems) {
  for (const f of checkTimeline(t)) {
    const prev = TIMELINE_ORDER[TIMELINE_ORDER.indexOf(f) - 1]!;
    const [a, b] = [TIMELINE_LABEL[f], TIMELINE_LABEL[prev]];
    errors.push(
      f === 'applicationClosesAt'
        ? fieldError(
            `timeline.${f}`,
            'out_of_order',
            `${a.zh}须晚于${b.zh}`,
            `${a.en} must come after ${b.en}`,
          )
        : fieldError(
            `timeline.${f}`,
            'out_of_order',
            `${a.zh}不能早于${b.zh}`,
            `${a.en} cannot come before ${b.en}`,
          ),
    );
  }
}

export function toTimeline(input: Record<keyof Timeline, string>): Timeline {
  return Object.fromEntries(TIMELINE_ORDER.map((f) => [f, new Date(input[f])])) as unknown as Timeline;
}

export function timelineOf(row: repo.CampaignRow): Timeline {
  return Object.fromEntries(TIMELINE_ORDER.map((f) => [f, row[f]])) as unknown as Timeline;
}
