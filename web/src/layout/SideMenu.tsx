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
  InteractionOutlined,
  OrderedListOutlined,
  SolutionOutlined,
  StarOutlined,
  SyncOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/auth';
import { useMyPeerSheets } from '../api/peer';
import { navFor, navKeyOf, type NavKey } from '../lib/nav';

const ICONS: Record<NavKey, React.ReactNode> = {
  dashboard: <HomeOutlined />,
  inbox: <InboxOutlined />,
  applications: <FormOutlined />,
  recommend: <OrderedListOutlined />,
  cultivation: <ExperimentOutlined />,
  intake: <FileDoneOutlined />,
  campaigns: <FlagOutlined />,
  titles: <TrophyOutlined />,
  rereviews: <SyncOutlined />,
  honours: <StarOutlined />,
  reviewers: <SolutionOutlined />,
  reviews: <CheckSquareOutlined />,
  peer: <InteractionOutlined />,
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
  // 互比互评 is in the menu only for an organisation that has a peer sheet.
  const ratesPeers = me.abilities.includes('peer.rate');
  const peer = useMyPeerSheets(ratesPeers);
  const entries = navFor(me.abilities).filter((e) => e.key !== 'peer' || (peer.data?.items.length ?? 0) > 0);
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
