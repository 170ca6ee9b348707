/**
 * The demo campaigns and their settings (pure): two closed years and the current one, each copied from
 * the year before, with the tracks, the default standards per track × kind and the quotas of the plan.
 */
import type { campaignQuotas, campaigns, campaignStandards, campaignTracks } from '../db/schema';
import { CLOSED_YEARS, CURRENT_QUOTAS, LINES, trackOf, type Line } from './campaign-plan';
import { closedTimes, openTimes, type Times } from './campaign-time';
import type { Prng } from './prng';

export interface StandardInput {
  versionId: string;
  criteria: { id: string; maxPoints: number; bonus: boolean; evidenceRequired: boolean; titleZh: string }[];
}
export type StandardsInput = Record<'committee' | 'branch' | 'venue', StandardInput>;

/** Committees and general branches share the committee standard (as migration 0003 sets them). */
export const STANDARD_OF: Record<Line, keyof StandardsInput> = {
  party_committee: 'committee',
  general_branch: 'committee',
  branch: 'branch',
  venue: 'venue',
};

export type CampaignRow = typeof campaigns.$inferInsert & { id: string; name: string };

export interface CampaignSettings {
  tracks: (typeof campaignTracks.$inferInsert)[];
  standards: (typeof campaignStandards.$inferInsert)[];
  quotas: (typeof campaignQuotas.$inferInsert)[];
}

/** Two years ago, last year (closed) and this year (open), oldest first. */
export function campaignRows(now: number, year: number, r: Prng): { times: Times; row: CampaignRow }[] {
  const out: { times: Times; row: CampaignRow }[] = [];
  for (const yearsAgo of [2, 1, 0]) {
    const y = year - yearsAgo;
    const t = yearsAgo ? closedTimes(y) : openTimes(now);
    const date = (k: keyof Times) => new Date(t[k]!);
    out.push({
      times: t,
      row: {
        id: r.uuid(),
        year: y,
        name: `${y}年度“双示范”创建`,
        // A closed year is open here: `campaign-evaluation.ts` takes it through review to closed.
        status: 'open',
        applicationOpensAt: date('applicationOpensAt'),
        applicationClosesAt: date('applicationClosesAt'),
        recommendationDeadline: date('recommendationDeadline'),
        reviewStartsAt: date('reviewStartsAt'),
        reviewEndsAt: date('reviewEndsAt'),
        publicityStartsAt: date('publicityStartsAt'),
        publicityEndsAt: date('publicityEndsAt'),
        copiedFromId: out.at(-1)?.row.id ?? null,
        openedAt: date('applicationOpensAt'),
        // Created and opened.
        version: 2,
        createdAt: date('createdAt'),
        updatedAt: date('applicationOpensAt'),
      },
    });
  }
  return out;
}

export function campaignSettings(camps: { row: CampaignRow }[], std: StandardsInput): CampaignSettings {
  const out: CampaignSettings = { tracks: [], standards: [], quotas: [] };
  camps.forEach(({ row }, i) => {
    const campaignId = row.id;
    out.tracks.push(
      { campaignId, trackCode: 'site', eligibleKinds: ['party_committee', 'general_branch', 'branch'] },
      { campaignId, trackCode: 'venue', eligibleKinds: [] },
    );
    for (const line of LINES) {
      const orgKind = line === 'venue' ? null : line;
      const trackCode = trackOf(line);
      const standardVersionId = std[STANDARD_OF[line]].versionId;
      out.standards.push({ campaignId, trackCode, orgKind, standardVersionId });
      const quota = i < 2 ? CLOSED_YEARS[i]![line].certified : CURRENT_QUOTAS[line];
      out.quotas.push({ campaignId, trackCode, orgKind, quota });
    }
  });
  return out;
}
