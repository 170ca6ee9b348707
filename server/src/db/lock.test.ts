import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from './lock';

const root = path.resolve(import.meta.dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shifan-lock-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, SHIFAN_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out };
}

async function waitFor(pred: () => boolean, ms = 60_000) {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the PGlite data directory lock', () => {
  it('makes a second server on the same directory exit with code 2 and a clear message', async () => {
    const dir = path.join(tmp, 'shared');
    const first = run({ SHIFAN_DATA_DIR: dir, PORT: '0' });
    await waitFor(() => first.output().includes('Shifan is running'));
    const second = run({ SHIFAN_DATA_DIR: dir, PORT: '0' });
    expect(await second.exited).toBe(2);
    expect(second.output()).toContain('The data directory is in use by another Shifan process');
    expect(second.output()).toContain(`pid ${first.child.pid}`);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0); // graceful shutdown closes the database and releases the lock
    expect(fs.existsSync(path.join(dir, 'shifan.lock'))).toBe(false);
  });

  it('takes over a stale lock whose process is gone', () => {
    const dir = path.join(tmp, 'stale');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'shifan.lock'), '999999999\n');
    const lock = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'shifan.lock'), 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
    expect(fs.existsSync(path.join(dir, 'shifan.lock'))).toBe(false);
  });
});
