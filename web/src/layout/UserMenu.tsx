import { useState } from 'react';
import { Avatar, Dropdown, Flex, Typography } from 'antd';
import {
  KeyOutlined,
  LogoutOutlined,
  MailOutlined,
  SafetyCertificateOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { logout, primaryRole, useSession } from '../api/auth';
import { rememberLanguage } from '../i18n';
import { roleLabel } from '../i18n/labels';
import { NotificationEmailModal } from './NotificationEmailModal';

/** The user's name, role and scope, with "notification e-mail", 账户安全, "change password" and "log out". */
export function UserMenu({ compact }: { compact: boolean }) {
  const me = useSession();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const role = primaryRole(me);
  const scope = me.scope.organizationName;
  const [emailOpen, setEmailOpen] = useState(false);

  const signOut = async () => {
    await logout(qc, () => navigate('/login', { replace: true })).catch(() => undefined);
    rememberLanguage(); // the logout answer clears site storage
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        placement="bottomRight"
        menu={{
          items: [
            {
              key: 'who',
              disabled: true,
              label: (
                <Flex vertical style={{ maxWidth: 240 }}>
                  <Typography.Text strong>{me.user.displayName}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {me.user.username} · {role ? roleLabel(t, role) : '-'}
                  </Typography.Text>
                  {scope ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                      {scope}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            { type: 'divider' },
            {
              key: 'email',
              icon: <MailOutlined />,
              label: <span data-testid="my-email">{t('me.email.menu')}</span>,
              onClick: () => setEmailOpen(true),
            },
            {
              key: 'security',
              icon: <SafetyCertificateOutlined />,
              label: <span data-testid="account-security">{t('layout.accountSecurity')}</span>,
              onClick: () => navigate('/account/security'),
            },
            {
              key: 'password',
              icon: <KeyOutlined />,
              label: <span data-testid="change-password">{t('layout.changePassword')}</span>,
              onClick: () => navigate('/change-password'),
            },
            {
              key: 'logout',
              icon: <LogoutOutlined />,
              danger: true,
              label: <span data-testid="logout">{t('layout.logout')}</span>,
              onClick: () => void signOut(),
            },
          ],
        }}
      >
        <Flex
          align="center"
          gap={8}
          role="button"
          tabIndex={0}
          data-testid="user-menu"
          aria-label={t('layout.userMenu')}
          style={{ cursor: 'pointer', minWidth: 0, padding: '4px 8px', borderRadius: 4 }}
        >
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#c7000b', flex: 'none' }} />
          {compact ? null : (
            <Flex vertical style={{ lineHeight: 1.25, minWidth: 0, maxWidth: 260 }}>
              <Typography.Text strong ellipsis>
                {me.user.displayName}
              </Typography.Text>
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                {[role ? roleLabel(t, role) : null, scope].filter(Boolean).join(' · ')}
              </Typography.Text>
            </Flex>
          )}
        </Flex>
      </Dropdown>
      <NotificationEmailModal open={emailOpen} onClose={() => setEmailOpen(false)} />
    </>
  );
}
