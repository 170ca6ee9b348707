import {
  proposeAll,
  type DecisionLine,
  type GroupedProposalLine,
  type Quota,
  type QuotaReason,
} from './decision';
import { evaluate, type EvaluationInput, type EvaluationResult } from './evaluate';
import { TIE_RULE } from './ranking';

/**
 * The frozen decision snapshot (issue §8, evaluation-maths §5): every figure the decision used,
 * with the raw data they came from, so that anyone can recompute them from the snapshot alone and
 * get the same numbers to the last digit. `canonicalJson` is the byte-exact form to store and hash
 * (the server takes its SHA-256).
 */

export const SNAPSHOT_VERSION = 1;

/** Which ranking the proposal was made on. */
export type RankingBasis = 'raw' | 'standardised';

export interface DecisionSnapshot {
  version: typeof SNAPSHOT_VERSION;
  tieRule: readonly string[];
  basis: RankingBasis;
  input: EvaluationInput;
  quotas: readonly Quota[];
  result: EvaluationResult;
  proposal: GroupedProposalLine[];
  decision: { lines: readonly DecisionLine[]; quotaReasons: readonly QuotaReason[] };
}

/**
 * Canonical JSON: object keys sorted (code-unit order) at every depth, array order kept, numbers as
 * JavaScript writes them (the shortest form that reads back to the same double), no spaces.
 * `undefined` members are left out (as in JSON); non-finite numbers become `null`; a value with
 * `toJSON` (a Date) is written as what it returns. Equal data give equal text.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && typeof v !== 'function')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  return 'null';
}

/** The snapshot's canonical text (what is stored and hashed). */
export function snapshotDigest(snapshot: DecisionSnapshot): string {
  return canonicalJson(snapshot);
}

function derive(input: EvaluationInput, quotas: readonly Quota[], basis: RankingBasis) {
  const result = evaluate(input);
  const passed = new Set(result.totals.filter((t) => t.gatesPassed).map((t) => t.applicationId));
  return { result, proposal: proposeAll(result.ranking[basis], quotas, passed) };
}

/** Build the snapshot at confirmation: the figures are computed here, from the raw data given. */
export function buildSnapshot(args: {
  input: EvaluationInput;
  quotas: readonly Quota[];
  basis: RankingBasis;
  lines: readonly DecisionLine[];
  quotaReasons?: readonly QuotaReason[];
}): DecisionSnapshot {
  const { result, proposal } = derive(args.input, args.quotas, args.basis);
  return {
    version: SNAPSHOT_VERSION,
    tieRule: TIE_RULE,
    basis: args.basis,
    input: args.input,
    quotas: args.quotas,
    result,
    proposal,
    decision: { lines: args.lines, quotaReasons: args.quotaReasons ?? [] },
  };
}

/** Re-derive stage results, totals, rankings and the proposal from the snapshot's raw data alone. */
export function recomputeFromSnapshot(
  snapshot: DecisionSnapshot,
): Pick<DecisionSnapshot, 'result' | 'proposal'> {
  return derive(snapshot.input, snapshot.quotas, snapshot.basis);
}

export type SnapshotPart = 'stage_results' | 'standardisation' | 'totals' | 'ranking' | 'proposal';

/**
 * Whether the snapshot's stored figures are what its raw data give, compared as canonical JSON
 * (to the last digit); the parts that differ, if any.
 */
export function verifySnapshot(snapshot: DecisionSnapshot): { ok: boolean; differing: SnapshotPart[] } {
  const again = recomputeFromSnapshot(snapshot);
  const pairs: [SnapshotPart, unknown, unknown][] = [
    ['stage_results', snapshot.result.stageResults, again.result.stageResults],
    ['standardisation', snapshot.result.standardisation, again.result.standardisation],
    ['totals', snapshot.result.totals, again.result.totals],
    ['ranking', snapshot.result.ranking, again.result.ranking],
    ['proposal', snapshot.proposal, again.proposal],
  ];
  const differing = pairs.filter(([, a, b]) => canonicalJson(a) !== canonicalJson(b)).map(([part]) => part);
  return { ok: differing.length === 0, differing };
}
