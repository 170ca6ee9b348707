/**
 * Is an application complete enough to submit? (pure) Every criterion self-assessed with a valid score,
 * every criterion that asks for evidence has at least one file, and the narrative fields are filled.
 */
import { isValidScore } from './standards';

export interface CompletenessInput {
  fields: { brandName: string | null; summary: string | null };
  criteria: readonly { id: string; maxPoints: number; evidenceRequired: boolean }[];
  selfAssessment: ReadonlyMap<string, number | null>;
  evidenceCount: ReadonlyMap<string, number>;
}

export type Gap =
  | { kind: 'field'; field: 'brandName' | 'summary' }
  | { kind: 'self_assessment'; criterionId: string }
  | { kind: 'evidence'; criterionId: string };

export function completeness(input: CompletenessInput): Gap[] {
  const gaps: Gap[] = [];
  if (!input.fields.brandName?.trim()) gaps.push({ kind: 'field', field: 'brandName' });
  if (!input.fields.summary?.trim()) gaps.push({ kind: 'field', field: 'summary' });
  for (const c of input.criteria) {
    const s = input.selfAssessment.get(c.id);
    if (s === undefined || s === null || !isValidScore(s, c.maxPoints))
      gaps.push({ kind: 'self_assessment', criterionId: c.id });
    if (c.evidenceRequired && (input.evidenceCount.get(c.id) ?? 0) === 0)
      gaps.push({ kind: 'evidence', criterionId: c.id });
  }
  return gaps;
}
