/**
 * The rules of a campaign's stages (docs/EVALUATION.md "Stages"), pure: what a stage's settings must
 * satisfy, the windows a template gets, the weights check, who enters a stage when it opens (the entry
 * rule, per track × kind, ties at the line all enter), whether a stage may open, close or reopen, and what
 * the end of evaluation makes of each application. The stages service loads, calls these, writes, audits.
 */
import type { FieldError } from '../errors';
import { rankGroup, topWithTies } from './evaluation/ranking';
import { compareIds, groupBy } from './evaluation/util';
import type { EntryRule, StageMethod, StageStatus, StageTemplateStep } from './stages';

export type Problem = FieldError;
const problem = (field: string, code: string, zh: string, en: string): Problem => ({ field, code, zh, en });

/** The settings the rules look at (a stage as it would be stored). */
export interface StageSettings {
  method: StageMethod;
  tracks: readonly string[];
  opensAt: Date;
  closesAt: Date;
  weight: number;
  rubric: 'standard' | 'overall';
  entry: EntryRule;
  entryN: number | null;
  entryShare: number | null;
  groupSize: number | null;
}

export interface CampaignFrame {
  /** The campaign's track codes. */
  tracks: readonly string[];
  reviewStartsAt: Date;
  reviewEndsAt: Date;
}

/** Does the stage evaluate this track (an empty list: every track)? */
export const covers = (s: { tracks: readonly string[] }, track: string) =>
  s.tracks.length === 0 || s.tracks.includes(track);

/**
 * Problems of one stage's settings, in field order: its tracks are the campaign's (no repeats), its window
 * runs forward inside the campaign's review period, a gate weighs 0, the top rules carry their N or share
 * and only they do, peer settings only on peer stages, and a peer stage scores overall.
 */
export function checkStage(s: StageSettings, c: CampaignFrame): Problem[] {
  const out: Problem[] = [];
  s.tracks.forEach((t, i) => {
    if (!c.tracks.includes(t))
      out.push(
        problem(`tracks.${i}`, 'unknown_track', `本活动没有类别 ${t}`, `The campaign has no track ${t}`),
      );
    else if (s.tracks.indexOf(t) !== i)
      out.push(problem(`tracks.${i}`, 'duplicate', `类别 ${t} 重复`, `Track ${t} is listed twice`));
  });
  if (s.opensAt.getTime() < c.reviewStartsAt.getTime())
    out.push(
      problem(
        'opensAt',
        'outside_review_period',
        '开始时间早于活动的评审开始时间',
        "The window opens before the campaign's review period starts",
      ),
    );
  if (s.closesAt.getTime() <= s.opensAt.getTime())
    out.push(
      problem('closesAt', 'window_order', '结束时间须晚于开始时间', 'The window must close after it opens'),
    );
  else if (s.closesAt.getTime() > c.reviewEndsAt.getTime())
    out.push(
      problem(
        'closesAt',
        'outside_review_period',
        '结束时间晚于活动的评审结束时间',
        "The window closes after the campaign's review period ends",
      ),
    );
  if (s.method === 'gate' && s.weight !== 0)
    out.push(
      problem(
        'weight',
        'gate_weight',
        '资格审查（一票否决）环节不计入总分，权重须为 0',
        'A gate (pass/fail) does not count in the final score: its weight must be 0',
      ),
    );
  if (s.method === 'peer' && s.rubric !== 'overall')
    out.push(
      problem(
        'rubric',
        'overall_only',
        '互比互评环节只能按总分（0–100）评价',
        'A peer stage rates overall (0–100) only',
      ),
    );
  if (s.entry === 'top_n' && s.entryN === null)
    out.push(problem('entryN', 'required', '按前 N 名入围时须填写 N', 'Top N needs N'));
  if (s.entry !== 'top_n' && s.entryN !== null)
    out.push(
      problem('entryN', 'not_applicable', '只有“前 N 名入围”才填写 N', 'N is only for the top N rule'),
    );
  if (s.entry === 'top_share' && s.entryShare === null)
    out.push(problem('entryShare', 'required', '按比例入围时须填写比例', 'Top share needs the share'));
  if (s.entry !== 'top_share' && s.entryShare !== null)
    out.push(
      problem(
        'entryShare',
        'not_applicable',
        '只有“按比例入围”才填写比例',
        'The share is only for the top share rule',
      ),
    );
  if (s.method !== 'peer' && s.groupSize !== null)
    out.push(
      problem(
        'groupSize',
        'peer_only',
        '只有互比互评环节才设置分组人数',
        'Only a peer stage has a group size',
      ),
    );
  return out;
}

const MINUTE = 60_000;

/**
 * A template's stages with their windows: the review period cut into equal consecutive slices (on whole
 * minutes), one per step. A gate put in front of existing stages gets the time before the first of
 * them, or, when there is none, the first stage's own window.
 */
export function templateStages(
  steps: readonly StageTemplateStep[],
  c: CampaignFrame,
  first?: { opensAt: Date; closesAt: Date },
): (StageTemplateStep & { opensAt: Date; closesAt: Date })[] {
  const start = c.reviewStartsAt.getTime();
  const end = c.reviewEndsAt.getTime();
  if (first) {
    const closes = first.opensAt.getTime() > start ? first.opensAt : first.closesAt;
    return steps.map((s) => ({ ...s, opensAt: c.reviewStartsAt, closesAt: closes }));
  }
  const at = (k: number) =>
    k === steps.length ? end : start + Math.floor(((end - start) * k) / steps.length / MINUTE) * MINUTE;
  return steps.map((s, k) => ({ ...s, opensAt: new Date(at(k)), closesAt: new Date(at(k + 1)) }));
}

/** How far a sum of weights may miss 1. */
export const WEIGHT_TOLERANCE = 1e-9;

/** Each campaign track whose stages' weights do not sum to 1, with the sum. */
export function weightProblems(
  stages: readonly { tracks: readonly string[]; weight: number }[],
  tracks: readonly string[],
): Problem[] {
  return tracks.flatMap((t) => {
    const sum = stages.filter((s) => covers(s, t)).reduce((a, s) => a + s.weight, 0);
    if (Math.abs(sum - 1) <= WEIGHT_TOLERANCE) return [];
    const shown = Math.round(sum * 10000) / 10000;
    return [
      problem(
        `weights.${t}`,
        'weights_sum',
        `类别 ${t} 各评审环节的权重合计为 ${shown}，须为 1`,
        `The weights of the stages of track ${t} sum to ${shown}, not 1`,
      ),
    ];
  });
}

/** An `in_review` application that may enter a stage. */
export interface Candidate {
  applicationId: string;
  track: string;
  kind: string;
  /** ISO instant: the last tie-break before the id. */
  submittedAt: string | null;
}

/** An entrant of the previous stage (a row of stage_results). */
export interface PreviousResult {
  applicationId: string;
  score: number | null;
  gatePassed: boolean | null;
  reviewCount: number;
}

export interface EntryInput {
  entry: EntryRule;
  entryN: number | null;
  entryShare: number | null;
  /** The `in_review` applications of the stage's tracks. */
  candidates: readonly Candidate[];
  /** For each track, the nearest earlier stage that evaluates it (absent: none). */
  previous: ReadonlyMap<string, { method: StageMethod; results: readonly PreviousResult[] }>;
}

/** Tracks among the candidates' that a rule other than `all_accepted` needs a previous stage for. */
export function tracksWithoutPrevious(input: EntryInput, tracks: readonly string[]): string[] {
  if (input.entry === 'all_accepted') return [];
  return tracks.filter((t) => !input.previous.has(t));
}

/** How many enter a `top_share` group of `size` ranked applications: ⌈share × size⌉ (on a 1e-9 grid). */
export function shareCount(share: number, size: number): number {
  return Math.max(0, Math.ceil(share * size - 1e-9));
}

/**
 * The entrants when a stage opens, sorted by id:
 * - `all_accepted`: every candidate;
 * - `passed_previous`: the candidates that entered the previous stage of their track, did not fail its
 *   gate (`gatePassed !== false`) and got a score there, or that stage was a gate;
 * - `top_n` / `top_share`: per (track, kind), the candidates ranked on the previous stage's score (those
 *   with a score that did not fail a gate; tie rule of ranking.ts after the score: counted reviews, the
 *   submission time, the id) — the first N, or ⌈share × group⌉, and every one tied with the last of them.
 * A track without a previous stage gives no entrants (see `tracksWithoutPrevious`).
 */
export function entrantsOf(input: EntryInput): string[] {
  const { candidates } = input;
  if (input.entry === 'all_accepted') return candidates.map((c) => c.applicationId).sort(compareIds);
  const prevOf = (c: Candidate) => {
    const prev = input.previous.get(c.track);
    const r = prev?.results.find((x) => x.applicationId === c.applicationId);
    return prev && r ? { method: prev.method, r } : null;
  };
  if (input.entry === 'passed_previous')
    return candidates
      .filter((c) => {
        const p = prevOf(c);
        return p !== null && p.r.gatePassed !== false && (p.r.score !== null || p.method === 'gate');
      })
      .map((c) => c.applicationId)
      .sort(compareIds);
  const scored = candidates.flatMap((c) => {
    const p = prevOf(c);
    return p && p.r.gatePassed !== false && p.r.score !== null ? [{ c, r: p.r }] : [];
  });
  const groups = groupBy(scored, (x) => JSON.stringify([x.c.track, x.c.kind]));
  const out: string[] = [];
  for (const group of groups.values()) {
    const ranked = rankGroup(
      group.map(({ c, r }) => ({
        applicationId: c.applicationId,
        track: c.track,
        kind: c.kind,
        final: r.score!,
        lastStageScore: r.score,
        countedReviews: r.reviewCount,
        submittedAt: c.submittedAt,
      })),
    );
    const n =
      input.entry === 'top_n' ? (input.entryN ?? 0) : shareCount(input.entryShare ?? 0, ranked.length);
    out.push(...topWithTies(ranked, n));
  }
  return out.sort(compareIds);
}

/** Why a stage may not open, close or reopen (the `code` of the 409's field error). */
export type StageRefusal =
  | 'not_draft'
  | 'not_open'
  | 'not_closed'
  | 'campaign_not_reviewing'
  | 'earlier_not_closed'
  | 'window_passed'
  | 'later_stage_opened';

export const STAGE_REFUSAL_TEXT: Record<StageRefusal, { zh: string; en: string }> = {
  not_draft: { zh: '该评审环节已开启过，不能再次开启', en: 'This stage has already been opened' },
  not_open: { zh: '该评审环节未在进行中，不能结束', en: 'This stage is not open, so it cannot close' },
  not_closed: { zh: '只有已结束的评审环节才能重新开启', en: 'Only a closed stage can reopen' },
  campaign_not_reviewing: {
    zh: '活动不在“评审中”状态',
    en: 'The campaign is not in review',
  },
  earlier_not_closed: {
    zh: '前面的评审环节尚未全部结束',
    en: 'An earlier stage has not closed yet',
  },
  window_passed: {
    zh: '该评审环节的结束时间已过，请先修改时间',
    en: "The stage's window has passed; change it first",
  },
  later_stage_opened: {
    zh: '后面的评审环节已开启，不能重新开启本环节',
    en: 'A later stage has opened; this one can no longer reopen',
  },
};

export interface StageState {
  id: string;
  position: number;
  status: StageStatus;
  closesAt: Date;
}

/** May this stage move (open / close / reopen) now? The first refusal, or null. */
export function stageMoveRefusal(
  move: 'open' | 'close' | 'reopen',
  stage: StageState,
  all: readonly StageState[],
  campaignStatus: string,
  now: Date,
): StageRefusal | null {
  if (move === 'close') return stage.status === 'open' ? null : 'not_open';
  if (move === 'open') {
    if (stage.status !== 'draft') return 'not_draft';
    if (campaignStatus !== 'reviewing') return 'campaign_not_reviewing';
    if (all.some((s) => s.position < stage.position && s.status !== 'closed')) return 'earlier_not_closed';
    if (now.getTime() >= stage.closesAt.getTime()) return 'window_passed';
    return null;
  }
  if (stage.status !== 'closed') return 'not_closed';
  if (campaignStatus !== 'reviewing') return 'campaign_not_reviewing';
  if (all.some((s) => s.position > stage.position && s.status !== 'draft')) return 'later_stage_opened';
  return null;
}

/**
 * What the end of evaluation makes of an `in_review` application: `shortlisted` when it entered the last
 * stage of its track and failed no gate it took (`gatePassed !== false`), else `not_selected`.
 */
export function evaluationOutcome(
  app: { applicationId: string; track: string },
  stages: readonly { id: string; position: number; method: StageMethod; tracks: readonly string[] }[],
  results: readonly { stageId: string; applicationId: string; gatePassed: boolean | null }[],
): 'shortlisted' | 'not_selected' {
  const own = stages.filter((s) => covers(s, app.track)).sort((a, b) => a.position - b.position);
  const last = own[own.length - 1];
  if (!last) return 'not_selected';
  const mine = new Map(
    results.filter((r) => r.applicationId === app.applicationId).map((r) => [r.stageId, r]),
  );
  if (!mine.has(last.id)) return 'not_selected';
  const failed = own.some((s) => s.method === 'gate' && mine.get(s.id)?.gatePassed === false);
  return failed ? 'not_selected' : 'shortlisted';
}
