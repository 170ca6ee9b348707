/**
 * Server-side rendering of the product's charts to SVG (docs/CHARTS.md), for reports: the same option the
 * web draws (shared/src/charts), through ECharts' SSR (`init(null, null, { renderer: 'svg', ssr: true })`
 * then `renderToSVGString()`), with only the charts and components the builders use.
 *
 * ECharts is loaded on the first chart, not with the server: it is the heaviest module the server has
 * (~0.9 s to import on this machine, more than the rest of the app), and most processes — every start,
 * every CLI command, every API test file — draw no chart.
 */
import type * as EChartsCore from 'echarts/core';
import type { ChartLang, ChartSpec } from '../../../shared/src/charts/spec';

let loaded: Promise<typeof EChartsCore> | undefined;

function echarts(): Promise<typeof EChartsCore> {
  loaded ??= (async () => {
    const [charts, components, core, renderers] = await Promise.all([
      import('echarts/charts'),
      import('echarts/components'),
      import('echarts/core'),
      import('echarts/renderers'),
    ]);
    core.use([
      charts.BarChart,
      charts.FunnelChart,
      charts.GaugeChart,
      components.GridComponent,
      components.LegendComponent,
      components.MarkLineComponent,
      renderers.SVGRenderer,
    ]);
    return core;
  })();
  return loaded;
}

export interface ChartSize {
  width: number;
  height: number;
}

/** The chart as a standalone SVG document (no tooltip, no animation), labels in the spec's language. */
export async function renderChartSvg(
  spec: ChartSpec,
  size: ChartSize,
  lang: ChartLang = 'zh-CN',
): Promise<string> {
  const { init } = await echarts();
  const chart = init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
    locale: lang === 'en' ? 'EN' : 'ZH',
  });
  try {
    // The tooltip is for pointers: a picture has none (and the component is not registered here).
    const { tooltip: _pointerOnly, ...option } = spec.option;
    chart.setOption({ ...option, animation: false, backgroundColor: '#ffffff' });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
