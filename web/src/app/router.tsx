import { createBrowserRouter, type RouteObject } from 'react-router';
import type { Action } from '../../../shared/src/domain/permissions';
import { RequireAbility, RequireSession } from './gates';
import { FullPageSpin, RouteError } from './fallbacks';

/** Code-split pages: each route loads its module on first visit. */
const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

const guarded = (ability: Action, children: RouteObject[]): RouteObject => ({
  element: <RequireAbility ability={ability} />,
  children,
});

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageSpin />,
    children: [
      { path: '/login', lazy: page(() => import('../auth/LoginPage')) },
      {
        element: <RequireSession />,
        children: [
          { path: '/change-password', lazy: page(() => import('../auth/ChangePasswordPage')) },
          {
            lazy: page(() => import('../layout/AppLayout')),
            children: [
              { index: true, lazy: page(() => import('../pages/dashboard/DashboardPage')) },
              { path: '/inbox', lazy: page(() => import('../pages/inbox/InboxPage')) },
              guarded('applications.read', [
                {
                  path: '/applications',
                  lazy: page(() => import('../pages/applications/MyApplicationsPage')),
                },
                {
                  path: '/applications/:id',
                  lazy: page(() => import('../pages/applications/ApplicationPage')),
                },
              ]),
              guarded('applications.recommend', [
                { path: '/recommend', lazy: page(() => import('../pages/recommend/RecommendPage')) },
              ]),
              guarded('cultivation.read', [
                { path: '/cultivation', lazy: page(() => import('../pages/cultivation/CultivationPage')) },
              ]),
              guarded('applications.intake', [
                { path: '/intake', lazy: page(() => import('../pages/intake/IntakePage')) },
              ]),
              guarded('campaigns.write', [
                { path: '/campaigns', lazy: page(() => import('../pages/campaigns/CampaignsPage')) },
                { path: '/campaigns/new', lazy: page(() => import('../pages/campaigns/CampaignWizard')) },
                { path: '/campaigns/:id', lazy: page(() => import('../pages/campaigns/CampaignPage')) },
              ]),
              guarded('standards.write', [
                { path: '/standards', lazy: page(() => import('../pages/standards/StandardsPage')) },
              ]),
              guarded('organizations.read', [
                {
                  path: '/organizations',
                  lazy: page(() => import('../pages/organizations/OrganizationsPage')),
                },
              ]),
              guarded('organizations.import', [
                {
                  path: '/organizations/import',
                  lazy: page(() => import('../pages/organizations/ImportPage')),
                },
              ]),
              guarded('venues.read', [
                { path: '/venues', lazy: page(() => import('../pages/venues/VenuesPage')) },
              ]),
              guarded('accounts.read', [
                { path: '/accounts', lazy: page(() => import('../pages/accounts/AccountsPage')) },
              ]),
              guarded('audit.read', [
                { path: '/audit', lazy: page(() => import('../pages/audit/AuditPage')) },
              ]),
              { path: '*', lazy: page(() => import('./NotFoundPage')) },
            ],
          },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
