/**
 * The one Drizzle schema (STYLE habit 5), split by bounded context under `tables/`. Migrations are
 * generated from it with `npm run db:generate` and committed; they run unchanged on PGlite and PostgreSQL.
 */
export * from './tables/foundation';
export * from './tables/campaigns';
