import type common from './zh-CN/common';
import type auth from './zh-CN/auth';
import type dashboard from './zh-CN/dashboard';
import type organizations from './zh-CN/organizations';
import type venues from './zh-CN/venues';
import type accounts from './zh-CN/accounts';
import type audit from './zh-CN/audit';
import type standards from './zh-CN/standards';
import type campaigns from './zh-CN/campaigns';
import type intake from './zh-CN/intake';
import type applications from './zh-CN/applications';
import type recommend from './zh-CN/recommend';
import type cultivation from './zh-CN/cultivation';
import type notifications from './zh-CN/notifications';
import type evaluation from './zh-CN/evaluation';
import type reviews from './zh-CN/reviews';
import type decisions from './zh-CN/decisions';
import type publicity from './zh-CN/publicity';
import type titles from './zh-CN/titles';
import type { Namespace } from './namespaces';

/** Every namespace's shape, from its zh-CN file (types only: nothing is bundled by this import). */
export interface Resources {
  common: typeof common;
  auth: typeof auth;
  dashboard: typeof dashboard;
  organizations: typeof organizations;
  venues: typeof venues;
  accounts: typeof accounts;
  audit: typeof audit;
  standards: typeof standards;
  campaigns: typeof campaigns;
  intake: typeof intake;
  applications: typeof applications;
  recommend: typeof recommend;
  cultivation: typeof cultivation;
  notifications: typeof notifications;
  evaluation: typeof evaluation;
  reviews: typeof reviews;
  decisions: typeof decisions;
  publicity: typeof publicity;
  titles: typeof titles;
}

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** A namespace's shape with every leaf a string: `en/<ns>.ts` must have exactly the keys of `zh-CN/<ns>.ts`. */
export type Messages<N extends Namespace> = Strings<Resources[N]>;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    fallbackNS: 'common';
    resources: Resources;
  }
}
