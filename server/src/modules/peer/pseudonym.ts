/**
 * Pseudonyms of peer-group members (甲乙丙丁…): what the other members see instead of a name. The ten
 * heavenly stems, then with a round number (甲2 … 癸2, 甲3 …) for groups larger than ten.
 */
export const STEMS = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'] as const;

/** The pseudonym of the member at 0-based `position` in its group's drawn order. */
export function pseudonymAt(position: number): string {
  const stem = STEMS[position % STEMS.length]!;
  const round = Math.floor(position / STEMS.length);
  return round === 0 ? stem : `${stem}${round + 1}`;
}

/** The 0-based position a pseudonym stands for (the inverse of `pseudonymAt`; unknown text sorts last). */
export function pseudonymIndex(pseudonym: string): number {
  const stem = STEMS.indexOf(pseudonym[0] as (typeof STEMS)[number]);
  if (stem < 0) return Number.MAX_SAFE_INTEGER;
  const round = pseudonym.length > 1 ? Number(pseudonym.slice(1)) : 1;
  return Number.isInteger(round) && round >= 1 ? (round - 1) * STEMS.length + stem : Number.MAX_SAFE_INTEGER;
}
