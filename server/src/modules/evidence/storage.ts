/**
 * Where evidence bytes live. `FileStore` is the seam: `LocalFileStore` (a directory on disk) is the
 * default; an S3-compatible store can implement the same four methods later (put = a streamed multipart
 * upload returning size and SHA-256, get = the object's body stream, delete, exists = HEAD) without the
 * service changing. Keys are ours (a random id under a prefix), never the uploader's file name.
 *
 * Uploads are first received into a local scratch directory (`Scratch`), where they are hashed while
 * streaming, inspected and (images) re-encoded; only then are they put into the store.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../../config';

export interface StoredFile {
  size: number;
  sha256: string;
}

export interface FileStore {
  /** Stores the stream under `key`, durably and atomically: a reader sees the whole file or none. */
  put(key: string, stream: Readable): Promise<StoredFile>;
  /** The bytes under `key`; the stream errors if there are none (call `exists` first). */
  get(key: string): Readable;
  /** Removes `key`; no error when it is already gone. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

const KEY = /^[a-z0-9]+(\/[a-z0-9][a-z0-9_.-]*)+$/;

/** A new storage key: `<prefix>/<2 hex>/<uuid>`; the fan-out keeps directories small. */
export function newKey(prefix: string): string {
  const id = crypto.randomUUID();
  return `${prefix}/${id.slice(0, 2)}/${id}`;
}

function checkKey(key: string): void {
  if (!KEY.test(key) || key.split('/').some((p) => p === '.' || p === '..'))
    throw new Error(`invalid storage key: ${key}`);
}

export class SizeLimitError extends Error {}

/**
 * Writes a stream to `file` (which must not exist) while hashing it, then fsyncs it. Stops with
 * `SizeLimitError` past `maxBytes`. The caller removes the file on failure.
 */
async function writeHashed(stream: Readable, file: string, maxBytes = Infinity): Promise<StoredFile> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  const fh = await fsp.open(file, 'wx', 0o600);
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > maxBytes) {
        stream.destroy();
        throw new SizeLimitError();
      }
      hash.update(buf);
      await fh.write(buf);
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
  return { size, sha256: hash.digest('hex') };
}

async function syncDir(dir: string): Promise<void> {
  const fh = await fsp.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** A local directory for files being received and processed; nothing in it outlives a request. */
export class Scratch {
  constructor(readonly dir: string) {}

  /** A fresh path in the scratch directory (not created). */
  path(suffix = ''): string {
    return path.join(this.dir, `${crypto.randomUUID()}${suffix}.part`);
  }

  /** Receives a stream into a new scratch file, hashing it; removes the file if anything fails. */
  async receive(stream: Readable, maxBytes = Infinity): Promise<StoredFile & { path: string }> {
    await fsp.mkdir(this.dir, { recursive: true });
    const file = this.path();
    try {
      return { ...(await writeHashed(stream, file, maxBytes)), path: file };
    } catch (err) {
      await this.discard(file);
      throw err;
    }
  }

  async discard(...files: (string | null | undefined)[]): Promise<void> {
    await Promise.all(files.filter((f): f is string => !!f).map((f) => fsp.rm(f, { force: true })));
  }

  /** Removes scratch files older than `maxAgeMs` (left by a crash); other processes' live files stay. */
  async sweep(now: number, maxAgeMs: number): Promise<number> {
    let removed = 0;
    const names = await fsp.readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      const file = path.join(this.dir, name);
      const st = await fsp.stat(file).catch(() => null);
      if (st?.isFile() && now - st.mtimeMs > maxAgeMs) {
        await fsp.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/**
 * Files under a root directory: `<root>/<key>`. `put` writes to `<root>/.tmp`, fsyncs, renames into
 * place and fsyncs the directory, so a crash never leaves a half-written file under a real key.
 */
export class LocalFileStore implements FileStore {
  readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, '.tmp');
  }

  private file(key: string): string {
    checkKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, stream: Readable): Promise<StoredFile> {
    const target = this.file(key);
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const tmp = path.join(this.tmpDir, `${crypto.randomUUID()}.put`);
    try {
      const stored = await writeHashed(stream, tmp);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.rename(tmp, target);
      await syncDir(path.dirname(target));
      return stored;
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
  }

  get(key: string): Readable {
    return fs.createReadStream(this.file(key));
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.file(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    const st = await fsp.stat(this.file(key)).catch(() => null);
    return !!st?.isFile();
  }
}

export interface EvidenceStorage {
  store: FileStore;
  scratch: Scratch;
  /** The local root (files and scratch); tests look inside it. */
  root: string;
}

const byConfig = new WeakMap<Readonly<Config>, EvidenceStorage>();

/**
 * The storage of one app, made once per configuration: `<SHIFAN_DATA_DIR>/files` (also with
 * DATABASE_URL), or, under NODE_ENV=test, a fresh directory `<tmp>/shifan-test-files-<pid>-<random>` per
 * test app (removed when the app closes) so tests never touch ./data and can look at exactly their own
 * files (`evidenceStorage(env.config)`).
 */
export function evidenceStorage(config: Readonly<Config>): EvidenceStorage {
  let s = byConfig.get(config);
  if (!s) {
    // Created on first use, so test apps that never upload leave nothing behind.
    const root =
      config.env === 'test'
        ? path.join(os.tmpdir(), `shifan-test-files-${process.pid}-${crypto.randomBytes(6).toString('hex')}`)
        : path.resolve(config.dataDir, 'files');
    const store = new LocalFileStore(root);
    s = { store, scratch: new Scratch(store.tmpDir), root };
    byConfig.set(config, s);
  }
  return s;
}
