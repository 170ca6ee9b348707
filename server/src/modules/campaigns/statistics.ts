/**
 * GET /api/campaigns/:id/statistics (docs/CHARTS.md): what the campaign page's charts draw — the status
 * funnel, applications per directly-affiliated unit, quota use per track × kind (selected and certified
 * against the quota, the intake beside it) and the campaign's year against earlier years. The committee
 * sees every unit; a unit admin its own unit's numbers.
 */
import type { Db } from '../../db/client';
import { scopeOf, type Ctx } from '../../core/context';
import type { CampaignStatistics } from '../../../../shared/src/contracts/campaign-statistics';
import { funnelCounts } from '../../../../shared/src/charts/campaign';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import { ORG_KINDS } from '../../../../shared/src/enums';
import { PAST_INTAKE, SELECTED } from './dashboard';
import * as dashRepo from './dashboard-repo';
import * as repo from './repo';
import * as statsRepo from './statistics-repo';
import { visibleCampaign } from './service';

export async function campaignStatistics(db: Db, ctx: Ctx, id: string): Promise<CampaignStatistics> {
  const scope = scopeOf(ctx.actor, 'campaigns.dashboard');
  const unitId = scope.kind === 'unit' ? scope.unitId : null;
  const campaign = await visibleCampaign(db, ctx, id);
  const [reach, units, years, groups, tracks, quotas] = [
    await statsRepo.countsByReach(db, campaign.id, unitId),
    await statsRepo.countsPerUnit(db, campaign.id, unitId),
    await statsRepo.countsPerYear(db, campaign.id, unitId),
    await dashRepo.countsByTrackKindStatus(db, campaign.id, unitId),
    await repo.loadTracks(db, campaign.id),
    await repo.loadQuotas(db, campaign.id),
  ];
  const count = (q: repo.QuotaRow, statuses: readonly ApplicationStatus[]) =>
    groups
      .filter(
        (g) =>
          g.track === q.track &&
          (q.orgKind === null || g.orgKind === q.orgKind) &&
          statuses.includes(g.status),
      )
      .reduce((n, g) => n + g.count, 0);
  const trackAt = (code: string) => tracks.findIndex((t) => t.track === code);
  const kindAt = (k: string | null) => (k === null ? -1 : ORG_KINDS.indexOf(k as (typeof ORG_KINDS)[number]));
  const track = (code: string) => tracks.find((t) => t.track === code);
  return {
    campaignId: campaign.id,
    year: campaign.year,
    scope: unitId ? 'unit' : 'all',
    funnel: funnelCounts(reach),
    byUnit: units,
    quotas: [...quotas]
      .sort((a, b) => trackAt(a.track) - trackAt(b.track) || kindAt(a.orgKind) - kindAt(b.orgKind))
      .map((q) => ({
        track: q.track,
        trackName: (ctx.lang === 'en' ? track(q.track)?.nameEn : track(q.track)?.nameZh) ?? q.track,
        orgKind: q.orgKind,
        quota: q.quota,
        intake: count(q, PAST_INTAKE),
        selected: count(q, SELECTED),
        certified: count(q, ['certified']),
      })),
    years,
  };
}
