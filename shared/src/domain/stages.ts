/**
 * Evaluation stages (评审环节, DESIGN §4): the vocabulary of a stage's settings, its state machine and the
 * one-click templates. A stage is data: its flags drive what reviewers see and may do (docs/EVALUATION.md).
 */
export const STAGE_METHODS = ['criteria_scoring', 'presentation', 'peer', 'gate'] as const;
export type StageMethod = (typeof STAGE_METHODS)[number];

export const STAGE_STATUSES = ['draft', 'open', 'closed'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** Who enters a stage when it opens (per track × kind for the top rules; ties at the line all enter). */
export const ENTRY_RULES = ['all_accepted', 'passed_previous', 'top_n', 'top_share'] as const;
export type EntryRule = (typeof ENTRY_RULES)[number];

export const AGGREGATIONS = ['trimmed_mean', 'mean', 'median'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** `standard`: the criteria of the application's standard version; `overall`: one score 0–100. */
export const RUBRICS = ['standard', 'overall'] as const;
export type Rubric = (typeof RUBRICS)[number];

/** When a reviewer may see the other reviews of the same application. */
export const SEE_OTHERS = ['never', 'after_own', 'always'] as const;
export type SeeOthers = (typeof SEE_OTHERS)[number];

export const PEER_MODES = ['rank', 'score'] as const;
export type PeerMode = (typeof PEER_MODES)[number];

/** Gate stages: a veto item fails when at least half the counted reviews fail it, or when any one does. */
export const VETO_RULES = ['majority', 'any'] as const;
export type VetoRule = (typeof VETO_RULES)[number];

export const REVIEW_STATUSES = ['pending', 'draft', 'locked'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Where a conflict of interest comes from: the tree (derived) or a declaration. */
export const CONFLICT_SOURCES = ['same_unit', 'superior', 'subordinate', 'declared'] as const;
export type ConflictSource = (typeof CONFLICT_SOURCES)[number];

/** Every random step of an evaluation is a recorded, re-runnable draw. */
export const DRAW_KINDS = ['panel', 'assignment', 'peer_groups', 'presentation_order'] as const;
export type DrawKind = (typeof DRAW_KINDS)[number];

export const SESSION_STATUSES = ['planned', 'running', 'finished'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const DECISION_STATUSES = ['draft', 'confirmed'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** Why a decision line is (not) proposed: see `propose` in domain/evaluation. */
export const PROPOSAL_REASONS = ['within_quota', 'tied_at_line', 'below_quota_line', 'failed_gate'] as const;
export type ProposalReason = (typeof PROPOSAL_REASONS)[number];

export interface StageTemplateStep {
  nameZh: string;
  nameEn: string;
  method: StageMethod;
  rubric: Rubric;
  weight: number;
  entry: EntryRule;
  minReviews: number;
  peerMode?: PeerMode;
}

/**
 * The seed's sequence (实地考察、集体评审、互比互评、现场考核相结合 … 增加现场讲述): one click. Weights sum to 1.
 * `gate` puts a qualification check (资格审查, veto items, weight 0) in front.
 */
export const STAGE_TEMPLATES = {
  seed: [
    {
      nameZh: '实地考察',
      nameEn: 'On-site inspection',
      method: 'criteria_scoring',
      rubric: 'standard',
      weight: 0.3,
      entry: 'all_accepted',
      minReviews: 3,
    },
    {
      nameZh: '集体评审',
      nameEn: 'Panel review',
      method: 'criteria_scoring',
      rubric: 'standard',
      weight: 0.3,
      entry: 'passed_previous',
      minReviews: 5,
    },
    {
      nameZh: '互比互评',
      nameEn: 'Peer mutual evaluation',
      method: 'peer',
      rubric: 'overall',
      weight: 0.1,
      entry: 'passed_previous',
      minReviews: 2,
      peerMode: 'rank',
    },
    {
      nameZh: '现场考核',
      nameEn: 'On-site assessment',
      method: 'criteria_scoring',
      rubric: 'standard',
      weight: 0.2,
      entry: 'passed_previous',
      minReviews: 3,
    },
    {
      nameZh: '现场讲述',
      nameEn: 'Live presentation',
      method: 'presentation',
      rubric: 'overall',
      weight: 0.1,
      entry: 'passed_previous',
      minReviews: 5,
    },
  ],
  gate: [
    {
      nameZh: '资格审查',
      nameEn: 'Qualification check',
      method: 'gate',
      rubric: 'standard',
      weight: 0,
      entry: 'all_accepted',
      minReviews: 3,
    },
  ],
} as const satisfies Record<string, readonly StageTemplateStep[]>;
export type StageTemplate = keyof typeof STAGE_TEMPLATES;
export const STAGE_TEMPLATE_NAMES = Object.keys(STAGE_TEMPLATES) as StageTemplate[];
