/**
 * The campaign page's charts as SVG for reports (docs/CHARTS.md): the same builders as the web
 * (shared/src/charts/campaign.ts) on the same statistics, rendered by core/chart-svg.ts.
 */
import type { Db } from '../../db/client';
import type { Ctx } from '../../core/context';
import { renderChartSvg } from '../../core/chart-svg';
import type { CampaignChartName } from '../../../../shared/src/contracts/campaign-statistics';
import { quotaGauges, statusFunnel, unitBar, yearComparison } from '../../../../shared/src/charts/campaign';
import type { ChartSpec } from '../../../../shared/src/charts/spec';
import { campaignStatistics } from './statistics';

const QUOTA_COLUMNS = 4;

export async function campaignChartSvg(
  db: Db,
  ctx: Ctx,
  id: string,
  name: CampaignChartName,
  size: { width?: number; height?: number },
): Promise<string> {
  const s = await campaignStatistics(db, ctx, id);
  const lang = ctx.lang;
  const charts: Record<CampaignChartName, () => { spec: ChartSpec; height: number }> = {
    'status-funnel': () => ({ spec: statusFunnel(s.funnel, lang), height: 400 }),
    'unit-applications': () => ({
      spec: unitBar(s.byUnit, lang),
      height: Math.max(300, 26 * s.byUnit.length + 60),
    }),
    'quota-gauges': () => ({
      spec: quotaGauges(s.quotas, lang, QUOTA_COLUMNS),
      height: 220 * Math.max(1, Math.ceil(s.quotas.length / QUOTA_COLUMNS)),
    }),
    'year-comparison': () => ({ spec: yearComparison(s.years, s.year, lang), height: 360 }),
  };
  const chart = charts[name]();
  return renderChartSvg(chart.spec, { width: size.width ?? 800, height: size.height ?? chart.height }, lang);
}
