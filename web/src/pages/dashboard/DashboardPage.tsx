import { Alert, Card, Col, Descriptions, Flex, Grid, Row, Skeleton, Typography } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  EnvironmentOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Action } from '../../../../shared/src/domain/permissions';
import { primaryRole, useSession } from '../../api/auth';
import { roleLabel } from '../../i18n/labels';
import { canWorkOn } from '../../lib/nav';
import { BRAND_RED } from '../../app/theme';
import { useDesk } from '../../api/desk';
import type { Desk } from '../../../../shared/src/contracts/desk';
import type { Role } from '../../../../shared/src/enums';
import { ApplicantDesk } from './ApplicantDesk';
import { CommitteeDesk } from './CommitteeDesk';
import { AuditDesk, ReviewerDesk, SecurityDesk } from './StaffDesks';
import { UnitDesk } from './UnitDesk';

/** Roles whose work has a scope worth stating (a unit, an organisation, or everything). */
const SCOPED: readonly Role[] = ['committee_admin', 'unit_admin', 'applicant'];

function RoleDesk({ desk, now }: { desk: Desk; now: Date }) {
  switch (desk.role) {
    case 'applicant':
      return <ApplicantDesk desk={desk} now={now} />;
    case 'unit_admin':
      return <UnitDesk desk={desk} now={now} />;
    case 'committee_admin':
      return <CommitteeDesk desk={desk} now={now} />;
    case 'security_admin':
      return <SecurityDesk desk={desk} />;
    case 'audit_admin':
      return <AuditDesk desk={desk} />;
    case 'reviewer':
      return <ReviewerDesk desk={desk} now={now} />;
  }
}

type ShortcutKey = 'organizations' | 'import' | 'venues' | 'accounts' | 'audit' | 'password';

const SHORTCUTS: {
  key: ShortcutKey;
  path: string;
  ability: Action | null;
  work?: readonly Action[];
  icon: React.ReactNode;
}[] = [
  {
    key: 'organizations',
    path: '/organizations',
    ability: 'organizations.read',
    work: ['organizations.write', 'organizations.import', 'organizations.export'],
    icon: <ApartmentOutlined />,
  },
  {
    key: 'import',
    path: '/organizations/import',
    ability: 'organizations.import',
    icon: <CloudUploadOutlined />,
  },
  {
    key: 'venues',
    path: '/venues',
    ability: 'venues.read',
    work: ['venues.write'],
    icon: <EnvironmentOutlined />,
  },
  { key: 'accounts', path: '/accounts', ability: 'accounts.read', icon: <TeamOutlined /> },
  { key: 'audit', path: '/audit', ability: 'audit.read', icon: <AuditOutlined /> },
  { key: 'password', path: '/change-password', ability: null, icon: <KeyOutlined /> },
];

export default function DashboardPage() {
  const me = useSession();
  const { t } = useTranslation('dashboard');
  const role = primaryRole(me);
  const phone = !Grid.useBreakpoint().sm;
  const shortcuts = SHORTCUTS.filter((s) => canWorkOn(s, me.abilities));
  const desk = useDesk();
  const now = new Date(desk.dataUpdatedAt);
  const facts = [
    { key: 'user', label: t('account'), children: me.user.username },
    { key: 'role', label: t('roleTitle'), children: role ? roleLabel(t, role) : '-' },
    ...(role && SCOPED.includes(role)
      ? [{ key: 'scope', label: t('scope'), children: me.scope.organizationName ?? t('scopeAll') }]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Card styles={{ body: { padding: 0 } }} style={{ overflow: 'hidden' }}>
        <Flex wrap style={{ borderLeft: `4px solid ${BRAND_RED}` }}>
          <Flex vertical style={{ padding: phone ? 16 : '16px 24px', flex: '1 1 320px', minWidth: 0 }}>
            <Typography.Title level={4} style={{ margin: '0 0 8px' }}>
              {t('welcome', { name: me.user.displayName })}
            </Typography.Title>
            <Descriptions column={{ xs: 1, sm: 1, md: 3 }} size="small" items={facts} />
          </Flex>
        </Flex>
      </Card>

      <Typography.Title level={5} style={{ margin: '4px 0 0' }} data-testid="desk-title">
        {t('desk.today')}
      </Typography.Title>
      {desk.data ? (
        <RoleDesk desk={desk.data} now={now} />
      ) : desk.isError ? (
        <Alert type="warning" showIcon title={t('desk.loadFailed')} />
      ) : (
        <Skeleton active paragraph={{ rows: 6 }} />
      )}

      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {t('shortcuts')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {shortcuts.map((s) => (
          <Col key={s.key} xs={24} sm={12} lg={8} xxl={6}>
            <Link to={s.path} data-testid={`shortcut-${s.key}`}>
              <Card hoverable size={phone ? 'small' : undefined} style={{ height: '100%' }}>
                <Flex gap={16} align="flex-start">
                  <span style={{ fontSize: 24, color: BRAND_RED, lineHeight: 1 }}>{s.icon}</span>
                  <Flex vertical style={{ minWidth: 0 }}>
                    <Typography.Text strong>{t(`shortcut.${s.key}.title`)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t(`shortcut.${s.key}.desc`)}
                    </Typography.Text>
                  </Flex>
                </Flex>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>

      <Card
        size="small"
        title={
          <>
            <SafetyCertificateOutlined /> {t('securityTitle')}
          </>
        }
      >
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('securityText')}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
