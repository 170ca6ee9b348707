import { createBrowserRouter, type RouteObject } from 'react-router';
import type { Action } from '../../../shared/src/domain/permissions';
import { RequireAbility, RequireSession } from './gates';
import { FullPageSpin, RouteError } from './fallbacks';
import { loadNamespaces } from '../i18n';
import type { Namespace } from '../i18n/namespaces';

/**
 * Code-split pages: each route loads its module and its area's catalogues (i18next namespaces) together on
 * first visit, so the page renders with its strings; `common` is always there.
 */
const page =
  (load: () => Promise<{ default: React.ComponentType }>, ns: readonly Namespace[] = []) =>
  async () => {
    const [mod] = await Promise.all([load(), loadNamespaces(ns)]);
    return { Component: mod.default };
  };

/** Pages inside the layout fail inside it: the menu and header stay (e.g. a lost connection says so there). */
const insideLayout = (children: RouteObject[]): RouteObject[] => [{ errorElement: <RouteError />, children }];

const guarded = (ability: Action, children: RouteObject[]): RouteObject => ({
  element: <RequireAbility ability={ability} />,
  children,
});

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageSpin />,
    children: [
      { path: '/login', lazy: page(() => import('../auth/LoginPage'), ['auth']) },
      {
        path: '/public/publicity/:id',
        lazy: page(() => import('../pages/publicity/PublicPublicityPage'), ['publicity']),
      },
      // A certificate's QR code: its public verification, without login.
      { path: '/verify/:token', lazy: page(() => import('../pages/publicity/VerifyPage'), ['publicity']) },
      {
        element: <RequireSession />,
        children: [
          { path: '/change-password', lazy: page(() => import('../auth/ChangePasswordPage'), ['auth']) },
          { path: '/login/code', lazy: page(() => import('../auth/SecondFactorPage'), ['auth']) },
          { path: '/second-factor/enrol', lazy: page(() => import('../auth/EnrolPage'), ['auth']) },
          // The room screen (1920×1080): the whole window, no menu.
          guarded('presentation.run', [
            {
              path: '/screen/sessions/:id',
              lazy: page(() => import('../pages/presentation/ScreenPage'), ['evaluation']),
            },
          ]),
          {
            lazy: page(() => import('../layout/AppLayout'), ['notifications']),
            children: insideLayout([
              {
                index: true,
                lazy: page(
                  () => import('../pages/dashboard/DashboardPage'),
                  ['dashboard', 'campaigns', 'evaluation'],
                ),
              },
              { path: '/inbox', lazy: page(() => import('../pages/inbox/InboxPage'), ['notifications']) },
              {
                path: '/account/security',
                lazy: page(() => import('../pages/security/SecurityPage'), ['auth']),
              },
              guarded('applications.read', [
                {
                  path: '/applications',
                  lazy: page(() => import('../pages/applications/MyApplicationsPage'), ['applications']),
                },
                {
                  path: '/applications/:id',
                  lazy: page(
                    () => import('../pages/applications/ApplicationPage'),
                    ['applications', 'decisions'],
                  ),
                },
              ]),
              guarded('applications.recommend', [
                {
                  path: '/recommend',
                  lazy: page(() => import('../pages/recommend/RecommendPage'), ['recommend', 'applications']),
                },
              ]),
              guarded('cultivation.read', [
                {
                  path: '/cultivation',
                  lazy: page(() => import('../pages/cultivation/CultivationPage'), ['cultivation']),
                },
              ]),
              guarded('applications.intake', [
                {
                  path: '/intake',
                  lazy: page(() => import('../pages/intake/IntakePage'), ['intake', 'standards']),
                },
              ]),
              guarded('campaigns.write', [
                {
                  path: '/campaigns',
                  lazy: page(() => import('../pages/campaigns/CampaignsPage'), ['campaigns']),
                },
                {
                  path: '/campaigns/new',
                  lazy: page(() => import('../pages/campaigns/CampaignWizard'), ['campaigns', 'standards']),
                },
                {
                  path: '/campaigns/:id',
                  lazy: page(
                    () => import('../pages/campaigns/CampaignPage'),
                    ['campaigns', 'standards', 'evaluation', 'decisions', 'publicity'],
                  ),
                },
              ]),
              guarded('titles.read', [
                { path: '/titles', lazy: page(() => import('../pages/titles/TitlesPage'), ['titles']) },
              ]),
              guarded('titles.manage', [
                {
                  path: '/titles/templates',
                  lazy: page(() => import('../pages/titles/TemplatesPage'), ['titles']),
                },
                {
                  path: '/rereviews',
                  lazy: page(() => import('../pages/titles/RereviewsPage'), ['titles']),
                },
                {
                  path: '/rereviews/:id',
                  lazy: page(() => import('../pages/titles/RereviewRoundPage'), ['titles']),
                },
                {
                  path: '/honours',
                  lazy: page(() => import('../pages/titles/HonoursPage'), ['titles']),
                },
              ]),
              guarded('reviews.read', [
                { path: '/reviews', lazy: page(() => import('../pages/reviews/MyReviewsPage'), ['reviews']) },
                {
                  path: '/reviews/:id',
                  lazy: page(() => import('../pages/reviews/ReviewSheetPage'), ['reviews']),
                },
              ]),
              guarded('peer.rate', [
                { path: '/peer', lazy: page(() => import('../pages/peer/PeerPage'), ['reviews']) },
              ]),
              guarded('evaluation.manage', [
                {
                  path: '/campaigns/:campaignId/stages/:stageId',
                  lazy: page(() => import('../pages/evaluation/StagePage'), ['evaluation', 'campaigns']),
                },
              ]),
              guarded('presentation.run', [
                {
                  path: '/campaigns/:campaignId/stages/:stageId/sessions',
                  lazy: page(() => import('../pages/presentation/SessionsPage'), ['evaluation']),
                },
                {
                  path: '/campaigns/:campaignId/stages/:stageId/sessions/:sessionId',
                  lazy: page(() => import('../pages/presentation/ChairPage'), ['evaluation']),
                },
              ]),
              guarded('reviews.read', [
                {
                  path: '/sessions/:id/panel',
                  lazy: page(() => import('../pages/presentation/PanelPage'), ['reviews']),
                },
              ]),
              guarded('decisions.manage', [
                {
                  path: '/campaigns/:id/decision',
                  lazy: page(() => import('../pages/decisions/DecisionPage'), ['decisions', 'campaigns']),
                },
              ]),
              guarded('reviewers.manage', [
                {
                  path: '/reviewers',
                  lazy: page(() => import('../pages/evaluation/ReviewersPage'), ['evaluation', 'accounts']),
                },
              ]),
              guarded('standards.write', [
                {
                  path: '/standards',
                  lazy: page(() => import('../pages/standards/StandardsPage'), ['standards']),
                },
              ]),
              guarded('organizations.read', [
                {
                  path: '/organizations',
                  lazy: page(
                    () => import('../pages/organizations/OrganizationsPage'),
                    ['organizations', 'venues'],
                  ),
                },
              ]),
              guarded('organizations.import', [
                {
                  path: '/organizations/import',
                  lazy: page(() => import('../pages/organizations/ImportPage'), ['organizations']),
                },
              ]),
              guarded('venues.read', [
                { path: '/venues', lazy: page(() => import('../pages/venues/VenuesPage'), ['venues']) },
              ]),
              guarded('accounts.read', [
                {
                  path: '/accounts',
                  lazy: page(() => import('../pages/accounts/AccountsPage'), ['accounts']),
                },
              ]),
              guarded('audit.read', [
                { path: '/audit', lazy: page(() => import('../pages/audit/AuditPage'), ['audit']) },
              ]),
              { path: '*', lazy: page(() => import('./NotFoundPage')) },
            ]),
          },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
