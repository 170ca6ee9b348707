import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyFileError, loadKeyRing, memoryKeyRing } from './keys';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shifan-keys-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the key file', () => {
  it('is created at first load with mode 0600 and one 32-byte key per purpose, then read back unchanged', () => {
    const file = path.join(dir, 'sub', 'shifan-keys.json');
    const first = loadKeyRing(file, ['audit']);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(json.format).toBe('shifan-keys');
    expect(json.version).toBe(1);
    expect(Object.keys(json.keys)).toEqual(['audit']);
    expect(Object.keys(json.keys.audit)).toEqual(['1']);
    expect(Buffer.from(json.keys.audit['1'], 'base64')).toHaveLength(32);
    const again = loadKeyRing(file, ['audit']);
    expect(again.current('audit').key.equals(first.current('audit').key)).toBe(true);
    expect(again.current('audit').version).toBe(1);
    expect(fs.readdirSync(path.join(dir, 'sub'))).toEqual(['shifan-keys.json']);
  });

  it('adds a purpose the file lacks and keeps the keys it has; the newest version is current', () => {
    const file = path.join(dir, 'keys.json');
    const k1 = Buffer.alloc(32, 1).toString('base64');
    const k2 = Buffer.alloc(32, 2).toString('base64');
    fs.writeFileSync(
      file,
      JSON.stringify({ format: 'shifan-keys', version: 1, keys: { audit: { '1': k1, '2': k2 } } }),
      { mode: 0o600 },
    );
    const ring = loadKeyRing(file, ['audit', 'sm4']);
    expect(ring.current('audit')).toEqual({ purpose: 'audit', version: 2, key: Buffer.alloc(32, 2) });
    expect(ring.get('audit', 1)).toEqual(Buffer.alloc(32, 1));
    expect(ring.get('audit', 3)).toBeNull();
    expect(ring.purposes()).toEqual(['audit', 'sm4']);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(json.keys.audit).toEqual({ '1': k1, '2': k2 });
    expect(Buffer.from(json.keys.sm4['1'], 'base64')).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a file others may read, a file that is not a key file, and a key of the wrong length', () => {
    const file = path.join(dir, 'keys.json');
    loadKeyRing(file, ['audit']);
    fs.chmodSync(file, 0o644);
    expect(() => loadKeyRing(file, ['audit'])).toThrow(
      `The key file ${file} may be read or written by others (mode 644): run chmod 600 ${file}`,
    );
    fs.writeFileSync(file, '{"keys":{}}', { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    expect(() => loadKeyRing(file, ['audit'])).toThrow(KeyFileError);
    fs.writeFileSync(
      file,
      JSON.stringify({ format: 'shifan-keys', version: 1, keys: { audit: { '1': 'c2hvcnQ=' } } }),
    );
    expect(() => loadKeyRing(file, ['audit'])).toThrow(
      `The key audit v1 in ${file} is not 32 bytes of base64`,
    );
  });

  it('says which purpose is missing from a ring', () => {
    expect(() => memoryKeyRing(['audit']).current('sm4')).toThrow('The key file has no "sm4" key');
    expect(memoryKeyRing(['audit']).current('audit').key).toHaveLength(32);
  });
});
