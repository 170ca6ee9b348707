import type { Action } from '../../../shared/src/domain/permissions';

export type NavKey =
  | 'dashboard'
  | 'inbox'
  | 'applications'
  | 'recommend'
  | 'cultivation'
  | 'intake'
  | 'campaigns'
  | 'reviewers'
  | 'reviews'
  | 'peer'
  | 'standards'
  | 'organizations'
  | 'venues'
  | 'accounts'
  | 'audit';

export interface NavEntry {
  key: NavKey;
  path: string;
  /** The ability the page needs; the dashboard and the inbox are for everyone. */
  ability: Action | null;
}

export const NAV: readonly NavEntry[] = [
  { key: 'dashboard', path: '/', ability: null },
  { key: 'inbox', path: '/inbox', ability: null },
  { key: 'applications', path: '/applications', ability: 'applications.write' },
  { key: 'recommend', path: '/recommend', ability: 'applications.recommend' },
  { key: 'cultivation', path: '/cultivation', ability: 'cultivation.read' },
  { key: 'intake', path: '/intake', ability: 'applications.intake' },
  { key: 'campaigns', path: '/campaigns', ability: 'campaigns.write' },
  { key: 'reviewers', path: '/reviewers', ability: 'reviewers.manage' },
  { key: 'reviews', path: '/reviews', ability: 'reviews.write' },
  { key: 'peer', path: '/peer', ability: 'peer.rate' },
  { key: 'standards', path: '/standards', ability: 'standards.write' },
  { key: 'organizations', path: '/organizations', ability: 'organizations.read' },
  { key: 'venues', path: '/venues', ability: 'venues.read' },
  { key: 'accounts', path: '/accounts', ability: 'accounts.read' },
  { key: 'audit', path: '/audit', ability: 'audit.read' },
];

/** The side menu: the pages the user's abilities open. */
export function navFor(abilities: readonly Action[]): NavEntry[] {
  return NAV.filter((e) => e.ability === null || abilities.includes(e.ability));
}

/**
 * Which menu entry a location belongs to (`/organizations/import` → organizations, `/` → dashboard);
 * null for a page that is no menu entry's (nothing is highlighted rather than the wrong one).
 */
export function navKeyOf(pathname: string): NavKey | null {
  if (pathname === '/') return 'dashboard';
  const hit = NAV.filter((e) => e.path !== '/' && (pathname === e.path || pathname.startsWith(`${e.path}/`)));
  return hit[0]?.key ?? null;
}
