// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Imports point one way (STYLE habit 1): web → shared ← server; shared/domain is pure. */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const NO_WEB = { group: ['**/web/**', 'react', 'antd'], message: 'the server never imports the web' };
/** Module borders: another module is reached through its service or its `queries.ts`, never its repo. */
const NO_FOREIGN_REPO = {
  group: ['../*/repo', '../*/*-repo'],
  message: "another module's repository is private: use its service or its queries.ts",
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'web/dist/', 'data/', 'data-demo/', 'server/src/db/migrations/', 'coverage/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([
      { group: ['**/server/**', '**/web/**'], message: 'shared imports nothing of server or web' },
      {
        group: ['node:*', 'fs', 'path', 'pg', 'drizzle-orm*', 'fastify*', '@electric-sql/*'],
        message: 'shared is pure: no I/O',
      },
    ]),
  },
  {
    files: ['server/**/*.ts'],
    rules: restrict([NO_WEB]),
  },
  {
    // The floors below the modules: core/ (context, errors, helpers) and http/ (Fastify glue). The app
    // hands them what they need of the modules (buildApp), so no import points up into modules/.
    files: ['server/src/core/**/*.ts'],
    rules: restrict([
      NO_WEB,
      {
        group: ['**/modules/**', '**/http/**', 'fastify*'],
        message: 'core/ sits below http/ and the modules',
      },
    ]),
  },
  {
    files: ['server/src/http/**/*.ts'],
    rules: restrict([
      NO_WEB,
      { group: ['**/modules/**'], message: 'http/ sits below the modules: buildApp hands it what it needs' },
    ]),
  },
  {
    files: ['server/src/modules/**/*.ts'],
    rules: restrict([NO_WEB, NO_FOREIGN_REPO]),
  },
  {
    files: ['server/src/modules/*/routes.ts', 'server/src/modules/*/*-routes.ts'],
    rules: restrict([
      NO_WEB,
      NO_FOREIGN_REPO,
      {
        group: ['**/db/schema', 'drizzle-orm', 'drizzle-orm/*'],
        message: 'routes call services; services and repositories touch tables',
      },
    ]),
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([
        {
          group: ['**/server/**', 'fastify*', 'drizzle-orm*', 'pg', 'node:*'],
          message: 'the web imports only shared',
        },
      ]),
    },
  },
);
