/**
 * The demo applications' histories (pure): one chain of events per application (who did what when, from
 * which status to which, and why). `campaign-replay.ts` gives the ranks and the row each chain leaves.
 *
 * Every step that is a row of the transition table (submit, recommend, accept, return, withdraw) is taken
 * through it: `decide()` (roles, deadlines, the campaign's status at the time) gives the new status and
 * `applyEffects()` what the row is left with, exactly as the transition service writes it. A closed year's
 * chain stops at `accepted`: its evaluation and decision are then run by the real services
 * (`campaign-evaluation.ts`), which write the rest of the history.
 */
import {
  decide,
  noteOf,
  ruleFor,
  type ApplicationAction,
  type ApplicationStatus,
  type EffectInput,
  type TransitionInput,
} from '../../../shared/src/domain/application-workflow';
import type { Role } from '../../../shared/src/enums';
import type { Outcome } from './campaign-plan';
import { DAY, HOUR, pick, spread, type Times } from './campaign-time';
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
  /** What the step's request carried (recommend: its rank is given later by `assignRanks`). */
  input: EffectInput;
  /** The return or withdrawal reason, or the unit's opinion for `recommend` (the row's `noteOf`). */
  reason: string | null;
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

type CampaignAt = (at: number) => TransitionInput['campaign'];

/** When a closed year's committee ended the evaluation (the campaign moved to deciding). */
export const decidingAt = (reviewEndsAt: number) => reviewEndsAt - 7 * DAY;

/**
 * A closed year's campaign status at a time, as `decide()` sees it: open, reviewing from the review
 * start, deciding from the end of evaluation; the current year is open.
 */
export function campaignStatusAt(
  closed: boolean,
  at: number,
  t: { reviewStartsAt: number; reviewEndsAt: number },
): 'open' | 'reviewing' | 'deciding' {
  if (!closed || at < t.reviewStartsAt) return 'open';
  return at >= decidingAt(t.reviewEndsAt) ? 'deciding' : 'reviewing';
}

const campaignAt =
  (t: Times, closed: boolean): CampaignAt =>
  (at) => ({
    status: campaignStatusAt(closed, at, t),
    applicationOpensAt: new Date(t.applicationOpensAt),
    applicationClosesAt: new Date(t.applicationClosesAt),
    recommendationDeadline: new Date(t.recommendationDeadline),
  });

class Builder {
  events: Ev[] = [];
  edits: Chain['edits'] = [];
  private status: ApplicationStatus | null = null;
  constructor(
    private who: Who,
    private campaign: CampaignAt,
  ) {}
  /** A transition of the table, as the service takes it (the demo's applications are complete). */
  act(action: ApplicationAction, at: number, actor: Person, input: EffectInput = {}) {
    const from = this.status!;
    const d = decide({
      action,
      status: from,
      role: actor.role,
      now: new Date(at),
      campaign: this.campaign(at),
      reason: input.reason ?? null,
      gaps: [],
    });
    if (!d.ok) throw new Error(`demo history: ${action} from ${from} refused (${d.refusal})`);
    const reason = noteOf(ruleFor(action, from)!, input);
    this.events.push({ at, action, from, to: d.to, actor, input, reason });
    this.status = d.to;
  }
  /** A step outside the table (create): status only. */
  untabled(action: string, to: ApplicationStatus, at: number, actor: Person) {
    this.events.push({ at, action, from: this.status, to, actor, input: {}, reason: null });
    this.status = to;
  }
  /** The applicant's part: create, edits, optional return loop, then `tail` steps, at the times given. */
  draft(times: number[], edits: number, loop: string | null) {
    const w = this.who;
    let i = 0;
    this.untabled('create', 'draft', times[i++]!, w.creator);
    for (let e = 0; e < edits; e++) this.edits.push({ at: times[i++]!, by: w.applicant });
    if (loop) {
      this.act('submit', times[i++]!, w.applicant);
      this.act('return', times[i++]!, w.unit, { reason: loop });
      this.edits.push({ at: times[i++]!, by: w.applicant });
    }
    return times.slice(i);
  }
}

const pointsOf = (edits: number, loop: string | null) => 1 + edits + (loop ? 3 : 0);

/**
 * A closed year's application up to where the seed leaves it: withdrawn, or accepted (the evaluation of
 * `campaign-evaluation.ts` takes it on to the decision's `outcome`, certified meaning selected).
 */
export function closedChain(r: Prng, outcome: Outcome, t: Times, who: Who, x: Texts): Chain {
  const b = new Builder(who, campaignAt(t, true));
  const edits = r.int(1, 3);
  const loop = outcome !== 'withdrawn' && r.next() < 0.12 ? x.unitReturn : null;
  const window = [t.applicationOpensAt + DAY, t.applicationClosesAt - HOUR] as const;
  if (outcome === 'withdrawn') {
    const from = r.pick(['draft', 'submitted', 'recommended'] as const);
    const extra = from === 'draft' ? 1 : from === 'submitted' ? 2 : 1;
    const rest = b.draft(spread(r, ...window, pointsOf(edits, null) + extra), edits, null);
    const withdraw = { reason: x.withdraw };
    if (from === 'draft') b.act('withdraw', rest[0]!, who.applicant, withdraw);
    else b.act('submit', rest[0]!, who.applicant);
    if (from === 'submitted') b.act('withdraw', rest[1]!, who.applicant, withdraw);
    if (from === 'recommended') {
      const rec = pick(r, rest[0]! + 2 * HOUR, t.recommendationDeadline - 3 * DAY);
      b.act('recommend', rec, who.unit, { opinion: x.opinion });
      b.act('withdraw', pick(r, rec + DAY, t.recommendationDeadline), who.unit, withdraw);
    }
    return b;
  }
  const [submit] = b.draft(spread(r, ...window, pointsOf(edits, loop) + 1), edits, loop);
  b.act('submit', submit!, who.applicant);
  const rec = pick(r, submit! + 2 * HOUR, t.recommendationDeadline - HOUR);
  b.act('recommend', rec, who.unit, { opinion: x.opinion });
  b.act('accept', pick(r, t.recommendationDeadline + HOUR, t.reviewStartsAt - DAY), who.committee);
  return b;
}

/**
 * A current-year application now in `outcome`, every step between the opening and `limit` (the end of the
 * application window, so every step is one the rules allow then). `returnAfter` places the return at or
 * after that time (the demo applicant's return, three days before the window closed).
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
  const b = new Builder(who, campaignAt(t, false));
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
    if (from !== 'draft') b.act('submit', rest.shift()!, who.applicant);
    if (from === 'recommended') b.act('recommend', rest.shift()!, who.unit, { opinion: x.opinion });
    b.act('withdraw', rest.shift()!, from === 'recommended' ? who.unit : who.applicant, {
      reason: x.withdraw,
    });
    return b;
  }
  const n = pointsOf(edits, reason) + steps[outcome]!;
  const end = returnAfter ?? limit;
  const rest = b.draft(spread(r, start, end - (returnAfter ? HOUR : 0), n), edits, reason);
  if (returnAfter) rest[rest.length - 1] = pick(r, returnAfter, limit);
  if (outcome === 'draft') return b;
  b.act('submit', rest.shift()!, who.applicant);
  if (outcome === 'returned_by_unit') {
    b.act('return', rest.shift()!, who.unit, { reason: x.unitReturn });
    return b;
  }
  if (outcome === 'submitted') return b;
  b.act('recommend', rest.shift()!, who.unit, { opinion: x.opinion });
  if (outcome === 'returned_by_committee')
    b.act('return', rest.shift()!, who.committee, { reason: x.committeeReturn });
  if (outcome === 'accepted') b.act('accept', rest.shift()!, who.committee);
  return b;
}
