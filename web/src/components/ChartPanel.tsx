/**
 * A chart with its numbers beside it (docs/CHARTS.md): the EChart, a table of the same figures (below on a
 * phone, folded), and a CSV export that Excel opens. Extra controls (a sort switch) go in `extra`.
 */
import type { ReactNode } from 'react';
import { Button, Card, Col, Collapse, Empty, Flex, Grid, Row, Table, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  chartTableCsv,
  type ChartCell,
  type ChartSpec,
  type ChartTable,
} from '../../../shared/src/charts/spec';
import { EChart } from './EChart';

function saveCsv(table: ChartTable, name: string): void {
  const url = URL.createObjectURL(new Blob([chartTableCsv(table)], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Row = Record<string, ChartCell>;

export function ChartTableView({ spec }: { spec: ChartSpec }) {
  return (
    <Table<Row>
      size="small"
      rowKey={(_, i) => String(i)}
      dataSource={spec.table.rows}
      pagination={
        spec.table.rows.length > 12 ? { pageSize: 12, size: 'small', showSizeChanger: false } : false
      }
      data-testid={`chart-table-${spec.name}`}
      columns={spec.table.columns.map((c) => ({
        key: c.key,
        dataIndex: c.key,
        title: c.title,
        align: c.numeric ? ('right' as const) : undefined,
        sorter: c.numeric ? (a: Row, b: Row) => Number(a[c.key]) - Number(b[c.key]) : undefined,
      }))}
    />
  );
}

export function ChartPanel({
  spec,
  height = 300,
  extra,
  empty,
  tableBeside = true,
}: {
  spec: ChartSpec;
  height?: number;
  extra?: ReactNode;
  /** Shown instead of the chart (e.g. no scores yet). */
  empty?: ReactNode;
  /** The table to the right of the chart on wide screens (else below it). */
  tableBeside?: boolean;
}) {
  const { t } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  const exportButton = (
    <Tooltip title={t('chart.exportHint')}>
      <Button
        size="small"
        icon={<DownloadOutlined />}
        onClick={() => saveCsv(spec.table, spec.title)}
        data-testid={`chart-export-${spec.name}`}
        aria-label={t('chart.export')}
      >
        {phone ? null : t('chart.export')}
      </Button>
    </Tooltip>
  );
  const table = phone ? (
    <Collapse
      size="small"
      ghost
      items={[{ key: 't', label: t('chart.showTable'), children: <ChartTableView spec={spec} /> }]}
    />
  ) : (
    <ChartTableView spec={spec} />
  );
  return (
    <Card
      size="small"
      title={spec.title}
      extra={
        <Flex gap={8} wrap>
          {extra}
          {exportButton}
        </Flex>
      }
    >
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <Row gutter={[16, 8]}>
          <Col xs={24} lg={tableBeside ? 14 : 24}>
            <EChart spec={spec} height={phone ? Math.min(height, 280) : height} />
          </Col>
          <Col xs={24} lg={tableBeside ? 10 : 24}>
            {table}
          </Col>
        </Row>
      )}
    </Card>
  );
}
