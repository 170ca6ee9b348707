/**
 * The one Drizzle schema (STYLE habit 5), one table file per bounded context under `tables/` (named after
 * the module in `server/src/modules/` that owns the tables). Every database enum takes its values from a
 * constant in `shared/` (`schema.test.ts` checks them). Migrations are generated from this barrel with
 * `npm run db:generate` and committed; they run unchanged on PGlite and PostgreSQL. Large tables keep
 * `unit_id` so they can be distributed by unit later (DESIGN §6).
 */
export * from './tables/organizations';
export * from './tables/venues';
export * from './tables/accounts';
export * from './tables/auth';
export * from './tables/audit';
export * from './tables/standards';
export * from './tables/campaigns';
export * from './tables/cultivation';
export * from './tables/applications';
export * from './tables/evidence';
export * from './tables/notifications';
export * from './tables/jobs';
export * from './tables/stages';
export * from './tables/reviewers';
export * from './tables/assignments';
export * from './tables/reviews';
export * from './tables/peer';
export * from './tables/presentation';
export * from './tables/results';
export * from './tables/decisions';
export * from './tables/publicity';
export * from './tables/titles';
export * from './tables/privileged';
export * from './tables/rereviews';
export * from './tables/honours';
