/**
 * The browser-test harness: a real Shifan server in a child process (on a free port, with its own
 * temporary data directory) and Debian's Chromium driven by playwright-core. See docs/TESTING.md.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { DEMO_PASSWORD } from '../server/src/demo/data';

export { DEMO_PASSWORD };

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');
export const CHROMIUM = '/usr/bin/chromium';
export const DESKTOP = { width: 1366, height: 768 } as const;
export const PHONE = { width: 390, height: 844 } as const;

// The demo seeds its closed years through the real services (~50 s on a busy 2-core machine, twice that
// under heavy load): a server that is not healthy in 4 minutes is broken, not slow.
const STARTUP_MS = Number(process.env.SHIFAN_E2E_STARTUP_MS) || 240_000;

export interface TestServer {
  url: string;
  dataDir: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface BootstrapAdmin {
  username: string;
  password: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The servers' environment. The second factor (SHIFAN_MFA_REQUIRED_ROLES) is required of no role here, so
 * the journeys log in with the password as before (the demo relaxes it too); a journey that tests the
 * requirement passes `extra` (e.g. `{ SHIFAN_MFA_REQUIRED_ROLES: 'committee_admin' }`) and enrols and
 * logs in with codes.
 */
function serverEnv(dataDir: string, port: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SHIFAN_MFA_REQUIRED_ROLES: 'none',
    ...extra,
    NODE_ENV: 'production',
    // Production on the embedded database: the journeys run on PGlite by design.
    SHIFAN_ALLOW_EMBEDDED: 'true',
    HOST: '127.0.0.1',
    PORT: String(port),
    SHIFAN_DATA_DIR: dataDir,
    SHIFAN_LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  return env;
}

/** Runs a TypeScript entry of the server with tsx's loader in one Node process (signals reach it). */
function tsxArgs(entry: string, args: string[] = []): string[] {
  return ['--import', 'tsx', path.join(REPO_ROOT, entry), ...args];
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `The server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output()}`,
      );
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server was not healthy within ${STARTUP_MS / 1000} s:\n${output()}`);
}

async function launchServer(
  entry: string,
  args: string[],
  dataDir: string,
  extra: NodeJS.ProcessEnv = {},
  { keepDataDir = false }: { keepDataDir?: boolean } = {},
): Promise<TestServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, tsxArgs(entry, args), {
    cwd: REPO_ROOT,
    env: serverEnv(dataDir, port, extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopped = false;
  const server: TestServer = {
    url,
    dataDir,
    output: () => log,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM'); // the server closes PGlite cleanly on SIGTERM
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      if (!keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitForHealth(url, child, server.output);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'shifan-e2e-'));
}

/** `npm run demo` without the web build (test:e2e has built it): it seeds a fresh data directory, then serves it. */
async function startDemoServerFromCli(extra: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  return launchServer('server/src/cli.ts', ['demo'], tempDataDir(), extra);
}

const TEMPLATE_READY = '.e2e-template-ready';

/**
 * The demo's data directory seeded once per run (e2e/global-setup.ts provides an empty directory): the
 * first caller runs `shifan demo` in it and stops it cleanly; every caller serves a copy. Seeding takes
 * ~50 s (the closed years go through the real services), serving a copy a few seconds.
 */
async function demoTemplate(): Promise<string | null> {
  const dir = inject('demoTemplate');
  if (!dir) return null;
  if (!fs.existsSync(path.join(dir, TEMPLATE_READY))) {
    const seeding = await launchServer('server/src/cli.ts', ['demo'], dir, {}, { keepDataDir: true });
    await seeding.stop();
    fs.writeFileSync(path.join(dir, TEMPLATE_READY), new Date().toISOString());
  }
  return dir;
}

/**
 * A server on the demo's data (seeded data, demo accounts, SHIFAN_DEMO): a copy of the run's seeded
 * template served by `npm start`, or the CLI's demo when there is no template (the file run outside vitest).
 */
export async function startDemoServer(extra: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const template = await demoTemplate();
  if (!template) return startDemoServerFromCli(extra);
  const dataDir = tempDataDir();
  fs.cpSync(template, dataDir, { recursive: true, filter: (src) => path.basename(src) !== TEMPLATE_READY });
  return launchServer('server/src/main.ts', [], dataDir, { SHIFAN_DEMO: 'true', ...extra });
}

/**
 * A real-use server (`npm start`) on an empty database. With `admin`, the first administrator is
 * created through the CLI first (`npm run shifan -- admin create`) and its one-time password returned.
 */
export async function startFreshServer(
  opts: { admin?: { username: string; displayName?: string } } = {},
): Promise<{ server: TestServer; admin: BootstrapAdmin | null }> {
  const dataDir = tempDataDir();
  let admin: BootstrapAdmin | null = null;
  if (opts.admin) {
    const args = ['admin', 'create', '--username', opts.admin.username];
    if (opts.admin.displayName) args.push('--display-name', opts.admin.displayName);
    const { stdout } = await promisify(execFile)(process.execPath, tsxArgs('server/src/cli.ts', args), {
      cwd: REPO_ROOT,
      env: serverEnv(dataDir, 0),
    });
    const m = /One-time password[^:]*:\s*(\S+)/.exec(stdout);
    if (!m) throw new Error(`No one-time password in the CLI output:\n${stdout}`);
    admin = { username: opts.admin.username, password: m[1]! };
  }
  return { server: await launchServer('server/src/main.ts', [], dataDir), admin };
}

/**
 * A real-use server (`npm start`) on a database a seeding script filled first: `tsx <entry> <dataDir>`
 * runs before the server opens the directory; what the script printed is returned (ids it created).
 */
export async function startSeededServer(entry: string): Promise<{ server: TestServer; seeded: string }> {
  const dataDir = tempDataDir();
  const { stdout } = await promisify(execFile)(process.execPath, tsxArgs(entry, [dataDir]), {
    cwd: REPO_ROOT,
    env: serverEnv(dataDir, 0),
  });
  return { server: await launchServer('server/src/main.ts', [], dataDir), seeded: stdout };
}

/** Debian's Chromium, headless. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A fresh browser context (own cookies) and page on the server, zh-CN by default. */
export async function openPage(
  browser: Browser,
  server: TestServer,
  opts: { viewport?: { width: number; height: number }; locale?: string; timezoneId?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: opts.viewport ?? DESKTOP,
    locale: opts.locale ?? 'zh-CN',
    timezoneId: opts.timezoneId ?? 'Asia/Shanghai',
  });
  context.setDefaultTimeout(20_000);
  return context.newPage();
}

/**
 * Saves a screenshot as test-results/e2e/<name>.png and returns its path: the full page by default, the
 * viewport with `fullPage: false` (a drawer or modal covers only the viewport). Finite animations
 * (drawers sliding in, messages fading) finish first so the picture shows the settled page.
 */
export async function screenshot(
  page: Page,
  name: string,
  opts: { fullPage?: boolean } = {},
): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await animationsDone(page);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? true });
  return file;
}

/**
 * Waits (up to 5 s) until no finite CSS animation or transition is running (spinners and other endless
 * ones aside). A page that never settles is still photographed: the picture is for people, not a check.
 */
export async function animationsDone(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
}

/** Fills the login form (the web's data-testid hooks) and submits it. */
export async function logIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}
