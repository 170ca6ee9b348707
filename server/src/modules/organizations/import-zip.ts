/**
 * A structural check of an .xlsx container before exceljs reads it: exceljs's streaming reader can hang
 * forever on some corrupt archives, so a broken upload must be refused here first. The check walks the
 * central directory, matches each local header, inflates every entry and compares its CRC-32 — the
 * inflated bytes are counted and dropped (nothing is kept in memory), with a cap against zip bombs.
 */
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  dataStart: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX = 0xffffffff;

function u64(b: Buffer, at: number): number {
  return Number(b.readBigUInt64LE(at));
}

function need(b: Buffer, at: number, len: number): void {
  if (at < 0 || at + len > b.length) throw new ZipError('truncated archive');
}

/** Finds the central directory (plain or ZIP64): where it starts and how many entries it holds. */
function directory(b: Buffer): { offset: number; count: number } {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= stop; i--) {
    if (b.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('no end of central directory (truncated archive?)');
  let count = b.readUInt16LE(eocd + 10);
  let offset = b.readUInt32LE(eocd + 16);
  if ((count === 0xffff || offset === MAX) && eocd >= 20 && b.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
    const at = u64(b, eocd - 20 + 8);
    need(b, at, 56);
    if (b.readUInt32LE(at) !== ZIP64_EOCD) throw new ZipError('bad ZIP64 directory');
    count = u64(b, at + 32);
    offset = u64(b, at + 48);
  }
  return { offset, count };
}

/** Reads the ZIP64 extra field for sizes/offset stored as 0xFFFFFFFF in the central header. */
function zip64Extra(extra: Buffer, fields: { size: number; compressed: number; offset: number }) {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const len = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let p = at + 4;
      const take = (): number => {
        if (p + 8 > at + 4 + len) throw new ZipError('bad ZIP64 extra field');
        const v = u64(extra, p);
        p += 8;
        return v;
      };
      if (fields.size === MAX) fields.size = take();
      if (fields.compressed === MAX) fields.compressed = take();
      if (fields.offset === MAX) fields.offset = take();
    }
    at += 4 + len;
  }
  return fields;
}

/** The entries of the archive, with their local headers checked. Throws ZipError when malformed. */
export function listEntries(b: Buffer): ZipEntry[] {
  if (b.length < 22) throw new ZipError('too short');
  const { offset, count } = directory(b);
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    need(b, at, 46);
    if (b.readUInt32LE(at) !== CENTRAL) throw new ZipError('bad central directory');
    const method = b.readUInt16LE(at + 10);
    const crc = b.readUInt32LE(at + 16);
    const nameLen = b.readUInt16LE(at + 28);
    const extraLen = b.readUInt16LE(at + 30);
    const commentLen = b.readUInt16LE(at + 32);
    need(b, at + 46, nameLen + extraLen + commentLen);
    const name = b.toString('utf8', at + 46, at + 46 + nameLen);
    const f = zip64Extra(b.subarray(at + 46 + nameLen, at + 46 + nameLen + extraLen), {
      compressed: b.readUInt32LE(at + 20),
      size: b.readUInt32LE(at + 24),
      offset: b.readUInt32LE(at + 42),
    });
    need(b, f.offset, 30);
    if (b.readUInt32LE(f.offset) !== LOCAL) throw new ZipError(`bad local header of ${name}`);
    const dataStart = f.offset + 30 + b.readUInt16LE(f.offset + 26) + b.readUInt16LE(f.offset + 28);
    need(b, dataStart, f.compressed);
    if (method !== 0 && method !== 8) throw new ZipError(`unsupported compression of ${name}`);
    entries.push({ name, method, crc, compressedSize: f.compressed, size: f.size, dataStart });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Inflates one entry chunk by chunk, checking its size and CRC-32 without keeping the bytes. */
async function verifyEntry(b: Buffer, e: ZipEntry, budget: { left: number }): Promise<void> {
  const data = b.subarray(e.dataStart, e.dataStart + e.compressedSize);
  let crc = 0;
  let size = 0;
  const account = (chunk: Buffer) => {
    size += chunk.length;
    budget.left -= chunk.length;
    if (budget.left < 0) throw new ZipError('archive expands too much');
    crc = zlib.crc32(chunk, crc);
  };
  if (e.method === 0) account(data);
  else {
    const inflate = zlib.createInflateRaw();
    try {
      for await (const chunk of Readable.from([data]).pipe(inflate)) account(chunk as Buffer);
    } catch (err) {
      inflate.destroy();
      if (err instanceof ZipError) throw err;
      throw new ZipError(`corrupt data in ${e.name}`);
    }
  }
  if (size !== e.size || crc >>> 0 !== e.crc >>> 0) throw new ZipError(`checksum mismatch in ${e.name}`);
}

/**
 * Checks the whole archive and returns its entry names. `maxExpanded` caps the total inflated size.
 * Throws ZipError when anything is off.
 */
export async function checkZip(b: Buffer, maxExpanded: number): Promise<string[]> {
  const entries = listEntries(b);
  const budget = { left: maxExpanded };
  for (const e of entries) await verifyEntry(b, e, budget);
  return entries.map((e) => e.name);
}
