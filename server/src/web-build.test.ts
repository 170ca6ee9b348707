import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, webAddress, webState } from './web-build';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

function tree(files: Record<string, number>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shifan-web-'));
  roots.push(root);
  for (const [f, mtime] of Object.entries(files)) {
    const p = path.join(root, f);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f);
    fs.utimesSync(p, mtime, mtime);
  }
  return root;
}
const T = 1_750_000_000;

describe('npm start builds the web when web/dist is missing or stale (issue 7 §1.21)', () => {
  it('builds a fresh clone’s web before serving, then leaves it alone until a source changes', async () => {
    const root = tree({ 'web/src/main.tsx': T, 'shared/src/enums.ts': T + 5, 'web/index.html': T });
    const logged: string[] = [];
    const builds: string[] = [];
    const build = async (r: string) => {
      builds.push(r);
      fs.mkdirSync(path.join(r, 'web/dist'), { recursive: true });
      fs.writeFileSync(path.join(r, 'web/dist/index.html'), '<html></html>');
    };
    expect(webState(root)).toBe('missing');
    expect(await ensureWebBuilt((m) => logged.push(m), { root, build })).toEqual({
      state: 'missing',
      built: true,
    });
    expect(logged).toEqual(['web/dist is missing: building the web pages (npm run build:web)…']);
    expect(webState(root)).toBe('fresh');
    expect(await ensureWebBuilt((m) => logged.push(m), { root, build })).toEqual({
      state: 'fresh',
      built: false,
    });
    // A source newer than the build (shared/src counts: the web imports it) → rebuilt.
    const later = Date.now() / 1000 + 60;
    fs.utimesSync(path.join(root, 'shared/src/enums.ts'), later, later);
    expect(webState(root)).toBe('stale');
    expect((await ensureWebBuilt((m) => logged.push(m), { root, build })).built).toBe(true);
    expect(builds).toEqual([root, root]);
  });

  it('builds nothing where only web/dist ships, and starts without pages when the build fails', async () => {
    expect(webState(tree({ 'web/dist/index.html': T }))).toBe('fresh');
    expect(webState(tree({ 'server/src/main.ts': T }))).toBe('no_sources');
    const root = tree({ 'web/src/main.tsx': T });
    const failed = await ensureWebBuilt(() => undefined, {
      root,
      build: () => Promise.reject(new Error('vite is not installed')),
    });
    expect(failed).toEqual({ state: 'missing', built: false, error: 'vite is not installed' });
  });

  it('logs the address the pages are served at', () => {
    expect(webAddress('0.0.0.0', 3000)).toBe('http://localhost:3000/');
    expect(webAddress('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080/');
    expect(webAddress('::1', 3000)).toBe('http://[::1]:3000/');
  });
});
