/**
 * The signed archive of audit events (issue #9 §4), JSON lines in UTF-8:
 *
 *     {"format":"shifan-audit-archive","version":1,"fromSeq":…,"throughSeq":…,"events":…,
 *      "previousLink":"…","throughLink":"…","before":"…","createdAt":"…","keyVersion":v}
 *     {"id":…,"seq":…,"keyVersion":…,"at":"…",…,"link":"…"}        one line per event, seq order
 *     {"signature":"<HMAC-SM3 hex>"}
 *
 * Each event line holds every stored field with its chain link; `previousLink` is the link before the
 * first event (64 zeros for seq 1), so the inner chain checks on its own and joins the archive before it.
 * The signature is HMAC-SM3 with audit key `keyVersion` over every byte before its line.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { AUDIT_KEY, auditKeys, stableJson, type AuditRow } from './chain';
import { check } from './verify';

export const ARCHIVE_FORMAT = 'shifan-audit-archive';

export interface ArchiveHeader {
  format: typeof ARCHIVE_FORMAT;
  version: 1;
  fromSeq: number;
  throughSeq: number;
  events: number;
  previousLink: string;
  throughLink: string;
  /** Every archived event was written before this instant (ISO). */
  before: string;
  createdAt: string;
  /** The audit key version of the signature. */
  keyVersion: number;
}

/** What a verified archive holds, and the SM3 of the whole file. */
export interface ArchiveCheck {
  ok: boolean;
  header: ArchiveHeader | null;
  /** Events whose link was checked. */
  checked: number;
  sm3: string;
  failure: string | null;
}

export const eventLine = (e: AuditRow): string => stableJson({ ...e, at: e.at.toISOString() });

/**
 * Writes the archive next to `file` (`.partial`) and renames it into place once written and synced;
 * refuses a file that exists. On failure the partial file is removed and the error passes on.
 */
export async function writeArchiveFile(
  file: string,
  header: Omit<ArchiveHeader, 'format' | 'version' | 'keyVersion'>,
  batches: AsyncIterable<AuditRow[]>,
): Promise<void> {
  if (fs.existsSync(file)) throw new Error(`${file} exists: an archive is never overwritten`);
  const { version, key } = auditKeys().current(AUDIT_KEY);
  const partial = `${file}.partial`;
  const out = await fsp.open(partial, 'wx', 0o600);
  try {
    const mac = crypto.createHmac('sm3', key);
    const put = async (text: string) => {
      mac.update(text);
      await out.write(text);
    };
    await put(`${stableJson({ format: ARCHIVE_FORMAT, version: 1, ...header, keyVersion: version })}\n`);
    for await (const batch of batches) await put(batch.map((e) => `${eventLine(e)}\n`).join(''));
    await out.write(`${stableJson({ signature: mac.digest('hex') })}\n`);
    await out.sync();
    await out.close();
    await fsp.rename(partial, file);
  } catch (err) {
    await out.close().catch(() => undefined);
    await fsp.rm(partial, { force: true });
    throw err;
  }
}

/** The lines of a file as buffers (without their "\n"), feeding every byte to `hash` on the way. */
async function* linesOf(file: string, hash: crypto.Hash): AsyncGenerator<Buffer> {
  let rest = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    let buf = Buffer.concat([rest, chunk]);
    for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a)) {
      yield buf.subarray(0, nl);
      buf = buf.subarray(nl + 1);
    }
    rest = buf;
  }
  if (rest.length > 0) yield rest;
}

/** Checks an archive: its header, the chain of its events from `previousLink`, its count and signature. */
export async function verifyArchiveFile(file: string): Promise<ArchiveCheck> {
  const sm3 = crypto.createHash('sm3');
  const reader = new ArchiveReader();
  let pending: Buffer | null = null;
  let n = 0;
  let failure: string | null = null;
  for await (const line of linesOf(file, sm3)) {
    if (pending && !failure) failure = reader.line(pending, n);
    pending = line;
    n++;
  }
  failure ??= pending ? reader.end(pending, n) : 'The file is empty';
  return {
    ok: failure === null,
    header: reader.header,
    checked: reader.checked,
    sm3: sm3.digest('hex'),
    failure,
  };
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** Reads an archive line by line: the header, then events, then (`end`) the signature. */
class ArchiveReader {
  header: ArchiveHeader | null = null;
  checked = 0;
  private mac: crypto.Hmac | null = null;
  private seq = 0;
  private link = '';

  line(bytes: Buffer, n: number): string | null {
    const v = parse(bytes.toString('utf8'));
    if (v === undefined) return `Line ${n} is not JSON (damaged)`;
    this.mac?.update(bytes).update('\n');
    if (n === 1) return this.start(v, bytes);
    if (typeof v !== 'object' || v === null || typeof (v as { at?: unknown }).at !== 'string')
      return `Line ${n} is not an audit event (damaged)`;
    const e = v as AuditRow & { at: string };
    const failure = check({ ...e, at: new Date(e.at) }, this.seq + 1, this.link, (k) =>
      auditKeys().get(AUDIT_KEY, k),
    );
    if (failure) return `Line ${n}: ${failure.message}`;
    this.checked++;
    this.seq = e.seq!;
    this.link = e.link!;
    return null;
  }

  private start(v: unknown, bytes: Buffer): string | null {
    const h = v as ArchiveHeader;
    if (h?.format !== ARCHIVE_FORMAT || h.version !== 1) return 'Line 1 is not a Shifan audit archive header';
    const key = auditKeys().get(AUDIT_KEY, h.keyVersion);
    if (!key) return `The archive was signed with audit key v${h.keyVersion}, which the key file lacks`;
    this.header = h;
    this.mac = crypto.createHmac('sm3', key).update(bytes).update('\n');
    this.seq = h.fromSeq - 1;
    this.link = h.previousLink;
    return null;
  }

  end(last: Buffer, n: number): string | null {
    const h = this.header;
    if (!h) return 'The archive has no header';
    if (this.checked !== h.events || this.seq !== h.throughSeq || this.link !== h.throughLink)
      return (
        `The archive ends at seq ${this.seq} after ${this.checked} events; its header says ` +
        `seq ${h.throughSeq}, ${h.events} events, last link ${h.throughLink}`
      );
    const sig = (parse(last.toString('utf8')) as { signature?: unknown } | undefined)?.signature;
    if (typeof sig !== 'string') return `Line ${n} is not the archive's signature (damaged or cut short)`;
    if (sig !== this.mac!.digest('hex'))
      return "The archive's signature does not match its content (changed after it was written)";
    return null;
  }
}
