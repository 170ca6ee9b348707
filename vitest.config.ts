import { defineConfig } from 'vitest/config';

/**
 * API-project files that never touch the test database (pure server code, or the PGlite data-directory
 * lock, which is PGlite's alone): `npm run test:pg` (TEST_DATABASE_URL set) leaves them out, since a run on
 * PostgreSQL would repeat them unchanged. Add a file here only if it imports no database fixture.
 */
const ENGINE_INDEPENDENT = [
  'server/src/config.test.ts',
  'server/src/core/export-purpose.test.ts',
  'server/src/core/keys.test.ts',
  'server/src/core/totp.test.ts',
  'server/src/db/lock.test.ts',
  'server/src/demo/review-scores.test.ts',
  'server/src/modules/organizations/import-plan.test.ts',
  'server/src/modules/evidence/inspect.test.ts',
  'server/src/web-build.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: ['server/**/*.test.ts'],
          exclude: process.env.TEST_DATABASE_URL ? ENGINE_INDEPENDENT : [],
          globalSetup: ['server/test/global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
