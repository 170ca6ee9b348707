/** The standard editor's form values and their conversion from a detail and to the API's bodies (pure). */
import type {
  CreateStandard,
  StandardDetail,
  UpdateStandard,
} from '../../../../shared/src/contracts/standards';

export interface CriterionRow {
  titleZh: string;
  titleEn: string;
  description?: string | null;
  maxPoints: number | null;
  evidence?: string | null;
  evidenceRequired: boolean;
  methods: string[];
  veto: boolean;
  bonus: boolean;
}

export interface StandardFormValues {
  code: string;
  track: string | undefined;
  orgKinds: CreateStandard['orgKinds'];
  nameZh: string;
  nameEn: string;
  totalPoints: number;
  bonusCap: number;
  note?: string | null;
  criteria: CriterionRow[];
}

export const emptyCriterion = (): CriterionRow => ({
  titleZh: '',
  titleEn: '',
  description: null,
  maxPoints: null,
  evidence: null,
  evidenceRequired: false,
  methods: [],
  veto: false,
  bonus: false,
});

export function emptyStandard(track?: string): StandardFormValues {
  return {
    code: '',
    track,
    orgKinds: [],
    nameZh: '',
    nameEn: '',
    totalPoints: 100,
    bonusCap: 10,
    note: null,
    criteria: [emptyCriterion()],
  };
}

/** The editor's starting values: the standard's latest content, criteria in their order. */
export function fromDetail(d: StandardDetail): StandardFormValues {
  return {
    code: d.code,
    track: d.track,
    orgKinds: d.orgKinds.filter((k) => k !== 'working_committee') as CreateStandard['orgKinds'],
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    totalPoints: d.version.totalPoints,
    bonusCap: d.version.bonusCap,
    note: null,
    criteria: [...d.version.criteria]
      .sort((a, b) => a.position - b.position)
      .map((c) => ({
        titleZh: c.titleZh,
        titleEn: c.titleEn,
        description: c.description,
        maxPoints: c.maxPoints,
        evidence: c.evidence,
        evidenceRequired: c.evidenceRequired,
        methods: [...c.methods],
        veto: c.veto,
        bonus: c.bonus,
      })),
  };
}

const blankToNull = (s: string | null | undefined): string | null => {
  const v = (s ?? '').trim();
  return v === '' ? null : v;
};

function content(v: StandardFormValues): Omit<UpdateStandard, 'latestVersion'> {
  return {
    orgKinds: v.orgKinds ?? [],
    nameZh: v.nameZh.trim(),
    nameEn: v.nameEn.trim(),
    totalPoints: v.totalPoints,
    bonusCap: v.bonusCap,
    note: blankToNull(v.note),
    criteria: (v.criteria ?? []).map((c) => ({
      titleZh: (c.titleZh ?? '').trim(),
      titleEn: (c.titleEn ?? '').trim(),
      description: blankToNull(c.description),
      maxPoints: Number(c.maxPoints ?? 0),
      evidence: blankToNull(c.evidence),
      evidenceRequired: !!c.evidenceRequired,
      methods: c.methods ?? [],
      veto: !!c.veto,
      bonus: !!c.bonus,
    })),
  };
}

export const toCreateBody = (v: StandardFormValues): CreateStandard => ({
  code: v.code.trim(),
  track: v.track ?? '',
  ...content(v),
});

export const toUpdateBody = (v: StandardFormValues, latestVersion: number): UpdateStandard => ({
  latestVersion,
  ...content(v),
});
