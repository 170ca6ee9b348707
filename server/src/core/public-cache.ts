/**
 * The public pages' rendered responses (the publicity pages, the certificate verification answer), cached
 * per database handle: the JSON bytes and their ETag, built once and served until a change (publish, an
 * entry struck or substituted, certify, expiry) drops them, or until an entry's own `until` (the list of
 * open publicities: the first window's end; a valid title: the end of its validity). Each server
 * process keeps its own cache; a change made through another process is seen when that process's entry
 * expires (the list) — run one process, or put a shared cache in front, when that matters.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/client';

export interface Rendered {
  body: string;
  etag: string;
  /** Serve until this instant (ms); Infinity: until invalidated. */
  until: number;
}

const caches = new WeakMap<Db, Map<string, Rendered>>();

function cacheOf(db: Db): Map<string, Rendered> {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new Map()));
  return c;
}

export function rendered(body: string, until = Infinity): Rendered {
  const etag = `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, etag, until };
}

/** The cached response for `key`, or the one `render` makes (kept while it is valid). */
export async function cached(
  db: Db,
  key: string,
  now: Date,
  render: () => Promise<Rendered | null>,
): Promise<Rendered | null> {
  const c = cacheOf(db);
  const hit = c.get(key);
  if (hit && now.getTime() < hit.until) return hit;
  const fresh = await render();
  if (fresh) c.set(key, fresh);
  else c.delete(key);
  return fresh;
}

/** Drops every cached public response of this database (after a committed change). */
export function invalidatePublic(db: Db): void {
  caches.get(db)?.clear();
}
