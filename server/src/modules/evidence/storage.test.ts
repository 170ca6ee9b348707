import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalFileStore, newKey, Scratch, SizeLimitError } from './storage';
import { filesUnder } from './test-kit';

let root: string;
let store: LocalFileStore;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'shifan-store-test-'));
  store = new LocalFileStore(root);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** A stream that yields `chunks` and then fails, like a client that disconnects mid-upload. */
function failing(chunks: Buffer[]): Readable {
  return Readable.from(
    (async function* () {
      for (const c of chunks) yield c;
      throw new Error('connection reset');
    })(),
  );
}

describe('LocalFileStore', () => {
  it('stores a stream under its key and reports size and SHA-256', async () => {
    const bytes = crypto.randomBytes(200_000);
    const key = newKey('evidence');
    expect(key).toMatch(/^evidence\/[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    const stored = await store.put(key, Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
    expect(stored).toEqual({
      size: 200_000,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    });
    expect(await store.exists(key)).toBe(true);
    const back = Buffer.concat(await store.get(key).toArray());
    expect(back.equals(bytes)).toBe(true);
    expect(filesUnder(root)).toEqual([key]);
    await store.delete(key);
    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
  });

  it('leaves nothing under the key, nor in its temp directory, when the stream fails', async () => {
    const key = newKey('evidence');
    await expect(store.put(key, failing([Buffer.alloc(5000, 1)]))).rejects.toThrow('connection reset');
    expect(await store.exists(key)).toBe(false);
    expect(filesUnder(root)).toEqual([]);
  });

  it('refuses keys that are not ours (paths, traversal)', async () => {
    for (const key of ['../x', 'evidence/../../x', '/etc/passwd', 'evidence', 'Evidence/a', 'evidence//a'])
      await expect(store.put(key, Readable.from([Buffer.from('x')]))).rejects.toThrow('invalid storage key');
    expect(filesUnder(root)).toEqual([]);
  });
});

describe('Scratch', () => {
  it('receives a stream with its hash, and removes the file past the size limit', async () => {
    const scratch = new Scratch(path.join(root, '.tmp'));
    const ok = await scratch.receive(Readable.from([Buffer.alloc(10, 7)]), 10);
    expect(ok.size).toBe(10);
    expect(fs.readFileSync(ok.path).equals(Buffer.alloc(10, 7))).toBe(true);
    await scratch.discard(ok.path, null, undefined);
    await expect(
      scratch.receive(Readable.from([Buffer.alloc(6), Buffer.alloc(5)]), 10),
    ).rejects.toBeInstanceOf(SizeLimitError);
    await expect(scratch.receive(failing([Buffer.alloc(3)]))).rejects.toThrow('connection reset');
    expect(filesUnder(root)).toEqual([]);
  });

  it('sweeps files left by a crash, not the ones being written now', async () => {
    const scratch = new Scratch(path.join(root, '.tmp'));
    const old = await scratch.receive(Readable.from([Buffer.from('old')]));
    const fresh = await scratch.receive(Readable.from([Buffer.from('new')]));
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    fs.utimesSync(old.path, dayAgo, dayAgo);
    expect(await scratch.sweep(Date.now(), 24 * 3600_000)).toBe(1);
    expect(filesUnder(scratch.dir)).toEqual([path.basename(fresh.path)]);
  });
});
