/**
 * Who acts in the closed years' history that the real services write (`campaign-evaluation.ts`,
 * `campaign-publicity.ts`): the committee's `admin` and the experts, each call's context at a time of
 * those years.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import type { Actor, Ctx } from '../core/context';

export interface Cast {
  committee: Actor;
  experts: Map<string, Actor>;
}

export const SEEDER = { id: null, name: 'demo', role: null };

const actorOf = (u: typeof users.$inferSelect): Actor => ({
  userId: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  organizationId: u.organizationId,
  unitId: u.unitId,
  mustChangePassword: false,
});

export async function castOf(db: Db): Promise<Cast> {
  const rows = await db
    .select()
    .from(users)
    .where(inArray(users.role, ['committee_admin', 'reviewer']));
  return {
    committee: actorOf(rows.find((u) => u.username === 'admin')!),
    experts: new Map(rows.filter((u) => u.role === 'reviewer').map((u) => [u.id, actorOf(u)])),
  };
}

/** A service call's context at `at` (ms), by `actor` (null: someone from the public). */
export const ctxAt = (actor: Actor | null, at: number): Ctx => ({
  actor,
  ip: null,
  requestId: 'demo-seed',
  lang: 'zh-CN',
  now: new Date(at),
});
