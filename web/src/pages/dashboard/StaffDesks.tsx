import { Card, Col, Empty, Flex, List, Row, Tag, Typography } from 'antd';
import { KeyOutlined, LockOutlined, StopOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type {
  AuditDesk as ADesk,
  ReviewerDesk as RDesk,
  SecurityDesk as SDesk,
} from '../../../../shared/src/contracts/desk';
import { INTEGRITY_FAILURE_DAYS, PRIVILEGE_CHANGE_DAYS } from '../../../../shared/src/contracts/desk';
import type { Role } from '../../../../shared/src/enums';
import { auditTrend } from '../../../../shared/src/charts/security';
import { EChart } from '../../components/EChart';
import { bilingual, roleLabel } from '../../i18n/labels';
import { beijingTime, deskLinks } from '../../lib/desk-links';
import { StageStatusTag } from '../evaluation/tags';
import { CountCard, Countdown, DeskListCard, FillBar } from './DeskParts';

/**
 * 安全管理员: locked accounts, passwords to change, who changed whose role lately, and stored files that
 * failed their integrity check on a download.
 */
export function SecurityDesk({ desk }: { desk: SDesk }) {
  const { t } = useTranslation('dashboard');
  const role = (r: string | null) => (r ? roleLabel(t, r as Role) : '—');
  return (
    <Flex vertical gap={16}>
      <Row gutter={[12, 12]}>
        <CountCard
          title={t('desk.security.locked')}
          value={desk.locked}
          to={deskLinks.accounts({ state: 'locked' })}
          testId="locked"
          icon={<LockOutlined />}
          alert
        />
        <CountCard
          title={t('desk.security.mustChange')}
          value={desk.mustChangePassword}
          to={deskLinks.accounts({ state: 'must_change_password' })}
          testId="must-change"
          icon={<KeyOutlined />}
        />
      </Row>
      <DeskListCard
        title={t('desk.security.changes', { days: PRIVILEGE_CHANGE_DAYS, n: desk.privilegeChanges.total })}
        items={desk.privilegeChanges.items}
        empty={t('desk.security.noChanges')}
        testId="desk-privilege-changes"
        render={(e) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Flex gap={8} wrap align="center">
                {e.accountName ? (
                  <Link to={deskLinks.accounts({ q: e.accountName })}>{e.accountName}</Link>
                ) : (
                  <Typography.Text>—</Typography.Text>
                )}
                {e.roleBefore ? (
                  <Tag>{role(e.roleBefore)}</Tag>
                ) : (
                  <Tag color="green">{t('desk.security.created')}</Tag>
                )}
                <span>→</span>
                <Tag color="red">{role(e.roleAfter)}</Tag>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('desk.security.by', { name: e.actorName ?? '—', time: beijingTime(e.at) })}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      <DeskListCard
        title={
          <Flex gap={8} align="center">
            <WarningOutlined style={{ color: desk.integrityFailures.total > 0 ? '#c7000b' : '#8c8c8c' }} />
            {t('desk.security.integrity', { days: INTEGRITY_FAILURE_DAYS, n: desk.integrityFailures.total })}
          </Flex>
        }
        items={desk.integrityFailures.items}
        empty={t('desk.security.noIntegrityFailures')}
        testId="desk-integrity-failures"
        render={(e) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Flex gap={8} wrap align="center">
                <Tag color="red">
                  {e.objectType === 'review_photo'
                    ? t('desk.security.integrityPhoto')
                    : t('desk.security.integrityEvidence')}
                </Tag>
                <Typography.Text ellipsis>{e.name ?? '—'}</Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('desk.security.integrityBy', { name: e.actorName ?? '—', time: beijingTime(e.at) })}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}

/** 审计管理员: today's denied requests, failed logins and changes to accounts and roles. */
export function AuditDesk({ desk }: { desk: ADesk }) {
  const { t, i18n } = useTranslation('dashboard');
  const from = desk.since;
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('desk.audit.since', { time: beijingTime(from) })}</Typography.Text>
      <Row gutter={[12, 12]}>
        <CountCard
          title={t('desk.audit.denied')}
          value={desk.deniedRequests}
          to={deskLinks.audit({ from, outcome: 'denied' })}
          testId="denied"
          icon={<StopOutlined />}
          alert
        />
        <CountCard
          title={t('desk.audit.failedLogins')}
          value={desk.failedLogins}
          to={deskLinks.audit({ from, action: 'auth.login', outcome: 'failure' })}
          testId="failed-logins"
          icon={<WarningOutlined />}
          alert
        />
        <CountCard
          title={t('desk.audit.accountChanges')}
          value={desk.accountChanges}
          to={deskLinks.audit({ from, action: 'accounts.' })}
          testId="account-changes"
          icon={<TeamOutlined />}
        />
      </Row>
      <Card size="small" title={t('desk.audit.trend')} data-testid="desk-audit-trend">
        <EChart spec={auditTrend(desk.days, i18n.language === 'en' ? 'en' : 'zh-CN')} height={220} />
      </Card>
    </Flex>
  );
}

/** 评审专家: its assignments by stage with the deadline, or a clear empty state. */
export function ReviewerDesk({ desk, now }: { desk: RDesk; now: Date }) {
  const { t, i18n } = useTranslation('dashboard');
  if (desk.stages.length === 0)
    return (
      <Card data-testid="desk-reviewer-empty">
        <Empty description={t('desk.reviewer.none')} />
      </Card>
    );
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        {desk.stages.map((s) => (
          <Col key={s.id} xs={24} md={12} xl={8}>
            <Card
              size="small"
              data-testid="desk-reviewer-stage"
              title={
                <Flex gap={8} align="center">
                  <Link to={deskLinks.reviews(s.id)}>{bilingual(i18n.language, s.nameZh, s.nameEn)}</Link>
                  <StageStatusTag status={s.status} />
                </Flex>
              }
              extra={s.status === 'open' ? <Countdown at={s.closesAt} now={now} /> : null}
            >
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {s.campaignName}
              </Typography.Text>
              <FillBar done={s.locked} total={s.assigned} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('desk.reviewer.window', { from: beijingTime(s.opensAt), to: beijingTime(s.closesAt) })}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}
