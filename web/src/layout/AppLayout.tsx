import { Suspense, useState } from 'react';
import { Button, Drawer, Flex, Grid, Layout } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/auth';
import { FullPageSpin } from '../app/fallbacks';
import { BRAND_RED } from '../app/theme';
import { AppFooter } from './AppFooter';
import { DemoBanner } from './DemoBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';
import { NotificationBell } from './NotificationBell';
import { SideMenu } from './SideMenu';
import { UserMenu } from './UserMenu';

/** Header, side menu (a drawer on phones), content and footer of every signed-in page. */
export default function AppLayout() {
  const me = useSession();
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [drawer, setDrawer] = useState(false);

  return (
    <Layout style={{ minHeight: '100%' }}>
      {me.demo ? <DemoBanner /> : null}
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          borderTop: `3px solid ${BRAND_RED}`,
          borderBottom: '1px solid #ececec',
          position: 'sticky',
          top: 0,
          zIndex: 20,
          paddingInline: phone ? 8 : 20,
        }}
      >
        {phone ? (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('layout.openMenu')}
            data-testid="menu-toggle"
            onClick={() => setDrawer(true)}
          />
        ) : null}
        <Flex flex={1} style={{ minWidth: 0 }}>
          <Logo compact={phone} />
        </Flex>
        <NotificationBell />
        <LanguageSwitch />
        <UserMenu compact={phone} />
      </Layout.Header>
      <Layout>
        {phone ? (
          <Drawer
            placement="left"
            open={drawer}
            onClose={() => setDrawer(false)}
            size={260}
            title={<Logo compact />}
            styles={{ body: { padding: 0 } }}
          >
            <SideMenu onNavigate={() => setDrawer(false)} />
          </Drawer>
        ) : (
          <Layout.Sider width={216} style={{ borderInlineEnd: '1px solid #ececec' }}>
            <div style={{ position: 'sticky', top: 56 }}>
              <SideMenu />
            </div>
          </Layout.Sider>
        )}
        <Layout style={{ minWidth: 0 }}>
          <Layout.Content style={{ padding: phone ? 12 : 20, minWidth: 0 }}>
            {/* A component that needs a catalogue its route did not load waits here for it, not a raw key. */}
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
          <Layout.Footer style={{ textAlign: 'center', padding: '12px 16px', background: 'transparent' }}>
            <AppFooter />
          </Layout.Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
