/**
 * One ECharts chart (docs/CHARTS.md): tree-shaken `echarts/core` with only the charts and components the
 * product's builders use (shared/src/charts), drawn on a canvas in the page's language, resized with its
 * box (ResizeObserver) and disposed on unmount. The option comes from a pure builder, so the server can
 * render the same chart to SVG. Screen readers get the spec's sentence; the numbers are in ChartPanel's table.
 */
import { useEffect, useRef } from 'react';
import { BarChart, FunnelChart, GaugeChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerECharts, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { ChartSpec } from '../../../shared/src/charts/spec';

registerECharts([
  BarChart,
  FunnelChart,
  GaugeChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export function EChart({ spec, height = 300 }: { spec: ChartSpec; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'EN' : 'ZH';

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = init(el, null, { renderer: 'canvas', locale });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.current = null;
      c.dispose();
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption(spec.option, { notMerge: true });
  }, [spec.option, locale]);

  return (
    <div role="img" aria-label={spec.ariaLabel} data-testid={`chart-${spec.name}`}>
      <div ref={box} style={{ width: '100%', height }} aria-hidden />
    </div>
  );
}
