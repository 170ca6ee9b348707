/**
 * A campaign's dashboard: applications per status, track, org kind (within each track) and unit, and per
 * quota line the selected applications against the quota with the intake beside it. The committee sees
 * every unit; a unit admin only its own unit's numbers.
 */
import type { Db } from '../../db/client';
import { scopeOf, type Ctx } from '../../core/context';
import type { CampaignDashboard } from '../../../../shared/src/contracts/campaigns';
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
} from '../../../../shared/src/domain/application-workflow';
import { ORG_KINDS } from '../../../../shared/src/enums';
import * as dashRepo from './dashboard-repo';
import * as repo from './repo';
import { visibleCampaign } from './service';

/** Statuses of applications that passed the committee's intake (形式审查). */
export const PAST_INTAKE: readonly ApplicationStatus[] = [
  'accepted',
  'in_review',
  'shortlisted',
  'not_selected',
  'proposed',
  'in_publicity',
  'certified',
];

/** Statuses of applications the committee selected: what a quota is for. */
export const SELECTED: readonly ApplicationStatus[] = ['proposed', 'in_publicity', 'certified'];

export async function dashboard(db: Db, ctx: Ctx, id: string): Promise<CampaignDashboard> {
  const scope = scopeOf(ctx.actor, 'campaigns.dashboard');
  const unitId = scope.kind === 'unit' ? scope.unitId : null;
  const campaign = await visibleCampaign(db, ctx, id);
  const groups = await dashRepo.countsByTrackKindStatus(db, campaign.id, unitId);
  const units = await dashRepo.countsByUnit(db, campaign.id, unitId);
  const tracks = await repo.loadTracks(db, campaign.id);
  const quotas = await repo.loadQuotas(db, campaign.id);

  const sum = (pred: (g: (typeof groups)[number]) => boolean) =>
    groups.filter(pred).reduce((acc, g) => acc + g.count, 0);
  const trackCodes = [
    ...tracks.map((t) => t.track),
    ...new Set(groups.map((g) => g.track).filter((t) => !tracks.some((x) => x.track === t))),
  ];
  const kindAt = (k: string | null) => (k === null ? -1 : ORG_KINDS.indexOf(k as (typeof ORG_KINDS)[number]));
  const byLine = (a: repo.QuotaRow, b: repo.QuotaRow) =>
    trackCodes.indexOf(a.track) - trackCodes.indexOf(b.track) || kindAt(a.orgKind) - kindAt(b.orgKind);
  return {
    campaignId: campaign.id,
    scope: unitId ? 'unit' : 'all',
    total: sum(() => true),
    byStatus: APPLICATION_STATUSES.map((status) => ({ status, count: sum((g) => g.status === status) })),
    byTrack: trackCodes.map((track) => ({ track, count: sum((g) => g.track === track) })),
    byOrgKind: ORG_KINDS.map((orgKind) => ({ orgKind, count: sum((g) => g.orgKind === orgKind) })).filter(
      (k) => k.count > 0,
    ),
    byTrackKind: trackCodes.flatMap((track) =>
      ORG_KINDS.map((orgKind) => ({
        track,
        orgKind,
        count: sum((g) => g.track === track && g.orgKind === orgKind),
      })).filter((k) => k.count > 0),
    ),
    byUnit: units,
    quotas: [...quotas].sort(byLine).map((q) => {
      const inLine = (g: (typeof groups)[number]) =>
        g.track === q.track && (q.orgKind === null || g.orgKind === q.orgKind);
      return {
        ...q,
        accepted: sum((g) => inLine(g) && PAST_INTAKE.includes(g.status)),
        selected: sum((g) => inLine(g) && SELECTED.includes(g.status)),
      };
    }),
  };
}
