import dayjs, { type Dayjs } from 'dayjs';
import type { CampaignDetail } from '../../../../shared/src/contracts/campaigns';
import type { Track } from '../../../../shared/src/contracts/standards';
import { standardSlots } from '../../../../shared/src/domain/campaign-rules';
import type { OrgKind } from '../../../../shared/src/enums';
import type { CreateCampaignBody } from '../../api/campaigns';
import { slotKey, TIMELINE_FIELDS, type TimelineField } from '../../lib/campaigns';

/** The campaign form's values (wizard and edit drawer): maps keyed by track or by `slotKey`. */
export interface CampaignFormValues {
  year: number;
  name: string;
  tracks: string[];
  kinds: Record<string, CandidateKind[] | undefined>;
  standards: Record<string, string | undefined>;
  quotas: Record<string, number | null | undefined>;
  unitCaps: { track?: string; unitId?: string | null; unitName?: string; cap?: number | null }[];
  timeline: Partial<Record<TimelineField, Dayjs | null>>;
}

export type CandidateKind = Exclude<OrgKind, 'working_committee'>;
export type Slot = { track: string; orgKind: CandidateKind | null };

/** The track × kind slots of the chosen tracks (a venue track, or no kinds chosen: one slot). */
export function slotsOf(v: Partial<CampaignFormValues>, tracks: readonly Track[]): Slot[] {
  return standardSlots(
    (v.tracks ?? []).flatMap((code) => {
      const tr = tracks.find((x) => x.code === code);
      return tr ? [{ track: code, subject: tr.subject, eligibleKinds: v.kinds?.[code] ?? [] }] : [];
    }),
  ) as Slot[];
}

export function timelineBody(t: CampaignFormValues['timeline']): CreateCampaignBody['timeline'] {
  return Object.fromEntries(
    TIMELINE_FIELDS.map((f) => [f, t[f] ? t[f]!.format() : '']),
  ) as CreateCampaignBody['timeline'];
}

/** The form's values as the create request. */
export function toCreateBody(v: CampaignFormValues, tracks: readonly Track[]): CreateCampaignBody {
  const slots = slotsOf(v, tracks);
  return {
    year: v.year,
    name: v.name.trim(),
    tracks: v.tracks.map((track) => ({
      track,
      eligibleKinds: tracks.find((x) => x.code === track)?.subject === 'venue' ? [] : (v.kinds[track] ?? []),
    })),
    standards: slots.flatMap((s) => {
      const id = v.standards?.[slotKey(s.track, s.orgKind)];
      return id ? [{ track: s.track, orgKind: s.orgKind, standardVersionId: id }] : [];
    }),
    quotas: quotasBody(v, slots),
    unitCaps: capsBody(v),
    timeline: timelineBody(v.timeline),
  };
}

export function quotasBody(
  v: CampaignFormValues,
  slots: readonly Slot[],
): NonNullable<CreateCampaignBody['quotas']> {
  return slots.flatMap((s) => {
    const q = v.quotas?.[slotKey(s.track, s.orgKind)];
    return q === null || q === undefined ? [] : [{ track: s.track, orgKind: s.orgKind, quota: q }];
  });
}

export function capsBody(v: CampaignFormValues): NonNullable<CreateCampaignBody['unitCaps']> {
  return (v.unitCaps ?? []).flatMap((c) =>
    c.track && c.unitId && c.cap !== null && c.cap !== undefined
      ? [{ track: c.track, unitId: c.unitId, cap: c.cap }]
      : [],
  );
}

/** A campaign's settings as form values (the edit drawer). */
export function fromDetail(d: CampaignDetail): CampaignFormValues {
  return {
    year: d.year,
    name: d.name,
    tracks: d.tracks.map((x) => x.track),
    kinds: Object.fromEntries(
      d.tracks.map((x) => [x.track, x.eligibleKinds.filter((k) => k !== 'working_committee')]),
    ) as CampaignFormValues['kinds'],
    standards: Object.fromEntries(d.standards.map((s) => [slotKey(s.track, s.orgKind), s.standardVersionId])),
    quotas: Object.fromEntries(d.quotas.map((q) => [slotKey(q.track, q.orgKind), q.quota])),
    unitCaps: d.unitCaps.map((c) => ({ track: c.track, unitId: c.unitId, unitName: c.unitName, cap: c.cap })),
    timeline: Object.fromEntries(TIMELINE_FIELDS.map((f) => [f, dayjs(d.timeline[f])])),
  };
}

/** A default timeline for `year`: applications in spring, review in autumn, publicity in December. */
export function defaultTimeline(year: number): CampaignFormValues['timeline'] {
  const at = (m: number, d: number) => dayjs(new Date(year, m - 1, d, 9, 0, 0));
  return {
    applicationOpensAt: at(3, 1),
    applicationClosesAt: at(5, 31),
    recommendationDeadline: at(6, 30),
    reviewStartsAt: at(7, 1),
    reviewEndsAt: at(10, 31),
    publicityStartsAt: at(11, 15),
    publicityEndsAt: at(11, 22),
  };
}
