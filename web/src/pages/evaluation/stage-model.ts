/**
 * What the stage pages compute from the server's answers, pure: the weight sums per track (the server
 * checks them when the first stage opens; the page shows them all the time), which moves a stage offers,
 * and the stage form's conversion to and from the contract.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type { StageDetail } from '../../../../shared/src/contracts/stages';
import type { CreateStageBody } from '../../api/stages';
import type {
  Aggregation,
  EntryRule,
  PeerMode,
  Rubric,
  SeeOthers,
  StageMethod,
  VetoRule,
} from '../../../../shared/src/domain/stages';

/** How far a sum of weights may miss 1 (the server's tolerance). */
export const WEIGHT_TOLERANCE = 1e-9;

export interface TrackWeight {
  track: string;
  /** Σ weight of the stages that evaluate the track (an empty track list: every track). */
  sum: number;
  ok: boolean;
  /** The stages counted, by position. */
  stages: number;
}

export function weightSums(
  stages: readonly Pick<StageDetail, 'tracks' | 'weight'>[],
  tracks: readonly string[],
): TrackWeight[] {
  return tracks.map((track) => {
    const own = stages.filter((s) => s.tracks.length === 0 || s.tracks.includes(track));
    const sum = own.reduce((a, s) => a + s.weight, 0);
    return { track, sum, ok: Math.abs(sum - 1) <= WEIGHT_TOLERANCE, stages: own.length };
  });
}

/** `0.3` → `30%`, `0.125` → `12.5%` (weights and shares as the committee writes them). */
export function percent(x: number): string {
  return `${Math.round(x * 10000) / 100}%`;
}

export type StageAction = 'edit' | 'rename' | 'delete' | 'open' | 'close' | 'reopen' | 'up' | 'down';

/**
 * The buttons a stage shows: a draft may be edited, deleted, moved among the drafts and opened; an open
 * one closed (and renamed); a closed one reopened while no later stage has opened. The server decides in
 * the end — this only keeps impossible buttons off the page.
 */
export function stageActions(s: StageDetail, all: readonly StageDetail[]): StageAction[] {
  const sorted = [...all].sort((a, b) => a.position - b.position);
  const i = sorted.findIndex((x) => x.id === s.id);
  const out: StageAction[] = [];
  if (s.status === 'draft') {
    out.push('edit', 'open', 'delete');
    if (i > 0 && sorted[i - 1]!.status === 'draft') out.push('up');
    if (i >= 0 && i < sorted.length - 1) out.push('down');
  } else {
    out.push('rename');
    if (s.status === 'open') out.push('close');
    if (s.status === 'closed' && sorted.slice(i + 1).every((x) => x.status === 'draft')) out.push('reopen');
  }
  return out;
}

/** The ids in their new order after moving one stage up or down. */
export function moved(all: readonly StageDetail[], id: string, dir: 'up' | 'down'): string[] {
  const ids = [...all].sort((a, b) => a.position - b.position).map((s) => s.id);
  const i = ids.indexOf(id);
  const j = dir === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= ids.length) return ids;
  [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  return ids;
}

/** The stage form's values (dates as dayjs, weights and shares as percentages). */
export interface StageFormValues {
  nameZh: string;
  nameEn: string;
  method: StageMethod;
  tracks: string[];
  window: [Dayjs, Dayjs];
  weightPct: number;
  rubric: Rubric;
  entry: EntryRule;
  entryN: number | null;
  entrySharePct: number | null;
  minReviews: number;
  aggregation: Aggregation;
  standardise: boolean;
  blind: boolean;
  seeOthers: SeeOthers;
  showReviewerNames: boolean;
  spreadThreshold: number;
  peerMode: PeerMode;
  groupSize: number | null;
  excludeOwnUnit: boolean;
  spearmanThreshold: number;
  vetoRule: VetoRule;
}

/** A method's natural rubric: criteria for scoring and gates, one overall score for peer and presentation. */
export const defaultRubric = (m: StageMethod): Rubric =>
  m === 'peer' || m === 'presentation' ? 'overall' : 'standard';

export function newStageValues(review: { start: string; end: string }): StageFormValues {
  return {
    nameZh: '',
    nameEn: '',
    method: 'criteria_scoring',
    tracks: [],
    window: [dayjs(review.start), dayjs(review.end)],
    weightPct: 0,
    rubric: 'standard',
    entry: 'all_accepted',
    entryN: null,
    entrySharePct: null,
    minReviews: 3,
    aggregation: 'trimmed_mean',
    standardise: false,
    blind: false,
    seeOthers: 'never',
    showReviewerNames: false,
    spreadThreshold: 20,
    peerMode: 'rank',
    groupSize: null,
    excludeOwnUnit: true,
    spearmanThreshold: 0.3,
    vetoRule: 'majority',
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function fromStage(s: StageDetail): StageFormValues {
  return {
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    method: s.method,
    tracks: [...s.tracks],
    window: [dayjs(s.opensAt), dayjs(s.closesAt)],
    weightPct: round(s.weight * 100, 2),
    rubric: s.rubric,
    entry: s.entry,
    entryN: s.entryN,
    entrySharePct: s.entryShare === null ? null : round(s.entryShare * 100, 2),
    minReviews: s.minReviews,
    aggregation: s.aggregation,
    standardise: s.standardise,
    blind: s.blind,
    seeOthers: s.seeOthers,
    showReviewerNames: s.showReviewerNames,
    spreadThreshold: s.spreadThreshold,
    peerMode: s.peerMode,
    groupSize: s.groupSize,
    excludeOwnUnit: s.excludeOwnUnit,
    spearmanThreshold: s.spearmanThreshold,
    vetoRule: s.vetoRule,
  };
}

/** The contract's body: percentages back to ratios, the entry's N or share only with its rule. */
export function toStageBody(v: StageFormValues): CreateStageBody {
  return {
    nameZh: v.nameZh.trim(),
    nameEn: v.nameEn.trim(),
    method: v.method,
    tracks: v.tracks,
    opensAt: v.window[0].toISOString(),
    closesAt: v.window[1].toISOString(),
    weight: v.method === 'gate' ? 0 : round((v.weightPct ?? 0) / 100, 4),
    rubric: v.rubric,
    entry: v.entry,
    entryN: v.entry === 'top_n' ? (v.entryN ?? null) : null,
    entryShare: v.entry === 'top_share' && v.entrySharePct !== null ? round(v.entrySharePct / 100, 4) : null,
    minReviews: v.minReviews,
    aggregation: v.aggregation,
    standardise: v.standardise,
    blind: v.blind,
    seeOthers: v.seeOthers,
    showReviewerNames: v.showReviewerNames,
    spreadThreshold: v.spreadThreshold,
    peerMode: v.peerMode,
    groupSize: v.method === 'peer' ? (v.groupSize ?? null) : null,
    excludeOwnUnit: v.excludeOwnUnit,
    spearmanThreshold: v.spearmanThreshold,
    vetoRule: v.vetoRule,
  };
}

/** Server field names → the form's (the window is one range field; ratios are percentages). */
export const STAGE_FIELD_OF: Record<string, string> = {
  opensAt: 'window',
  closesAt: 'window',
  weight: 'weightPct',
  entryShare: 'entrySharePct',
};
