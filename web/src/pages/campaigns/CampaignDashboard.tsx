import { Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CampaignDashboard as Dashboard } from '../../../../shared/src/contracts/campaigns';
import type { Track } from '../../../../shared/src/contracts/standards';
import { APPLICATION_STATUSES } from '../../../../shared/src/domain/application-workflow';
import type { OrgKind } from '../../../../shared/src/enums';
import { useCampaignDashboard } from '../../api/campaigns';
import { kindLabel } from '../../i18n/labels';
import { quotaPercent } from '../../lib/campaigns';
import { trackKindRows } from './campaign-view';
import { trackName } from './CampaignFields';
import { AppStatusTag } from './tags';

type UnitRow = Dashboard['byUnit'][number];

/**
 * Counts of one campaign: per status; per quota line the selected ones against the quota (what it is for)
 * with the intake beside it; per track and per kind within each track; per unit (antd only, no charts).
 */
export function CampaignDashboard({
  id,
  tracks,
  campaignTracks,
}: {
  id: string;
  tracks: readonly Track[];
  /** The campaign's tracks with the kinds they admit: listed per track even before any application. */
  campaignTracks: readonly { track: string; subject: string; eligibleKinds: readonly OrgKind[] }[];
}) {
  const { t } = useTranslation('campaigns');
  const { data, isPending } = useCampaignDashboard(id);
  if (isPending) return <Skeleton active />;
  if (!data) return null;
  const kinds = trackKindRows(campaignTracks, data.byTrackKind);
  const count = (s: string) => data.byStatus.find((x) => x.status === s)?.count ?? 0;

  return (
    <Flex vertical gap={16} data-testid="campaign-dashboard">
      <Row gutter={[12, 12]}>
        <Col xs={12} sm={8} lg={4}>
          <Card size="small">
            <Statistic title={t('total')} value={data.total} data-testid="dash-total" />
          </Card>
        </Col>
        {APPLICATION_STATUSES.filter(
          (s) => count(s) > 0 || ['submitted', 'recommended', 'accepted', 'returned'].includes(s),
        ).map((s) => (
          <Col xs={12} sm={8} lg={4} key={s}>
            <Card size="small">
              <Statistic
                title={<AppStatusTag status={s} />}
                value={count(s)}
                data-testid={`dash-status-${s}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('byQuota')}>
        {data.quotas.length ? (
          <Flex vertical gap={10} data-testid="dash-quotas">
            {data.quotas.map((q) => (
              <Flex key={`${q.track}|${q.orgKind ?? '*'}`} gap={12} align="center" wrap>
                <Typography.Text style={{ width: 240 }}>
                  {trackName(tracks, q.track)} · {q.orgKind ? kindLabel(t, q.orgKind) : t('common.anyKind')}
                </Typography.Text>
                <Progress
                  percent={quotaPercent(q.selected, q.quota)}
                  status={q.selected > q.quota ? 'exception' : undefined}
                  format={() => `${q.selected} / ${q.quota}`}
                  style={{ flex: 1, minWidth: 200, margin: 0 }}
                  data-testid="dash-quota-bar"
                />
                <Typography.Text type="secondary" style={{ width: 96 }}>
                  {t('acceptedBeside', { n: q.accepted })}
                </Typography.Text>
              </Flex>
            ))}
          </Flex>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Card size="small" title={t('byTrack')}>
            {data.byTrack.length ? (
              <Flex vertical data-testid="dash-tracks">
                {data.byTrack.map((x) => (
                  <Flex key={x.track} justify="space-between">
                    <span>{trackName(tracks, x.track)}</span>
                    <Typography.Text strong>{x.count}</Typography.Text>
                  </Flex>
                ))}
              </Flex>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noApplications')} />
            )}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('byKind')}>
            {kinds.length ? (
              <Flex vertical data-testid="dash-kinds">
                {kinds.map((x) => (
                  <Flex key={`${x.track}|${x.orgKind}`} justify="space-between">
                    <span>
                      {trackName(tracks, x.track)} · {kindLabel(t, x.orgKind)}
                    </span>
                    <Typography.Text strong>{x.count}</Typography.Text>
                  </Flex>
                ))}
              </Flex>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noApplications')} />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('byUnit')}>
        <Table<UnitRow>
          rowKey="unitId"
          size="small"
          dataSource={data.byUnit}
          data-testid="dash-units"
          pagination={{ pageSize: 10, size: 'small', showSizeChanger: false }}
          columns={[
            {
              title: t('unit'),
              dataIndex: 'unitName',
              key: 'unitName',
              sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'),
            },
            {
              title: t('count'),
              dataIndex: 'count',
              key: 'count',
              width: 100,
              defaultSortOrder: 'descend',
              sorter: (a, b) => a.count - b.count,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
