/**
 * The campaign page's charts (issue #7 §3): the status funnel, quota use per track × kind, applications per
 * directly-affiliated unit (sortable) and the year against earlier years, each with its table and CSV
 * export (components/ChartPanel), from GET /api/campaigns/:id/statistics.
 */
import { useMemo, useState } from 'react';
import { Col, Grid, Row, Segmented, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  quotaGauges,
  statusFunnel,
  unitBar,
  yearComparison,
  type UnitSort,
} from '../../../../shared/src/charts/campaign';
import { useCampaignStatistics } from '../../api/statistics';
import { ChartPanel } from '../../components/ChartPanel';

export function CampaignCharts({ id }: { id: string }) {
  const { t, i18n } = useTranslation('campaigns');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const phone = !Grid.useBreakpoint().md;
  const { data, isPending } = useCampaignStatistics(id);
  const [sort, setSort] = useState<UnitSort>('count');
  const specs = useMemo(
    () =>
      data && {
        funnel: statusFunnel(data.funnel, lang),
        quotas: quotaGauges(data.quotas, lang, 2),
        units: unitBar(data.byUnit, lang, sort),
        years: yearComparison(data.years, data.year, lang),
      },
    [data, lang, sort],
  );
  if (isPending) return <Skeleton active />;
  if (!data || !specs) return null;
  const quotaRows = Math.max(1, Math.ceil(data.quotas.length / 2));

  return (
    <Row gutter={[12, 12]} data-testid="campaign-charts">
      <Col xs={24} xl={12}>
        <ChartPanel spec={specs.funnel} height={300} tableBeside={false} />
      </Col>
      <Col xs={24} xl={12}>
        <ChartPanel
          spec={specs.quotas}
          height={170 * quotaRows}
          tableBeside={false}
          empty={data.quotas.length ? undefined : t('charts.noQuotas')}
        />
      </Col>
      <Col xs={24}>
        <ChartPanel
          spec={specs.units}
          height={Math.max(220, 26 * data.byUnit.length + 60)}
          extra={
            <Segmented<UnitSort>
              size="small"
              value={sort}
              onChange={setSort}
              data-testid="unit-sort"
              options={[
                { value: 'count', label: t('charts.sortCount') },
                { value: 'name', label: t('charts.sortName') },
              ]}
            />
          }
        />
      </Col>
      <Col xs={24}>
        <ChartPanel spec={specs.years} height={phone ? 240 : 280} />
      </Col>
    </Row>
  );
}
