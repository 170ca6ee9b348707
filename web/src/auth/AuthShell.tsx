import type { ReactNode } from 'react';
import { Card, Flex, Grid, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Logo } from '../layout/Logo';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { AppFooter } from '../layout/AppFooter';
import { BRAND_RED } from '../app/theme';

/** The frame of the pages outside the main layout: login and the forced password change. */
export function AuthShell({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
}) {
  const screens = Grid.useBreakpoint();
  const { t } = useTranslation();
  const phone = !screens.sm;
  return (
    <Flex
      vertical
      style={{
        minHeight: '100%',
        borderTop: `4px solid ${BRAND_RED}`,
        background: 'linear-gradient(180deg, #fbeaea 0%, #f3f4f6 320px)',
      }}
    >
      <Flex justify="space-between" align="center" style={{ padding: phone ? '12px 16px' : '16px 32px' }}>
        <Logo compact={phone} />
        <LanguageSwitch />
      </Flex>
      <Flex
        flex={1}
        justify="center"
        align={phone ? 'flex-start' : 'center'}
        style={{ padding: phone ? 12 : 24 }}
      >
        <Card
          style={{ width: '100%', maxWidth: 420, boxShadow: '0 6px 24px rgba(0,0,0,0.06)' }}
          styles={{ body: { padding: phone ? 20 : 32 } }}
        >
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {title}
          </Typography.Title>
          {subtitle ? (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
              {subtitle}
            </Typography.Paragraph>
          ) : null}
          {children}
        </Card>
      </Flex>
      <Flex vertical align="center" gap={4} style={{ padding: 16 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('app.org')}
        </Typography.Text>
        <AppFooter />
      </Flex>
    </Flex>
  );
}
