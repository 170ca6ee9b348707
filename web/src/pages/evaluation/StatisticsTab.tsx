/**
 * A stage's statistics (issue #6 §9): counted scores, ICC(1), the score distribution and reviewer leniency
 * as charts with their tables (shared/src/charts/evaluation.ts), and the applications whose scores spread
 * too far, by name.
 */
import { useMemo } from 'react';
import { Card, Col, Empty, Flex, Row, Skeleton, Statistic, Table, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LENIENCY_FLAG_POINTS, leniencyBar, scoreHistogram } from '../../../../shared/src/charts/evaluation';
import { round } from '../../../../shared/src/charts/spec';
import { useAssignments } from '../../api/assignments';
import { useStageStatistics } from '../../api/statistics';
import { ChartPanel } from '../../components/ChartPanel';

export function StatisticsTab({ stageId, spreadThreshold }: { stageId: string; spreadThreshold: number }) {
  const { t, i18n } = useTranslation('evaluation');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { data, isPending } = useStageStatistics(stageId);
  const assignments = useAssignments(stageId);
  const histogram = useMemo(() => data && scoreHistogram(data.distribution, lang), [data, lang]);
  const leniency = useMemo(() => data && leniencyBar(data.leniency, lang), [data, lang]);
  if (isPending) return <Skeleton active />;
  if (!data || !histogram || !leniency) return null;
  if (data.reviews === 0)
    return (
      <Card size="small">
        <Empty description={t('work.stats.none')} data-testid="stats-empty" />
      </Card>
    );
  const names = new Map((assignments.data?.items ?? []).map((a) => [a.applicationId, a.organizationName]));
  const hint = (text: string) => (
    <Tooltip title={text}>
      <QuestionCircleOutlined style={{ color: '#8c8c8c', marginLeft: 4 }} />
    </Tooltip>
  );

  return (
    <Flex vertical gap={12} data-testid="stage-statistics">
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('work.stats.reviews')} value={data.reviews} data-testid="stats-reviews" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('work.stats.applications')} value={data.icc.a} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={
                <span>
                  {t('work.stats.icc')}
                  {hint(t('work.stats.iccHint'))}
                </span>
              }
              value={data.icc.icc === null ? '—' : round(data.icc.icc, 4)}
              data-testid="stats-icc"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={
                <span>
                  {t('work.stats.spread')}
                  {hint(t('work.stats.spreadHint', { threshold: spreadThreshold }))}
                </span>
              }
              value={data.spreadFlags.length}
              valueStyle={data.spreadFlags.length ? { color: '#c7000b' } : undefined}
            />
          </Card>
        </Col>
      </Row>
      <ChartPanel spec={histogram} height={280} />
      <ChartPanel spec={leniency} height={Math.max(200, 32 * data.leniency.length + 60)} extra={null} />
      <Typography.Text type="secondary" style={{ fontSize: 12, marginTop: -4 }}>
        {t('work.stats.leniencyNote', { threshold: LENIENCY_FLAG_POINTS })}
      </Typography.Text>
      {data.spreadFlags.length ? (
        <Card size="small" title={t('work.stats.spreadTitle')}>
          <Table
            size="small"
            rowKey="applicationId"
            pagination={false}
            dataSource={data.spreadFlags}
            data-testid="stats-spread"
            columns={[
              {
                key: 'app',
                title: t('work.application'),
                render: (_: unknown, f: (typeof data.spreadFlags)[number]) =>
                  names.get(f.applicationId) ?? f.applicationId,
              },
              { key: 'n', title: t('work.stats.n'), dataIndex: 'n', align: 'right' as const },
              {
                key: 'spread',
                title: t('work.stats.spreadValue'),
                align: 'right' as const,
                render: (_: unknown, f: (typeof data.spreadFlags)[number]) => round(f.spread),
              },
              {
                key: 'sd',
                title: t('work.stats.sd'),
                align: 'right' as const,
                render: (_: unknown, f: (typeof data.spreadFlags)[number]) => round(f.sd),
              },
            ]}
          />
        </Card>
      ) : null}
    </Flex>
  );
}
