/**
 * Once per browser-test run: an empty directory for the demo's seeded template (see startDemoServer in
 * harness.ts), removed when the run ends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplate: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shifan-e2e-demo-template-'));
  project.provide('demoTemplate', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
