/**
 * Server-side rendering of the product's charts to SVG (docs/CHARTS.md), for reports: the same option the
 * web draws (shared/src/charts), through ECharts' SSR (`init(null, null, { renderer: 'svg', ssr: true })`
 * then `renderToSVGString()`), with only the charts and components the builders use.
 */
import { BarChart, FunnelChart, GaugeChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartLang, ChartSpec } from '../../../shared/src/charts/spec';

use([BarChart, FunnelChart, GaugeChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

export interface ChartSize {
  width: number;
  height: number;
}

/** The chart as a standalone SVG document (no tooltip, no animation), labels in the spec's language. */
export function renderChartSvg(spec: ChartSpec, size: ChartSize, lang: ChartLang = 'zh-CN'): string {
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
