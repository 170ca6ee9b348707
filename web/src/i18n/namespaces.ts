/**
 * The catalogues' namespaces: one per area of the product, each a pair of files `zh-CN/<ns>.ts` and
 * `en/<ns>.ts`. `common` (the shell, shared words, errors, validation, the glossary enums) is bundled and
 * always loaded; the others load with the routes that need them (`router.tsx`) and are the fallback-free
 * home of their area's strings. A key missing from an area namespace is looked up in `common`.
 */
export const NAMESPACES = [
  'common',
  'auth',
  'dashboard',
  'organizations',
  'venues',
  'accounts',
  'audit',
  'standards',
  'campaigns',
  'intake',
  'applications',
  'recommend',
  'cultivation',
  'notifications',
  'evaluation',
  'reviews',
  'decisions',
  'publicity',
  'titles',
] as const;

export type Namespace = (typeof NAMESPACES)[number];
