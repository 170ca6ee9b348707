import { Card, Col, Empty, Flex, List, Row, Tag, Typography } from 'antd';
import { AuditOutlined, ClockCircleOutlined, InboxOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CommitteeCampaign, CommitteeDesk as Desk } from '../../../../shared/src/contracts/desk';
import { bilingual, kindLabel } from '../../i18n/labels';
import { beijingTime, deskLinks } from '../../lib/desk-links';
import { AppStatusTag, CampaignStatusTag } from '../campaigns/tags';
import { StageStatusTag } from '../evaluation/tags';
import { EChart } from '../../components/EChart';
import { funnelCounts, statusFunnel, STATUS_REACH } from '../../../../shared/src/charts';
import { CountCard, Countdown, DeadlineList, DeskListCard, FillBar } from './DeskParts';

/** How many of the units still checking the desk lists (the rest are one click away in the queue). */
const UNITS_SHOWN = 6;

/** 机关工委: per active campaign the intake queue, late units, stage progress and quota fill; deadlines. */
export function CommitteeDesk({ desk, now }: { desk: Desk; now: Date }) {
  const { t } = useTranslation('dashboard');
  return (
    <Flex vertical gap={16}>
      {desk.campaigns.length === 0 ? (
        <Card>
          <Empty description={t('desk.committee.noCampaign')}>
            <Link to="/campaigns">{t('desk.committee.toCampaigns')}</Link>
          </Empty>
        </Card>
      ) : (
        desk.campaigns.map((c) => <CampaignBlock key={c.id} c={c} now={now} />)
      )}
      <DeadlineList deadlines={desk.deadlines} linkOf={(d) => deskLinks.campaign(d.campaignId)} now={now} />
    </Flex>
  );
}

function CampaignBlock({ c, now }: { c: CommitteeCampaign; now: Date }) {
  const { t, i18n } = useTranslation('dashboard');
  const late = new Date(c.recommendationDeadline) < now;
  const waiting = c.waitingUnits.reduce((n, u) => n + u.waiting, 0);
  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          <Link to={deskLinks.campaign(c.id)}>{c.name}</Link>
          <CampaignStatusTag status={c.status} />
        </Flex>
      }
      data-testid="desk-campaign"
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 16 } }}
    >
      <Row gutter={[12, 12]}>
        <CountCard
          title={t('desk.committee.intake')}
          value={c.pendingIntake}
          to={deskLinks.intake(c.id, 'recommended')}
          testId="pending-intake"
          icon={<InboxOutlined />}
          alert
        />
        <CountCard
          title={late ? t('desk.committee.lateUnits') : t('desk.committee.waitingUnits')}
          value={c.waitingUnits.length}
          to={deskLinks.intake(c.id, 'submitted')}
          testId="waiting-units"
          icon={<ClockCircleOutlined />}
          hint={t('desk.committee.waitingHint', { n: waiting })}
          alert={late}
        />
        <CountCard
          title={t('desk.committee.stagesOpen')}
          value={c.stages.filter((s) => s.status === 'open').length}
          to={`${deskLinks.campaign(c.id)}?tab=stages`}
          testId="stages-open"
          icon={<AuditOutlined />}
          hint={t('desk.committee.stagesHint', { n: c.stages.length })}
        />
      </Row>
      <Flex gap={6} wrap data-testid="desk-status-tags">
        {c.byStatus.map((s) => (
          <Flex key={s.status} gap={2} align="center">
            <AppStatusTag status={s.status} />
            <Typography.Text strong style={{ marginInlineEnd: 8 }}>
              {s.count}
            </Typography.Text>
          </Flex>
        ))}
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12} style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
          <DeskListCard
            title={t('desk.committee.stages')}
            items={c.stages}
            empty={t('desk.committee.noStages')}
            testId="desk-stages"
            render={(s) => (
              <List.Item
                style={{ paddingInline: 0 }}
                extra={s.status === 'open' ? <Countdown at={s.closesAt} now={now} /> : null}
              >
                <Flex vertical gap={2} style={{ width: '100%', minWidth: 0, paddingInlineEnd: 8 }}>
                  <Flex gap={8} align="center">
                    <Link to={deskLinks.stage(c.id, s.id)}>
                      {bilingual(i18n.language, s.nameZh, s.nameEn)}
                    </Link>
                    <StageStatusTag status={s.status} />
                  </Flex>
                  <FillBar done={s.locked} total={s.assigned} />
                </Flex>
              </List.Item>
            )}
          />
          <QuotaTable c={c} />
        </Col>
        <Col xs={24} xl={12} style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
          <DeskListCard
            title={late ? t('desk.committee.lateUnits') : t('desk.committee.waitingUnits')}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('desk.committee.deadline', { time: beijingTime(c.recommendationDeadline) })}
              </Typography.Text>
            }
            items={c.waitingUnits.slice(0, UNITS_SHOWN)}
            footer={
              c.waitingUnits.length > UNITS_SHOWN ? (
                <Link to={deskLinks.intake(c.id, 'submitted')}>
                  {t('desk.committee.allUnits', { n: c.waitingUnits.length })}
                </Link>
              ) : null
            }
            empty={t('desk.committee.noWaiting')}
            testId="desk-waiting-units"
            render={(u) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Link to={deskLinks.intake(c.id, 'submitted', u.unitId)} data-testid="desk-unit-link">
                  {u.unitName}
                </Link>
                <Tag color={late ? 'red' : 'orange'}>{t('desk.committee.waitingN', { n: u.waiting })}</Tag>
              </List.Item>
            )}
          />
          <FunnelCard c={c} />
        </Col>
      </Row>
    </Card>
  );
}

function QuotaTable({ c }: { c: CommitteeCampaign }) {
  const { t, i18n } = useTranslation('dashboard');
  return (
    <DeskListCard
      title={t('desk.committee.quotas')}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('desk.committee.selectedOfQuota')}
        </Typography.Text>
      }
      items={c.quotas}
      empty={t('desk.committee.noQuotas')}
      testId="desk-quotas"
      render={(q) => (
        <List.Item style={{ paddingInline: 0 }}>
          <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
            <Flex justify="space-between" gap={8}>
              <Typography.Text ellipsis>
                {bilingual(i18n.language, q.trackNameZh, q.trackNameEn)}
                {q.orgKind ? ` · ${kindLabel(t, q.orgKind)}` : ''}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
                {t('desk.committee.acceptedN', { n: q.accepted })}
              </Typography.Text>
            </Flex>
            <FillBar done={q.selected} total={q.quota} />
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** The campaign's applications as a small funnel from submitted on (the campaign page has the full chart). */
function FunnelCard({ c }: { c: CommitteeCampaign }) {
  const { t, i18n } = useTranslation('dashboard');
  const steps = funnelCounts(c.byStatus.map((s) => ({ reach: STATUS_REACH[s.status], count: s.count })));
  return (
    <Card
      size="small"
      title={t('desk.committee.funnel')}
      extra={<Link to={deskLinks.campaign(c.id)}>{t('desk.committee.moreCharts')}</Link>}
      data-testid="desk-funnel"
    >
      <EChart spec={statusFunnel(steps, i18n.language === 'en' ? 'en' : 'zh-CN')} height={220} />
    </Card>
  );
}
