/**
 * Re-review rounds (复评复审批次, issue #8 §3) and the 优进劣出 figures, pure: which titles a round takes
 * (all active titles of an award year, a seeded random sample of them, or an explicit list), when a round
 * is complete, the texts of the title machine's refusals, and the yearly figures (added, kept, rectified,
 * revoked, expired, turnover) with the places a revocation frees for the next campaign. The title's own
 * transitions stay in `title-workflow.ts`; the server's services load, call these, persist and audit.
 */
import { sample, DRAW_ALGORITHM } from './evaluation/draw';
import type { OrgKind } from '../enums';
import type { TitleRefusal } from './title-workflow';

export const REREVIEW_SELECTION_MODES = ['year', 'sample', 'list'] as const;
export type RereviewSelectionMode = (typeof REREVIEW_SELECTION_MODES)[number];

/** The standard the titles are re-reviewed against: the one they were awarded under, or today's. */
export const STANDARD_BASES = ['awarded', 'current'] as const;
export type StandardBasis = (typeof STANDARD_BASES)[number];

/** A round is opened when created (its titles go under re-review) and closes when every title has an outcome. */
export const REREVIEW_ROUND_STATUSES = ['open', 'closed'] as const;
export type RereviewRoundStatus = (typeof REREVIEW_ROUND_STATUSES)[number];

/** A title's outcome in a round; `expired` is set by the expiry sweep when the validity ended first. */
export const REREVIEW_OUTCOMES = ['keep', 'rectify', 'revoke', 'expired'] as const;
export type RereviewOutcome = (typeof REREVIEW_OUTCOMES)[number];
/** What the committee may record (the sweep records `expired`). */
export const DECIDED_OUTCOMES = ['keep', 'rectify', 'revoke'] as const;
export type DecidedOutcome = (typeof DECIDED_OUTCOMES)[number];

/** The follow-up check (整改复查) of a title sent to rectification. */
export const FOLLOW_UP_RESULTS = ['passed', 'revoked'] as const;
export type FollowUpResult = (typeof FOLLOW_UP_RESULTS)[number];

export const REREVIEW_DRAW_ALGORITHM = DRAW_ALGORITHM;

export type RoundSelection =
  | { mode: 'year'; awardYear: number }
  | { mode: 'sample'; awardYear: number; size: number; seed: number }
  | { mode: 'list'; titleIds: readonly string[] };

export type SelectionRefusal = 'empty' | 'sample_too_large';

/**
 * The titles a round takes from `pool` (the active titles of the award year; unused for a list): the
 * whole pool, the first `size` of the pool's seeded shuffle (evaluation/draw.ts: the same pool and seed
 * always draw the same titles, whatever order the pool came in), or the list as given.
 */
export function selectTitles(
  selection: RoundSelection,
  pool: readonly string[],
): { ok: true; titleIds: string[] } | { ok: false; refusal: SelectionRefusal } {
  if (selection.mode === 'list') return { ok: true, titleIds: [...selection.titleIds] };
  if (pool.length === 0) return { ok: false, refusal: 'empty' };
  if (selection.mode === 'year') return { ok: true, titleIds: [...pool].sort() };
  if (selection.size > pool.length) return { ok: false, refusal: 'sample_too_large' };
  return { ok: true, titleIds: sample(pool, selection.size, selection.seed) };
}

/** Complete when no title still waits for an outcome. */
export function roundComplete(items: readonly { outcome: RereviewOutcome | null }[]): boolean {
  return items.every((i) => i.outcome !== null);
}

/** The title machine's refusals as the committee reads them. */
export const TITLE_REFUSAL_TEXT: Record<TitleRefusal, { zh: string; en: string }> = {
  wrong_status: { zh: '称号当前状态不能执行此操作', en: 'The title’s status does not allow this' },
  role_not_allowed: { zh: '您的角色不能执行此操作', en: 'Your role may not do this' },
  reason_required: { zh: '请填写理由', en: 'A reason is required' },
  deadline_required: { zh: '请选择整改期限', en: 'Choose a rectification deadline' },
  deadline_past: { zh: '整改期限须晚于今天', en: 'The rectification deadline must be after today' },
  validity_not_ended: { zh: '称号有效期尚未届满', en: 'The title’s validity has not ended' },
  validity_ended: { zh: '称号有效期已届满', en: 'The title’s validity has ended' },
};

// ── 优进劣出 figures ───────────────────────────────────────────────────────────────────────────────────
export interface FigureTitle {
  id: string;
  /** The award (campaign) year. */
  year: number;
  trackCode: string;
  orgKind: OrgKind;
}

/** One title event that counts: its title and the China year it happened in (the decision year). */
export interface FigureEvent {
  titleId: string;
  action: 'keep' | 'rectify' | 'pass_rectification' | 'revoke' | 'expire';
  year: number;
}

export interface YearFigures {
  year: number;
  /** Titles awarded that year. */
  added: number;
  kept: number;
  rectified: number;
  revoked: number;
  expired: number;
  /** Titles standing at the year's end (awarded by then, neither revoked nor expired by then). */
  standing: number;
  /**
   * Share of the year's pool that went out: (revoked + expired) / (standing at the start + added),
   * to 4 decimals; null when the pool was empty.
   */
  turnover: number | null;
}

export interface FreedPlaces {
  /** The year of the revocations. */
  year: number;
  /** The campaign the places are free for. */
  campaignYear: number;
  trackCode: string;
  orgKind: OrgKind;
  places: number;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Per year from the first to the last seen: titles added by award year, outcomes by the year they were
 * decided; and per year, track and kind the places revocations free for the next year's campaign.
 */
export function titleFigures(
  titles: readonly FigureTitle[],
  events: readonly FigureEvent[],
): { years: YearFigures[]; freed: FreedPlaces[] } {
  const byId = new Map(titles.map((t) => [t.id, t]));
  const years = [...titles.map((t) => t.year), ...events.map((e) => e.year)];
  if (years.length === 0) return { years: [], freed: [] };
  const first = Math.min(...years);
  const last = Math.max(...years);
  const out: YearFigures[] = [];
  let standing = 0;
  for (let y = first; y <= last; y++) {
    const of = (a: FigureEvent['action']) => events.filter((e) => e.year === y && e.action === a).length;
    const added = titles.filter((t) => t.year === y).length;
    const revoked = of('revoke');
    const expired = of('expire');
    const pool = standing + added;
    standing = pool - revoked - expired;
    out.push({
      year: y,
      added,
      kept: of('keep'),
      rectified: of('rectify'),
      revoked,
      expired,
      standing,
      turnover: pool === 0 ? null : round4((revoked + expired) / pool),
    });
  }
  const freed = new Map<string, FreedPlaces>();
  for (const e of events) {
    const t = byId.get(e.titleId);
    if (e.action !== 'revoke' || !t) continue;
    const key = `${e.year}|${t.trackCode}|${t.orgKind}`;
    const f = freed.get(key) ?? {
      year: e.year,
      campaignYear: e.year + 1,
      trackCode: t.trackCode,
      orgKind: t.orgKind,
      places: 0,
    };
    f.places++;
    freed.set(key, f);
  }
  const list = [...freed.values()].sort(
    (a, b) =>
      a.year - b.year ||
      (a.trackCode < b.trackCode ? -1 : a.trackCode > b.trackCode ? 1 : 0) ||
      (a.orgKind < b.orgKind ? -1 : a.orgKind > b.orgKind ? 1 : 0),
  );
  return { years: out, freed: list };
}
