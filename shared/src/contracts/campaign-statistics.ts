import { z } from 'zod';
import { FUNNEL_STEPS } from '../charts/campaign';
import { ORG_KINDS } from '../enums';

/**
 * A campaign's statistics for its charts (docs/CHARTS.md): the status funnel, applications per
 * directly-affiliated unit, quota use per track × kind and the campaign's year against earlier years.
 * A unit admin's numbers cover its own unit only.
 */
export const campaignStatistics = z.object({
  campaignId: z.uuid(),
  year: z.number().int(),
  scope: z.enum(['all', 'unit']),
  /** Applications that reached each step at least (by status, workflow stamps and history). */
  funnel: z.array(z.object({ step: z.enum(FUNNEL_STEPS), count: z.number().int() })),
  /** Every active directly-affiliated unit (the caller's own for a unit admin), in code order, zeros included. */
  byUnit: z.array(
    z.object({
      unitId: z.uuid(),
      unitName: z.string(),
      submitted: z.number().int(),
      accepted: z.number().int(),
    }),
  ),
  quotas: z.array(
    z.object({
      track: z.string(),
      trackName: z.string(),
      orgKind: z.enum(ORG_KINDS).nullable(),
      quota: z.number().int(),
      intake: z.number().int(),
      selected: z.number().int(),
      certified: z.number().int(),
    }),
  ),
  /** This campaign and up to four earlier ones sharing a track (not drafts), oldest first. */
  years: z.array(
    z.object({
      campaignId: z.uuid(),
      year: z.number().int(),
      name: z.string(),
      submitted: z.number().int(),
      accepted: z.number().int(),
      certified: z.number().int(),
    }),
  ),
});
export type CampaignStatistics = z.infer<typeof campaignStatistics>;

/** The campaign charts the server renders as SVG (`GET /api/campaigns/:id/charts/:name.svg`). */
export const CAMPAIGN_CHART_NAMES = [
  'status-funnel',
  'unit-applications',
  'quota-gauges',
  'year-comparison',
] as const;
export type CampaignChartName = (typeof CAMPAIGN_CHART_NAMES)[number];
export const campaignChartParams = z
  .object({
    id: z.uuid(),
    file: z.enum(CAMPAIGN_CHART_NAMES.map((n) => `${n}.svg` as const) as [`${CampaignChartName}.svg`]),
  })
  .strict();
/** The picture's size in pixels; each chart has a default that fits its data. */
export const chartSizeQuery = z
  .object({
    width: z.coerce.number().int().min(200).max(2400).optional(),
    height: z.coerce.number().int().min(150).max(2400).optional(),
  })
  .strict();
