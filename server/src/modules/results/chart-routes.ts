/** A stage's statistics charts as SVG for reports (docs/CHARTS.md): the web's builders, ECharts SSR. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../../../shared/src/contracts/common';
import { chartSizeQuery } from '../../../../shared/src/contracts/campaign-statistics';
import { stageChartParams } from '../../../../shared/src/contracts/results';
import { leniencyBar, scoreHistogram } from '../../../../shared/src/charts/evaluation';
import { renderChartSvg } from '../../core/chart-svg';
import { ctxOf } from '../../http/context';
import { statistics } from './service';

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  app.get(
    '/api/stages/:id/charts/:file',
    {
      config: { policy: 'evaluation.manage' },
      schema: {
        tags: ['results'],
        summary:
          '评审环节统计图（SVG，供报告使用） A stage chart as SVG for reports: score-distribution.svg, reviewer-leniency.svg',
        params: stageChartParams,
        querystring: chartSizeQuery,
        produces: ['image/svg+xml'],
        response: { 200: z.any().describe('SVG'), 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const s = await statistics(db, ctx, req.params.id);
      const leniency = req.params.file === 'reviewer-leniency.svg';
      const spec = leniency ? leniencyBar(s.leniency, ctx.lang) : scoreHistogram(s.distribution, ctx.lang);
      const height = leniency ? Math.max(240, 32 * s.leniency.length + 60) : 360;
      const svg = await renderChartSvg(
        spec,
        { width: req.query.width ?? 800, height: req.query.height ?? height },
        ctx.lang,
      );
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(svg);
    },
  );
};

export default routes;
