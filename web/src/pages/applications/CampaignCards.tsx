import { Button, Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail } from '../../../../shared/src/contracts/campaigns';
import { bilingual } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';

/** The open campaign(s): deadlines, tracks and the 新建申报 action. */
export function CampaignCards({
  campaigns,
  loading,
  canCreate,
  onCreate,
}: {
  campaigns: CampaignDetail[];
  loading: boolean;
  canCreate: boolean;
  onCreate: (campaignId: string) => void;
}) {
  const { t, i18n } = useTranslation('applications');
  if (!loading && !campaigns.length)
    return (
      <Card style={{ marginBottom: 16 }}>
        <Empty description={t('noOpenCampaign')} data-testid="no-open-campaign" />
      </Card>
    );
  return (
    <Flex vertical gap={12} style={{ marginBottom: 16 }}>
      {campaigns.map((c) => {
        const closes = dayjs(c.timeline.applicationClosesAt);
        const daysLeft = closes.diff(dayjs(), 'day');
        const closed = closes.isBefore(dayjs());
        return (
          <Card
            key={c.id}
            loading={loading}
            data-testid="open-campaign"
            title={
              <Flex gap={8} align="center" wrap>
                <span>{c.name}</span>
                {closed ? (
                  <Tag>{t('applicationClosed')}</Tag>
                ) : (
                  <Tag color={daysLeft <= 7 ? 'error' : 'processing'}>
                    {t('daysLeft', { n: Math.max(daysLeft, 0) })}
                  </Tag>
                )}
              </Flex>
            }
            extra={
              canCreate && !closed ? (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => onCreate(c.id)}
                  data-testid="new-application"
                >
                  {t('create')}
                </Button>
              ) : null
            }
          >
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 1, md: 3 }}
              items={[
                {
                  key: 'opens',
                  label: t('timeline.applicationOpensAt'),
                  children: formatDateTime(c.timeline.applicationOpensAt),
                },
                {
                  key: 'closes',
                  label: t('timeline.applicationClosesAt'),
                  children: (
                    <Typography.Text strong>{formatDateTime(c.timeline.applicationClosesAt)}</Typography.Text>
                  ),
                },
                {
                  key: 'rec',
                  label: t('timeline.recommendationDeadline'),
                  children: formatDateTime(c.timeline.recommendationDeadline),
                },
                {
                  key: 'tracks',
                  label: t('field.track'),
                  children: (
                    <Flex gap={4} wrap>
                      {c.tracks.map((tr) => (
                        <Tag key={tr.track} style={{ marginInlineEnd: 0 }}>
                          {bilingual(i18n.language, tr.nameZh, tr.nameEn)}
                        </Tag>
                      ))}
                    </Flex>
                  ),
                },
              ]}
            />
          </Card>
        );
      })}
    </Flex>
  );
}
