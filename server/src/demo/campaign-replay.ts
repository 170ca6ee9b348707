/**
 * The demo applications' rows after their histories (pure): the unit ranks given at each recommendation,
 * then the row the transition service would have left behind after replaying the chain — each table step
 * through its row's `applyEffects()`, plus the version and who changed it last.
 */
import {
  APPLICATION_ACTIONS,
  applyEffects,
  ruleFor,
  type ApplicationAction,
  type ApplicationStatus,
  type TransitionRow,
} from '../../../shared/src/domain/application-workflow';
import type { Chain, Ev } from './campaign-history';

/** The table's row of a step, when it is one (not `create`, not an evaluation step). */
function tableRow(e: Ev): TransitionRow | undefined {
  const table = (APPLICATION_ACTIONS as readonly string[]).includes(e.action) && e.from !== null;
  return table ? ruleFor(e.action as ApplicationAction, e.from!) : undefined;
}

const HOLDS_RANK: ApplicationStatus[] = [
  'recommended',
  'accepted',
  'in_review',
  'shortlisted',
  'not_selected',
];

/**
 * Gives every recommendation the smallest rank free in its unit's list at that moment (a return or a
 * withdrawal frees it). `chains` are one unit's applications in one campaign and track. Returns the most
 * applications the unit held recommended at once: a cap at least that large was never exceeded.
 */
export function assignRanks(chains: Chain[]): number {
  const moves = chains
    .flatMap((c) => c.events)
    .filter((e) => e.action === 'recommend' || (e.from !== null && HOLDS_RANK.includes(e.from)))
    .sort((a, b) => a.at - b.at);
  const owner = new Map<Ev, Chain>();
  for (const c of chains) for (const e of c.events) owner.set(e, c);
  const current = new Map<Chain, number>();
  let most = 0;
  for (const e of moves) {
    const c = owner.get(e)!;
    if (e.action === 'recommend') {
      const taken = new Set(current.values());
      let rank = 1;
      while (taken.has(rank)) rank++;
      e.input.rank = rank;
      current.set(c, rank);
      most = Math.max(most, current.size);
    } else if (e.to === 'returned' || e.to === 'withdrawn') current.delete(c);
  }
  return most;
}

export interface Replayed {
  status: ApplicationStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  updatedBy: string | null;
  updatedByName: string;
  submittedAt: Date | null;
  recommendedAt: Date | null;
  acceptedAt: Date | null;
  unitOpinion: string | null;
  unitRank: number | null;
  returnedReason: string | null;
}

/** The row after every save and transition of the chain, as the services write them. */
export function replay(c: Chain): Replayed {
  const first = c.events[0]!;
  const row: Replayed = {
    status: 'draft',
    version: 1,
    createdAt: new Date(first.at),
    updatedAt: new Date(first.at),
    createdBy: first.actor.id,
    updatedBy: first.actor.id,
    updatedByName: first.actor.name,
    submittedAt: null,
    recommendedAt: null,
    acceptedAt: null,
    unitOpinion: null,
    unitRank: null,
    returnedReason: null,
  };
  const moves = [
    ...c.events.slice(1).map((e) => ({ at: e.at, by: e.actor, e })),
    ...c.edits.map((x) => ({ at: x.at, by: x.by, e: null })),
  ].sort((a, b) => a.at - b.at);
  for (const m of moves) {
    row.version++;
    row.updatedAt = new Date(m.at);
    row.updatedBy = m.by.id;
    row.updatedByName = m.by.name;
    const e = m.e;
    if (!e) continue;
    const rule = tableRow(e);
    // A table step writes what its row writes; an evaluation step (`evaluationSteps`) only its status.
    if (rule) Object.assign(row, applyEffects(rule, e.input, new Date(e.at)));
    else row.status = e.to;
  }
  return row;
}
