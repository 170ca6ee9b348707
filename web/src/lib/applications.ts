/**
 * Pure helpers of the applicant's pages: the evidence pre-check (mirrors the server's table in
 * `contracts/evidence.ts`; the server still decides by content), the version-conflict text, the rank
 * reordering and small formatting.
 */
import { EVIDENCE_LIMITS, EVIDENCE_TYPES, type EvidenceKind } from '../../../shared/src/contracts/evidence';
import type { GapItem } from '../../../shared/src/contracts/applications';

export type FileProblem = 'type' | 'size' | 'empty';

/** The kind a file name's extension claims, or null when it is not an accepted type. */
export function evidenceKindOf(name: string): EvidenceKind | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  if (!ext) return null;
  for (const [kind, t] of Object.entries(EVIDENCE_TYPES))
    if ((t.extensions as readonly string[]).includes(ext)) return kind as EvidenceKind;
  return null;
}

/** Why a file may not be uploaded (checked before sending it), or null when it may. */
export function checkEvidenceFile(file: { name: string; size: number }): FileProblem | null {
  if (!evidenceKindOf(file.name)) return 'type';
  if (file.size <= 0) return 'empty';
  if (file.size > EVIDENCE_LIMITS.fileBytes) return 'size';
  return null;
}

/** The icon family of a stored file and the one size format (shared with the PDF and Excel files). */
export { fileFamily, formatFileSize as formatBytes } from '../../../shared/src/contracts/evidence';

export interface ConflictInfo {
  /** Who saved the newer version ('' when the server does not say). */
  name: string;
  /** When, as the caller formats it ('' when unknown). */
  at: string;
}

/** Reads `updatedByName` / `updatedAt` of a 409 VERSION_CONFLICT answer's extra members. */
export function conflictInfo(
  extra: Record<string, unknown>,
  formatTime: (iso: string) => string,
): ConflictInfo {
  const name = typeof extra.updatedByName === 'string' ? extra.updatedByName.trim() : '';
  const at = typeof extra.updatedAt === 'string' && extra.updatedAt ? formatTime(extra.updatedAt) : '';
  return { name, at };
}

/** The catalogue key of the conflict sentence that fits what is known. */
export function conflictKey(info: ConflictInfo): 'conflictByAt' | 'conflictAt' | 'conflictUnknown' {
  if (info.name && info.at) return 'conflictByAt';
  if (info.at) return 'conflictAt';
  return 'conflictUnknown';
}

/** Moves the element at `from` to index `to` (a new array; out-of-range moves return a copy). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length || to < 0 || to >= out.length || from === to) return out;
  const [it] = out.splice(from, 1);
  out.splice(to, 0, it as T);
  return out;
}

/** Moves the element with `id` one place up (-1) or down (+1). */
export function moveById<T extends { id: string }>(list: readonly T[], id: string, delta: -1 | 1): T[] {
  const i = list.findIndex((x) => x.id === id);
  return i < 0 ? [...list] : moveItem(list, i, i + delta);
}

/** True when two orders hold the same ids in the same places. */
export function sameOrder(a: readonly { id: string }[], b: readonly { id: string }[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i]?.id);
}

/** The DOM id of a criterion card or narrative field, so a gap can link to it. */
export function gapAnchor(gap: Pick<GapItem, 'criterionId' | 'field'>): string | null {
  if (gap.criterionId) return `criterion-${gap.criterionId}`;
  if (gap.field) return `field-${gap.field}`;
  return null;
}

/** Self-assessment scores go in steps of 0.5 from 0 to the criterion's maximum. */
export function isValidSelfScore(score: number, max: number): boolean {
  return Number.isFinite(score) && score >= 0 && score <= max && Number.isInteger(score * 2);
}

export type AutosaveStatus = 'invalid' | 'saving' | 'saved' | 'idle';

/**
 * What the autosave line says. A self-score that breaks its rule is not saved, so while one is on the
 * page the line says so — never 已自动保存 over a score that was left out.
 */
export function autosaveStatus(s: {
  saving: boolean;
  savedAt: string | null;
  invalidScores: readonly string[];
}): AutosaveStatus {
  if (s.invalidScores.length) return 'invalid';
  if (s.saving) return 'saving';
  return s.savedAt ? 'saved' : 'idle';
}

/** Whether a due date (YYYY-MM-DD) has passed on `today` (YYYY-MM-DD) for an unfinished milestone. */
export function isLate(dueOn: string | null, done: boolean, today: string): boolean {
  return !done && !!dueOn && dueOn < today;
}
