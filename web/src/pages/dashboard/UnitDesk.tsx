import { Card, Col, Flex, List, Row, Skeleton, Typography } from 'antd';
import { AlertOutlined, CalendarOutlined, FileSearchOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { UnitDesk as Desk } from '../../../../shared/src/contracts/desk';
import { statusFunnel, yearComparison } from '../../../../shared/src/charts/campaign';
import { useCampaigns } from '../../api/campaigns';
import { useCampaignStatistics } from '../../api/statistics';
import { EChart } from '../../components/EChart';
import { bilingual } from '../../i18n/labels';
import { deskLinks } from '../../lib/desk-links';
import { CountCard, DeadlineList, DeskListCard, FillBar } from './DeskParts';

/**
 * The unit's applications in the campaign it works on, in small (the committee's campaign page has the
 * full charts): the status funnel and this year against earlier years, both counted over the unit only.
 */
function UnitCharts({ campaignId, campaignName }: { campaignId: string; campaignName: string }) {
  const { t, i18n } = useTranslation('dashboard');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { data, isPending } = useCampaignStatistics(campaignId);
  if (isPending) return <Skeleton active />;
  if (!data) return null;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card
          size="small"
          title={t('desk.unit.funnel', { name: campaignName })}
          data-testid="desk-unit-funnel"
        >
          <EChart spec={statusFunnel(data.funnel, lang)} height={220} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('desk.unit.years')} data-testid="desk-unit-years">
          <EChart spec={yearComparison(data.years, data.year, lang)} height={220} />
        </Card>
      </Col>
    </Row>
  );
}

/** 单位管理员: applications to check, recommendations left under the caps, milestones due, deadlines. */
export function UnitDesk({ desk, now }: { desk: Desk; now: Date }) {
  const { t, i18n } = useTranslation('dashboard');
  // The campaign the unit works on: the one taking recommendations, else the newest past its draft.
  const recent = useCampaigns({ pageSize: 5, sort: '-year' });
  const newest = recent.data?.items.find((c) => c.status !== 'draft');
  const current =
    desk.caps[0] ?? desk.deadlines[0] ?? (newest && { campaignId: newest.id, campaignName: newest.name });
  return (
    <Flex vertical gap={16}>
      <Row gutter={[12, 12]}>
        <CountCard
          title={t('desk.unit.pending')}
          value={desk.pendingReview}
          to={deskLinks.applications('submitted')}
          testId="pending-review"
          icon={<FileSearchOutlined />}
          alert
        />
        <CountCard
          title={t('desk.unit.milestonesDue')}
          value={desk.milestonesDue}
          to={deskLinks.cultivation('due')}
          testId="milestones-due"
          icon={<CalendarOutlined />}
          hint={t('desk.unit.dueHint')}
        />
        <CountCard
          title={t('desk.unit.milestonesOverdue')}
          value={desk.milestonesOverdue}
          to={deskLinks.cultivation('overdue')}
          testId="milestones-overdue"
          icon={<AlertOutlined />}
          alert
        />
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <DeskListCard
            title={t('desk.unit.caps')}
            items={desk.caps}
            empty={t('desk.unit.noCaps')}
            testId="desk-caps"
            render={(c) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
                  <Flex justify="space-between" gap={8}>
                    <Link to={deskLinks.recommend(c.campaignId, c.track)} data-testid="desk-cap-link">
                      {bilingual(i18n.language, c.trackNameZh, c.trackNameEn)}
                    </Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {c.cap === null
                        ? t('desk.unit.noCap', { used: c.used })
                        : t('desk.unit.left', { n: Math.max(0, c.cap - c.used) })}
                    </Typography.Text>
                  </Flex>
                  {c.cap !== null ? <FillBar done={c.used} total={c.cap} /> : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                    {c.campaignName}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} lg={12}>
          <DeadlineList
            deadlines={desk.deadlines}
            linkOf={(d) => deskLinks.recommend(d.campaignId)}
            now={now}
          />
        </Col>
      </Row>
      {current ? <UnitCharts campaignId={current.campaignId} campaignName={current.campaignName} /> : null}
    </Flex>
  );
}
