import { Menu } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  FileDoneOutlined,
  FlagOutlined,
  FormOutlined,
  HomeOutlined,
  InboxOutlined,
  OrderedListOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/auth';
import { navFor, navKeyOf, type NavKey } from '../lib/nav';

const ICONS: Record<NavKey, React.ReactNode> = {
  dashboard: <HomeOutlined />,
  inbox: <InboxOutlined />,
  applications: <FormOutlined />,
  recommend: <OrderedListOutlined />,
  cultivation: <ExperimentOutlined />,
  intake: <FileDoneOutlined />,
  campaigns: <FlagOutlined />,
  reviewers: <SolutionOutlined />,
  reviews: <CheckSquareOutlined />,
  standards: <CarryOutOutlined />,
  organizations: <ApartmentOutlined />,
  venues: <EnvironmentOutlined />,
  accounts: <TeamOutlined />,
  audit: <AuditOutlined />,
};

/** The side menu, built from the user's abilities. */
export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const me = useSession();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const entries = navFor(me.abilities);
  const selected = navKeyOf(pathname);
  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      style={{ borderInlineEnd: 'none', paddingTop: 8 }}
      items={entries.map((e) => ({
        key: e.key,
        icon: ICONS[e.key],
        label: <span data-testid={`menu-${e.key}`}>{t(`nav.${e.key}`)}</span>,
        onClick: () => {
          navigate(e.path);
          onNavigate?.();
        },
      }))}
    />
  );
}
