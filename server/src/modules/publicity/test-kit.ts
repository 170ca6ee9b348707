/**
 * Fixtures for the publicity tests and matrix rows: the 2026 calendar around National Day, and a
 * confirmed decision (A proposed, B next ranked and not selected) published through the service.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, calendarDays } from '../../db/schema';
import type { Actor } from '../../core/context';
import type { insertOrg } from '../../../test/helpers';
import { seedConfirmed } from '../decisions/test-kit';
import { publish } from './service';

type Org = Awaited<ReturnType<typeof insertOrg>>;

/** 2026: National Day 10-01..10-07 off, Sunday 9-20 and Saturday 10-10 worked; New Year 2027-01-01 off. */
export const CALENDAR_2026 = [
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
    date: `2026-10-${d}`,
    kind: 'holiday' as const,
    name: '国庆节',
  })),
  { date: '2026-09-20', kind: 'workday' as const, name: '国庆节' },
  { date: '2026-10-10', kind: 'workday' as const, name: '国庆节' },
  { date: '2027-01-01', kind: 'holiday' as const, name: '元旦' },
];

export async function seedCalendar(db: Db): Promise<void> {
  await db.insert(calendarDays).values(CALENDAR_2026).onConflictDoNothing();
}

/** A confirmed decision whose proposed application (A) has a brand name; B is the next ranked. */
export async function seedProposed(
  db: Db,
  now: Date,
  units: { a1: Org; unitA: Org; unitB: Org },
  actor: Actor,
) {
  await seedCalendar(db);
  const s = await seedConfirmed(db, now, units, actor);
  await db.update(applications).set({ brandName: '清水先锋' }).where(eq(applications.id, s.ids.A!));
  return s;
}

export async function seedPublished(
  db: Db,
  now: Date,
  units: { a1: Org; unitA: Org; unitB: Org },
  actor: Actor,
  opts: { allowAnonymous?: boolean } = {},
) {
  const s = await seedProposed(db, now, units, actor);
  const ctx = { actor, ip: null, requestId: null, lang: 'zh-CN' as const, now };
  const p = await publish(db, ctx, s.campaignId, {
    contact: '市级机关工委组织部，电话 022-23456789',
    allowAnonymous: opts.allowAnonymous ?? true,
  });
  return { ...s, publicity: p };
}
