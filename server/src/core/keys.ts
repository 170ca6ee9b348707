/**
 * Secret keys kept outside the database (AUD-03, DI-03): one JSON file, readable by the server's user
 * only (mode 0600), created at first start when absent. Each purpose (the audit chain today; field
 * encryption later) has numbered versions, so a key can be rotated without losing the old ones:
 *
 *     { "format": "shifan-keys", "version": 1,
 *       "keys": { "audit": { "1": "<base64, 32 bytes>" }, "sm4": { "1": "…", "2": "…" } } }
 *
 * The newest version of a purpose signs or encrypts new data; older versions still verify or decrypt.
 * A database backup without this file cannot be verified: back the file up separately (OPERATIONS.md).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const KEY_FILE_FORMAT = 'shifan-keys';
export const KEY_BYTES = 32;

export interface VersionedKey {
  purpose: string;
  version: number;
  key: Buffer;
}

/** The keys of the file, by purpose and version; read-only once loaded. */
export class KeyRing {
  constructor(
    /** Where the keys came from (null: generated in memory, for tests). */
    readonly file: string | null,
    private readonly keys: ReadonlyMap<string, ReadonlyMap<number, Buffer>>,
  ) {}

  /** The newest key of a purpose: new data is signed or encrypted with it. */
  current(purpose: string): VersionedKey {
    const versions = this.keys.get(purpose);
    if (!versions || versions.size === 0) throw new KeyFileError(`The key file has no "${purpose}" key`);
    const version = Math.max(...versions.keys());
    return { purpose, version, key: versions.get(version)! };
  }

  /** A given version of a purpose (to check data signed before a rotation); null when unknown. */
  get(purpose: string, version: number): Buffer | null {
    return this.keys.get(purpose)?.get(version) ?? null;
  }

  purposes(): string[] {
    return [...this.keys.keys()].sort();
  }
}

export class KeyFileError extends Error {}

const PURPOSE = /^[a-z][a-z0-9_]{0,31}$/;

interface KeyFileJson {
  format: typeof KEY_FILE_FORMAT;
  version: 1;
  keys: Record<string, Record<string, string>>;
}

/** A ring held in memory only (tests): one fresh key for each purpose asked for. */
export function memoryKeyRing(purposes: string[]): KeyRing {
  return new KeyRing(null, new Map(purposes.map((p) => [p, new Map([[1, crypto.randomBytes(KEY_BYTES)]])])));
}

/**
 * Reads the key file; when it is absent, creates it (directories included) with a new key for each of
 * `purposes`. A purpose the file lacks gets its version 1 added (a later feature's key joins the same
 * file). Refuses a file that others may read or write, a malformed file, and keys of the wrong length.
 */
export function loadKeyRing(file: string, purposes: string[]): KeyRing {
  for (const p of purposes) if (!PURPOSE.test(p)) throw new KeyFileError(`Bad key purpose "${p}"`);
  let json: KeyFileJson;
  if (fs.existsSync(file)) {
    checkMode(file);
    json = parse(file, fs.readFileSync(file, 'utf8'));
  } else {
    json = { format: KEY_FILE_FORMAT, version: 1, keys: {} };
  }
  const missing = purposes.filter((p) => !json.keys[p] || Object.keys(json.keys[p]).length === 0);
  if (missing.length > 0) {
    for (const p of missing) json.keys[p] = { '1': crypto.randomBytes(KEY_BYTES).toString('base64') };
    writeKeyFile(file, json);
  }
  return ringOf(file, json);
}

function checkMode(file: string): void {
  if (process.platform === 'win32') return;
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077)
    throw new KeyFileError(
      `The key file ${file} may be read or written by others (mode ${mode.toString(8)}): ` +
        `run chmod 600 ${file}`,
    );
}

function parse(file: string, text: string): KeyFileJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new KeyFileError(`The key file ${file} is not JSON`);
  }
  const j = raw as Partial<KeyFileJson>;
  if (!j || j.format !== KEY_FILE_FORMAT || j.version !== 1 || typeof j.keys !== 'object' || !j.keys)
    throw new KeyFileError(`The key file ${file} is not a Shifan key file (format "shifan-keys", version 1)`);
  return j as KeyFileJson;
}

function ringOf(file: string, json: KeyFileJson): KeyRing {
  const keys = new Map<string, Map<number, Buffer>>();
  for (const [purpose, versions] of Object.entries(json.keys)) {
    if (!PURPOSE.test(purpose)) throw new KeyFileError(`The key file ${file} has a bad purpose "${purpose}"`);
    const byVersion = new Map<number, Buffer>();
    for (const [v, b64] of Object.entries(versions ?? {})) {
      const version = Number(v);
      const key = typeof b64 === 'string' ? Buffer.from(b64, 'base64') : Buffer.alloc(0);
      if (!Number.isInteger(version) || version < 1 || String(version) !== v)
        throw new KeyFileError(`The key file ${file} has a bad version "${v}" for "${purpose}"`);
      if (key.length !== KEY_BYTES)
        throw new KeyFileError(`The key ${purpose} v${v} in ${file} is not ${KEY_BYTES} bytes of base64`);
      byVersion.set(version, key);
    }
    keys.set(purpose, byVersion);
  }
  return new KeyRing(file, keys);
}

/** Writes the whole file atomically (temp file with mode 0600, fsync, rename). */
function writeKeyFile(file: string, json: KeyFileJson): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(json, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
