/**
 * `npm start` on a fresh clone serves the web (issue 7 §1.21): before listening, the web is built when
 * `web/dist` is missing or older than its sources (web/src, web/index.html, web/public, the vite config
 * and shared/src, which the web imports). Where the sources are not there (a deployment that ships
 * web/dist only) nothing is built; where the build fails the API still starts and the log says so.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built web's entry page, as `app.ts` serves it. */
export const WEB_INDEX = path.join(REPO_ROOT, 'web/dist/index.html');

/** The newest modification time (ms) of the files under `paths` (files or directories), 0 if none. */
export function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const walk = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p))
        if (name !== 'node_modules' && name !== 'dist') walk(path.join(p, name));
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const p of paths) walk(p);
  return newest;
}

export type WebState = 'missing' | 'stale' | 'fresh' | 'no_sources';

/** Whether the built web is there and newer than its sources. */
export function webState(root = REPO_ROOT): WebState {
  const sources = newestMtime([
    path.join(root, 'web/src'),
    path.join(root, 'web/index.html'),
    path.join(root, 'web/public'),
    path.join(root, 'web/vite.config.ts'),
    path.join(root, 'shared/src'),
  ]);
  const index = path.join(root, 'web/dist/index.html');
  if (!fs.existsSync(index)) return sources > 0 ? 'missing' : 'no_sources';
  if (sources === 0) return 'fresh';
  return fs.statSync(index).mtimeMs < sources ? 'stale' : 'fresh';
}

export interface WebBuildResult {
  state: WebState;
  built: boolean;
  /** Why the web is not served, when it is not. */
  error?: string;
}

/** `vite build --config web/vite.config.ts` with the project's own vite. */
async function viteBuild(root: string): Promise<void> {
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  if (!fs.existsSync(vite)) throw new Error('vite is not installed (npm install, with dev dependencies)');
  await promisify(execFile)(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Builds the web when it is missing or stale; `build` is replaceable for tests. */
export async function ensureWebBuilt(
  log: (msg: string) => void,
  opts: { root?: string; build?: (root: string) => Promise<void> } = {},
): Promise<WebBuildResult> {
  const root = opts.root ?? REPO_ROOT;
  const state = webState(root);
  if (state === 'fresh' || state === 'no_sources') return { state, built: false };
  log(
    state === 'missing'
      ? 'web/dist is missing: building the web pages (npm run build:web)…'
      : 'web/dist is older than the web sources: rebuilding the web pages (npm run build:web)…',
  );
  try {
    await (opts.build ?? viteBuild)(root);
    return { state, built: true };
  } catch (err) {
    return { state, built: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Where a listening server's pages are, for the log: `http://localhost:3000/` for 0.0.0.0 too. */
export function webAddress(host: string, port: number): string {
  const h =
    host === '0.0.0.0' || host === '::' || host === ''
      ? 'localhost'
      : host.includes(':')
        ? `[${host}]`
        : host;
  return `http://${h}:${port}/`;
}
