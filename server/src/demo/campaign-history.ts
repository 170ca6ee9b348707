/**
 * The demo applications' histories (pure): one chain of events per application
 * (who did what when, from which status to which, and why), the unit ranks given at each recommendation,
 * and the row the transition service would have left behind after replaying the chain (status, the
 * timestamps, opinion, rank, reason, version and who changed it last).
 *
 * Steps the application module has (create, submit, recommend, accept, return, withdraw) follow its rules
 * (`decide()`: roles, deadlines, the campaign's status at the time). The later steps of the closed years
 * (review → shortlist | not_select → propose → publicize → certify) are the committee's, at fixed dates
 * of the campaign's timeline.
 */
import type { ApplicationStatus } from '../../../shared/src/domain/application-workflow';
import type { Role } from '../../../shared/src/enums';
import type { Outcome } from './campaign-plan';
import { DAY, HOUR, MIN, pick, spread, type Times } from './campaign-time';
import type { Prng } from './prng';

export interface Person {
  id: string | null;
  name: string;
  role: Role;
}

export interface Ev {
  at: number;
  action: string;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  actor: Person;
  /** The return or withdrawal reason, or the unit's opinion for `recommend` (as the service records it). */
  reason: string | null;
  /** recommend only: the rank given. */
  rank?: number;
}

export interface Chain {
  events: Ev[];
  /** Content saves (narrative, self-assessment): they bump the version without a history row. */
  edits: { at: number; by: Person }[];
}

export interface Who {
  applicant: Person;
  unit: Person;
  committee: Person;
  /** Who created the draft (the unit, when it came from its cultivation pool). */
  creator: Person;
}

export interface Texts {
  opinion: string;
  unitReturn: string;
  committeeReturn: string;
  withdraw: string;
}

class Builder {
  events: Ev[] = [];
  edits: Chain['edits'] = [];
  private status: ApplicationStatus | null = null;
  constructor(private who: Who) {}
  step(action: string, to: ApplicationStatus, at: number, actor: Person, reason: string | null = null) {
    this.events.push({ at, action, from: this.status, to, actor, reason });
    this.status = to;
  }
  /** The applicant's part: create, edits, optional return loop, then `tail` steps, at the times given. */
  draft(times: number[], edits: number, loop: string | null) {
    const w = this.who;
    let i = 0;
    this.step('create', 'draft', times[i++]!, w.creator);
    for (let e = 0; e < edits; e++) this.edits.push({ at: times[i++]!, by: w.applicant });
    if (loop) {
      this.step('submit', 'submitted', times[i++]!, w.applicant);
      this.step('return', 'returned', times[i++]!, w.unit, loop);
      this.edits.push({ at: times[i++]!, by: w.applicant });
    }
    return times.slice(i);
  }
}

const pointsOf = (edits: number, loop: string | null) => 1 + edits + (loop ? 3 : 0);

/** A closed year's application ending in `outcome` (certified, not_selected or withdrawn). */
export function closedChain(r: Prng, outcome: Outcome, t: Times, who: Who, x: Texts): Chain {
  const b = new Builder(who);
  const edits = r.int(1, 3);
  const loop = outcome !== 'withdrawn' && r.next() < 0.12 ? x.unitReturn : null;
  const window = [t.applicationOpensAt + DAY, t.applicationClosesAt - HOUR] as const;
  if (outcome === 'withdrawn') {
    const from = r.pick(['draft', 'submitted', 'recommended'] as const);
    const extra = from === 'draft' ? 1 : from === 'submitted' ? 2 : 1;
    const rest = b.draft(spread(r, ...window, pointsOf(edits, null) + extra), edits, null);
    if (from === 'draft') b.step('withdraw', 'withdrawn', rest[0]!, who.applicant, x.withdraw);
    else b.step('submit', 'submitted', rest[0]!, who.applicant);
    if (from === 'submitted') b.step('withdraw', 'withdrawn', rest[1]!, who.applicant, x.withdraw);
    if (from === 'recommended') {
      const rec = pick(r, rest[0]! + 2 * HOUR, t.recommendationDeadline - 3 * DAY);
      b.step('recommend', 'recommended', rec, who.unit, x.opinion);
      b.step('withdraw', 'withdrawn', pick(r, rec + DAY, t.recommendationDeadline), who.unit, x.withdraw);
    }
    return b;
  }
  const [submit] = b.draft(spread(r, ...window, pointsOf(edits, loop) + 1), edits, loop);
  b.step('submit', 'submitted', submit!, who.applicant);
  const rec = pick(r, submit! + 2 * HOUR, t.recommendationDeadline - HOUR);
  b.step('recommend', 'recommended', rec, who.unit, x.opinion);
  b.step(
    'accept',
    'accepted',
    pick(r, t.recommendationDeadline + HOUR, t.reviewStartsAt - DAY),
    who.committee,
  );
  b.step('review', 'in_review', t.reviewStartsAt + 30 * MIN, who.committee);
  const decision = t.reviewEndsAt - 7 * DAY;
  if (outcome === 'not_selected') {
    b.step('not_select', 'not_selected', decision, who.committee);
    return b;
  }
  b.step('shortlist', 'shortlisted', decision, who.committee);
  b.step('propose', 'proposed', t.reviewEndsAt + 3 * DAY - 2 * HOUR, who.committee);
  b.step('publicize', 'in_publicity', t.publicityStartsAt + 30 * MIN, who.committee);
  b.step('certify', 'certified', t.publicityEndsAt + 2 * DAY, who.committee);
  return b;
}

/**
 * A current-year application now in `outcome`, every step between the opening and `limit` (just before
 * now). `returnAfter` places the return at or after that time (the demo applicant's fresh return).
 */
export function openChain(
  r: Prng,
  outcome: Outcome,
  t: Times,
  limit: number,
  who: Who,
  x: Texts,
  returnAfter: number | null = null,
): Chain {
  const b = new Builder(who);
  const start = t.applicationOpensAt + DAY;
  const edits = r.int(1, 3);
  const loop = ['submitted', 'recommended', 'accepted'].includes(outcome) && r.next() < 0.12;
  const reason = loop ? x.unitReturn : null;
  const steps: Record<string, number> = {
    draft: 0,
    submitted: 1,
    recommended: 2,
    accepted: 3,
    returned_by_unit: 2,
    returned_by_committee: 3,
  };
  if (outcome === 'withdrawn') {
    const from = r.pick(['draft', 'submitted', 'recommended'] as const);
    const n = pointsOf(edits, null) + { draft: 1, submitted: 2, recommended: 3 }[from];
    const rest = b.draft(spread(r, start, limit, n), edits, null);
    if (from !== 'draft') b.step('submit', 'submitted', rest.shift()!, who.applicant);
    if (from === 'recommended') b.step('recommend', 'recommended', rest.shift()!, who.unit, x.opinion);
    b.step(
      'withdraw',
      'withdrawn',
      rest.shift()!,
      from === 'recommended' ? who.unit : who.applicant,
      x.withdraw,
    );
    return b;
  }
  const n = pointsOf(edits, reason) + steps[outcome]!;
  const end = returnAfter ?? limit;
  const rest = b.draft(spread(r, start, end - (returnAfter ? HOUR : 0), n), edits, reason);
  if (returnAfter) rest[rest.length - 1] = pick(r, returnAfter, limit);
  if (outcome === 'draft') return b;
  b.step('submit', 'submitted', rest.shift()!, who.applicant);
  if (outcome === 'returned_by_unit') {
    b.step('return', 'returned', rest.shift()!, who.unit, x.unitReturn);
    return b;
  }
  if (outcome === 'submitted') return b;
  b.step('recommend', 'recommended', rest.shift()!, who.unit, x.opinion);
  if (outcome === 'returned_by_committee')
    b.step('return', 'returned', rest.shift()!, who.committee, x.committeeReturn);
  if (outcome === 'accepted') b.step('accept', 'accepted', rest.shift()!, who.committee);
  return b;
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
      e.rank = rank;
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
    row.status = e.to;
    const at = new Date(e.at);
    if (e.action === 'submit') Object.assign(row, { submittedAt: at, returnedReason: null });
    if (e.action === 'recommend')
      Object.assign(row, { recommendedAt: at, unitOpinion: e.reason, unitRank: e.rank ?? null });
    if (e.action === 'accept') row.acceptedAt = at;
    if (e.action === 'return') Object.assign(row, { returnedReason: e.reason, unitRank: null });
    if (e.action === 'withdraw') row.unitRank = null;
  }
  return row;
}
