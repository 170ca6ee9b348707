import { Col, Flex, List, Progress, Row, Tag, Typography } from 'antd';
import { EditOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicantDesk as Desk } from '../../../../shared/src/contracts/desk';
import { deskLinks } from '../../lib/desk-links';
import { CountCard, DeadlineList, DeskListCard } from './DeskParts';

/** 申报单位: what came back with its reason, drafts and how far they are, the deadlines. */
export function ApplicantDesk({ desk, now }: { desk: Desk; now: Date }) {
  const { t } = useTranslation('dashboard');
  return (
    <Flex vertical gap={16}>
      <Row gutter={[12, 12]}>
        <CountCard
          title={t('desk.applicant.returned')}
          value={desk.returned.total}
          to={deskLinks.applications('returned')}
          testId="returned"
          icon={<RollbackOutlined />}
          alert
        />
        <CountCard
          title={t('desk.applicant.drafts')}
          value={desk.drafts.total}
          to={deskLinks.applications('draft')}
          testId="drafts"
          icon={<EditOutlined />}
        />
        <CountCard
          title={t('desk.applicant.submitted')}
          value={desk.submitted}
          to={deskLinks.applications('submitted')}
          testId="submitted"
          icon={<SendOutlined />}
        />
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Flex vertical gap={16}>
            <DeskListCard
              title={t('desk.applicant.returnedTitle')}
              items={desk.returned.items}
              empty={t('desk.applicant.noReturned')}
              testId="desk-returned-list"
              render={(a) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <Flex vertical gap={4} style={{ minWidth: 0, width: '100%' }}>
                    <Flex gap={8} align="center" justify="space-between">
                      <Link to={deskLinks.application(a.id)}>{a.title}</Link>
                      <Tag color="red">{t('desk.applicant.returnedTag')}</Tag>
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {a.campaignName}
                    </Typography.Text>
                    <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
                      {t('desk.applicant.reason')}
                      {a.reason ?? t('desk.applicant.noReason')}
                    </Typography.Paragraph>
                  </Flex>
                </List.Item>
              )}
            />
            <DeskListCard
              title={t('desk.applicant.draftsTitle')}
              items={desk.drafts.items}
              empty={t('desk.applicant.noDrafts')}
              testId="desk-draft-list"
              render={(a) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <Flex vertical gap={2} style={{ minWidth: 0, width: '100%' }}>
                    <Link to={deskLinks.application(a.id)}>{a.title}</Link>
                    <Progress
                      size="small"
                      percent={a.required ? Math.round(((a.required - a.missing) / a.required) * 100) : 0}
                      format={() => t('desk.applicant.missing', { n: a.missing })}
                    />
                  </Flex>
                </List.Item>
              )}
            />
          </Flex>
        </Col>
        <Col xs={24} lg={12}>
          <DeadlineList deadlines={desk.deadlines} linkOf={() => '/applications'} now={now} />
        </Col>
      </Row>
    </Flex>
  );
}
