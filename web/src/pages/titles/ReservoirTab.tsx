import { useMemo, useState } from 'react';
import { Card, Empty, Flex, Segmented, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReservoirReportView } from '../../../../shared/src/contracts/honours';
import { reservoirChart } from '../../../../shared/src/charts/honours';
import { useReservoir } from '../../api/honours';
import { ChartPanel } from '../../components/ChartPanel';
import { kindLabel } from '../../i18n/labels';

type Year = ReservoirReportView['years'][number];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** 蓄水池: per year the share of honours that went to demonstration units, by kind and by track. */
export function ReservoirTab() {
  const { t, i18n } = useTranslation('titles');
  const data = useReservoir().data;
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const spec = useMemo(() => reservoirChart(data?.years ?? [], lang), [data, lang]);
  const years = data?.years ?? [];
  const [picked, setPicked] = useState<number | null>(null);
  const year = years.find((y) => y.year === picked) ?? years[years.length - 1];
  if (data && years.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('honours.reservoir.empty')} />;
  return (
    <Flex vertical gap={16} data-testid="reservoir">
      <ChartPanel spec={spec} height={300} />
      <Typography.Text type="secondary">{t('honours.reservoir.help')}</Typography.Text>
      {year ? (
        <Card
          title={
            <Segmented
              value={year.year}
              onChange={(y) => setPicked(Number(y))}
              options={years.map((y) => ({ value: y.year, label: String(y.year) }))}
            />
          }
        >
          <YearTables year={year} />
        </Card>
      ) : null}
    </Flex>
  );
}

function YearTables({ year }: { year: Year }) {
  const { t } = useTranslation('titles');
  const n = (key: string, title: string) => ({
    title,
    dataIndex: key,
    key,
    width: 110,
    align: 'right' as const,
  });
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('honours.reservoir.byKind')}
      </Typography.Title>
      <Table<Year['byKind'][number]>
        size="small"
        rowKey="kindCode"
        pagination={false}
        dataSource={year.byKind}
        data-testid="reservoir-kinds"
        scroll={{ x: 460 }}
        columns={[
          { title: t('honours.reservoir.kind'), dataIndex: 'kindNameZh', key: 'kind', width: 160 },
          n('total', t('honours.reservoir.total')),
          n('fromPool', t('honours.reservoir.fromPool')),
          { ...n('share', t('honours.reservoir.share')), render: (v: number) => pct(v) },
        ]}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('honours.reservoir.byTrack')}
      </Typography.Title>
      <Table<Year['byTrack'][number]>
        size="small"
        rowKey={(r) => `${r.trackCode}-${r.orgKind}`}
        pagination={false}
        dataSource={year.byTrack}
        data-testid="reservoir-tracks"
        scroll={{ x: 420 }}
        columns={[
          { title: t('honours.reservoir.track'), dataIndex: 'trackNameZh', key: 'track', width: 200 },
          {
            title: t('honours.reservoir.orgKind'),
            dataIndex: 'orgKind',
            key: 'orgKind',
            render: (k: Year['byTrack'][number]['orgKind']) => kindLabel(t, k),
          },
          n('honours', t('honours.reservoir.honours')),
        ]}
      />
    </Flex>
  );
}
