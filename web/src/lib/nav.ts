import type { Action } from '../../../shared/src/domain/permissions';

export type NavKey =
  | 'dashboard'
  | 'inbox'
  | 'applications'
  | 'recommend'
  | 'cultivation'
  | 'intake'
  | 'campaigns'
  | 'titles'
  | 'rereviews'
  | 'honours'
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
  /**
   * For a register that roles can also only read (organisations, venues): the abilities that give the
   * page something to do. A role with none of them (an applicant, the security admin) gets no menu entry
   * for a page where it could only look (issue #7.15); the page still opens by address.
   */
  work?: readonly Action[];
}

export const NAV: readonly NavEntry[] = [
  { key: 'dashboard', path: '/', ability: null },
  { key: 'inbox', path: '/inbox', ability: null },
  { key: 'applications', path: '/applications', ability: 'applications.write' },
  { key: 'recommend', path: '/recommend', ability: 'applications.recommend' },
  { key: 'cultivation', path: '/cultivation', ability: 'cultivation.read' },
  { key: 'intake', path: '/intake', ability: 'applications.intake' },
  { key: 'campaigns', path: '/campaigns', ability: 'campaigns.write' },
  // The registry is kept by the committee and the units (export, print); an applicant opens it by address.
  {
    key: 'titles',
    path: '/titles',
    ability: 'titles.read',
    work: ['titles.manage', 'applications.export'],
  },
  { key: 'rereviews', path: '/rereviews', ability: 'titles.manage' },
  { key: 'honours', path: '/honours', ability: 'titles.manage' },
  { key: 'reviewers', path: '/reviewers', ability: 'reviewers.manage' },
  { key: 'reviews', path: '/reviews', ability: 'reviews.write' },
  { key: 'peer', path: '/peer', ability: 'peer.rate' },
  { key: 'standards', path: '/standards', ability: 'standards.write' },
  {
    key: 'organizations',
    path: '/organizations',
    ability: 'organizations.read',
    work: ['organizations.write', 'organizations.import', 'organizations.export'],
  },
  { key: 'venues', path: '/venues', ability: 'venues.read', work: ['venues.write'] },
  { key: 'accounts', path: '/accounts', ability: 'accounts.read' },
  { key: 'audit', path: '/audit', ability: 'audit.read' },
];

/** The side menu: the pages the user's abilities open. */
export function navFor(abilities: readonly Action[]): NavEntry[] {
  return NAV.filter((e) => canWorkOn(e, abilities));
}

/** Whether a page is one the abilities can do something on (its menu entry and home shortcut show). */
export function canWorkOn(e: Pick<NavEntry, 'ability' | 'work'>, abilities: readonly Action[]): boolean {
  if (e.ability !== null && !abilities.includes(e.ability)) return false;
  return !e.work || e.work.some((a) => abilities.includes(a));
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
