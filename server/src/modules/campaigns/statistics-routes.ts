/** The campaign's statistics for its charts, and the charts as SVG for reports (docs/CHARTS.md). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import { z } from 'zod';
import {
  campaignChartParams,
  campaignStatistics,
  chartSizeQuery,
  type CampaignChartName,
} from '../../../../shared/src/contracts/campaign-statistics';
import { ctxOf } from '../../http/context';
import { campaignStatistics as statistics } from './statistics';
import { campaignChartSvg } from './statistics-charts';

const tags = ['campaigns'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/campaigns/:id/statistics',
    {
      config: { policy: 'campaigns.dashboard' },
      schema: {
        tags,
        summary: '创建活动统计图表数据 Campaign statistics for charts (funnel, units, quotas, years)',
        params: idParams,
        response: { 200: campaignStatistics, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => statistics(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/campaigns/:id/charts/:file',
    {
      config: { policy: 'campaigns.dashboard' },
      schema: {
        tags,
        summary:
          '创建活动统计图（SVG，供报告使用） A campaign chart as SVG for reports: status-funnel.svg, unit-applications.svg, quota-gauges.svg, year-comparison.svg',
        params: campaignChartParams,
        querystring: chartSizeQuery,
        produces: ['image/svg+xml'],
        response: { 200: z.any().describe('SVG'), 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      const name = req.params.file.replace(/\.svg$/, '') as CampaignChartName;
      const svg = await campaignChartSvg(db, ctxOf(req), req.params.id, name, req.query);
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(svg);
    },
  );
};

export default routes;
