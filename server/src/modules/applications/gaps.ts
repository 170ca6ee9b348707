/** Loads what `completeness()` needs for one application and returns its gaps with the criteria titles. */
import type { DbOrTx } from '../../db/client';
import { completeness, type Gap } from '../../../../shared/src/domain/completeness';
import * as repo from './repo';

export interface Completeness {
  gaps: Gap[];
  titles: Map<string, { zh: string; en: string }>;
  /** How many criteria ask for evidence (each is one required item). */
  evidenceRequired: number;
}

export async function loadCompleteness(db: DbOrTx, row: repo.ApplicationRow): Promise<Completeness> {
  const [criteria, assessed, evidence] = await Promise.all([
    repo.listCriteria(db, row.standardVersionId),
    repo.listSelfAssessments(db, row.id),
    repo.listEvidence(db, row.id),
  ]);
  return fromLoaded(row, criteria, assessed, evidence);
}

/** The gaps from rows already loaded (the detail page loads them anyway). */
export function fromLoaded(
  row: Pick<repo.ApplicationRow, 'brandName' | 'summary'>,
  criteria: { id: string; maxPoints: number; evidenceRequired: boolean; titleZh: string; titleEn: string }[],
  assessed: { criterionId: string; score: number | null }[],
  evidence: { criterionId: string | null }[],
): Completeness {
  const evidenceCount = new Map<string, number>();
  for (const e of evidence)
    if (e.criterionId) evidenceCount.set(e.criterionId, (evidenceCount.get(e.criterionId) ?? 0) + 1);
  const gaps = completeness({
    fields: { brandName: row.brandName, summary: row.summary },
    criteria,
    selfAssessment: new Map(assessed.map((s) => [s.criterionId, s.score])),
    evidenceCount,
  });
  return {
    gaps,
    titles: new Map(criteria.map((c) => [c.id, { zh: c.titleZh, en: c.titleEn }])),
    evidenceRequired: criteria.filter((c) => c.evidenceRequired).length,
  };
}
