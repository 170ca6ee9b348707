import type { PeerSheet } from '../../../shared/src/contracts/peer';

/**
 * The rater's sheet as it edits it: rank mode keeps an order of every target (its saved ranking first,
 * then the members it has not placed yet, in pseudonym order); score mode keeps a score or null per target.
 */
export interface PeerDraft {
  order: string[];
  scores: Record<string, number | null>;
  /** Rank mode: whether the rater has placed the members (a new sheet's starting order is not a ranking). */
  ranked: boolean;
}

export function peerDraftOf(sheet: PeerSheet): PeerDraft {
  const targets = sheet.targets.map((t) => t.pseudonym);
  const placed = sheet.ranking.filter((p) => targets.includes(p));
  return {
    order: [...placed, ...targets.filter((p) => !placed.includes(p))],
    scores: Object.fromEntries(targets.map((p) => [p, sheet.scores[p] ?? null])),
    ranked: placed.length > 0,
  };
}

/** The order with the item at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const [item] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(to, out.length)), 0, item!);
  return out;
}

/** A peer score: 0..100 in steps of 0.5 (the server checks the same). */
export const isValidPeerScore = (v: number) =>
  Number.isFinite(v) && v >= 0 && v <= 100 && Number.isInteger(v * 2);

/** The save body of a draft: the full order (rank) or the valid scores typed so far (score). */
export function peerBody(sheet: PeerSheet, d: PeerDraft, version: number) {
  if (sheet.mode === 'rank') return { version, ranking: d.order };
  const scores: Record<string, number> = {};
  for (const [p, v] of Object.entries(d.scores)) if (v !== null && isValidPeerScore(v)) scores[p] = v;
  return { version, scores };
}

/** How many targets still lack a valid score (score mode); an order always places every target. */
export function peerMissing(sheet: PeerSheet, d: PeerDraft): number {
  if (sheet.mode === 'rank') return 0;
  return sheet.targets.filter((t) => {
    const v = d.scores[t.pseudonym];
    return v === null || v === undefined || !isValidPeerScore(v);
  }).length;
}

/** An API error's pseudonyms (`乙：不能给自己评分`) replaced by the organisations' names. */
export function withNames(text: string, sheet: PeerSheet): string {
  let out = text;
  for (const t of [...sheet.targets].sort((a, b) => b.pseudonym.length - a.pseudonym.length))
    out = out
      .split(`${t.pseudonym}：`)
      .join(`${t.organizationName}：`)
      .split(`${t.pseudonym}: `)
      .join(`${t.organizationName}: `);
  return out;
}
