/**
 * Fixtures for the titles tests and matrix rows: a publicity whose window has ended (published before
 * National Day 2026, the window ends 2026-10-12 24:00 China time), and one certified through the service.
 */
import type { Db } from '../../db/client';
import type { Actor } from '../../core/context';
import type { insertOrg } from '../../../test/helpers';
import { seedPublished } from '../publicity/test-kit';
import { certify } from './certify';

type Org = Awaited<ReturnType<typeof insertOrg>>;

/** 2026-09-30 10:00 in China: publishing then, the window ends with 2026-10-12. */
export const PUBLISHED_AT = new Date('2026-09-30T02:00:00.000Z');
/** 2026-10-13 09:00 in China: the first morning after the window. */
export const AFTER_WINDOW = new Date('2026-10-13T01:00:00.000Z');

export function ctxAt(actor: Actor | null, now: Date) {
  return { actor, ip: null, requestId: null, lang: 'zh-CN' as const, now };
}

/** A publicity published at PUBLISHED_AT (application A listed, B next ranked). */
export function seedEnded(db: Db, units: { a1: Org; unitA: Org; unitB: Org }, actor: Actor) {
  return seedPublished(db, PUBLISHED_AT, units, actor);
}

/** A certified publicity: A's title (site track, 2026). */
export async function seedCertified(db: Db, units: { a1: Org; unitA: Org; unitB: Org }, actor: Actor) {
  const s = await seedEnded(db, units, actor);
  const r = await certify(db, ctxAt(actor, AFTER_WINDOW), s.publicity.id, {}, 3);
  return { ...s, certified: r, title: r.titles[0]! };
}
