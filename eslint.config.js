// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Imports point one way (STYLE habit 1): web → shared ← server; shared/domain is pure. */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

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
    rules: restrict([{ group: ['**/web/**', 'react', 'antd'], message: 'the server never imports the web' }]),
  },
  {
    files: ['server/src/modules/*/routes.ts', 'server/src/modules/*/*-routes.ts'],
    rules: restrict([
      { group: ['**/web/**'], message: 'the server never imports the web' },
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
