/** The decision as the API shows it: lines grouped by track × kind with quota and counts. */
import type { DbOrTx } from '../../db/client';
import type { DecisionDetail } from '../../../../shared/src/contracts/decisions';
import type { OrgKind } from '../../../../shared/src/enums';
import { compareIds } from '../../../../shared/src/domain/evaluation';
import { wholeTracks, type QuotaRow } from './checks';
import * as repo from './repo';

type Group = DecisionDetail['groups'][number];

export function lineTitle(l: repo.LineWithNames): string {
  return l.brandName?.trim() || l.venueName || l.organizationName;
}

export function groupLines(rows: readonly repo.LineWithNames[], quotas: readonly QuotaRow[]): Group[] {
  const whole = wholeTracks(quotas);
  const groups = new Map<string, Group>();
  const groupOf = (track: string, orgKind: OrgKind | null, quota: number) => {
    const key = JSON.stringify([track, orgKind ?? '']);
    let g = groups.get(key);
    if (!g) {
      g = { track, orgKind, quota, proposedCount: 0, selectedCount: 0, lines: [] };
      groups.set(key, g);
    }
    return g;
  };
  for (const q of quotas) groupOf(q.track, q.orgKind as OrgKind | null, q.quota);
  for (const r of rows) {
    const l = r.line;
    const g = groupOf(l.trackCode, whole.has(l.trackCode) ? null : l.orgKind, 0);
    g.lines.push({
      applicationId: l.applicationId,
      title: lineTitle(r),
      organizationName: r.organizationName,
      unitName: r.unitName ?? '',
      orgKind: l.orgKind,
      rank: l.rank,
      finalScore: l.finalScore,
      proposed: l.proposed,
      proposalReason: l.proposalReason,
      selected: l.selected,
      votes:
        l.votesFor === null && l.votesAgainst === null && l.votesAbstain === null
          ? null
          : { for: l.votesFor ?? 0, against: l.votesAgainst ?? 0, abstain: l.votesAbstain ?? 0 },
      reason: l.reason,
    });
    if (l.proposed) g.proposedCount++;
    if (l.selected) g.selectedCount++;
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([, g]) => ({ ...g, lines: g.lines.sort((a, b) => a.rank - b.rank) }));
}

export async function detailOf(db: DbOrTx, d: repo.DecisionRow): Promise<DecisionDetail> {
  const [rows, quotas] = await Promise.all([repo.linesWithNames(db, d.id), repo.quotas(db, d.campaignId)]);
  return {
    id: d.id,
    campaignId: d.campaignId,
    status: d.status,
    basis: 'raw',
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    confirmedAt: d.confirmedAt?.toISOString() ?? null,
    confirmedByName: d.confirmedByName,
    snapshotDigest: d.snapshotDigest,
    releasedAt: d.releasedAt?.toISOString() ?? null,
    groups: groupLines(rows, quotas),
  };
}
