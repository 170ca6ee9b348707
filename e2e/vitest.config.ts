import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Browser journeys (`npm run test:e2e`, after the web is built): each file starts a real server and
 * Debian's Chromium, so files run one at a time and get generous time limits.
 */
export default defineConfig({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
  test: {
    name: 'e2e',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'], // the demo seeded once per run, copied per file
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000, // a beforeAll starts the demo server (harness STARTUP_MS: up to 240 s)
  },
});
