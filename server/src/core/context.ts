/**
 * Who acts and what they may see: the request context every service takes, free of HTTP. `http/`
 * builds a `Ctx` from a Fastify request (`ctxOf`); jobs, the CLI and the demo build their own.
 */
import type { Role } from '../../../shared/src/enums';
import { scopeFor, type Action } from '../../../shared/src/domain/permissions';
import type { Lang } from '../../../shared/src/errors';
import type { SecondFactorGate } from '../../../shared/src/contracts/second-factor';
import { AppError } from './errors';

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  organizationId: string | null;
  unitId: string | null;
  mustChangePassword: boolean;
  /** The password outlived SHIFAN_PASSWORD_MAX_AGE_DAYS (then `mustChangePassword` is true too). */
  passwordExpired?: boolean;
  /** The session's second-factor gate (absent or null: the login is complete). */
  secondFactor?: SecondFactorGate | null;
}

/**
 * What a record filter needs to know: everything, one unit's subtree, one organisation, or the caller's
 * own records (a reviewer's assignments; object rules then decide per record, see `assertObject`).
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'unit'; unitId: string }
  | { kind: 'org'; orgId: string }
  | { kind: 'self'; userId: string };

/** Who is acting, from where, and when: passed to services so they know nothing of HTTP. */
export interface Ctx {
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
  lang: Lang;
  now: Date;
}

/** The scope of `action` for the actor; the authz hook has already refused roles without it. */
export function scopeOf(actor: Actor | null, action: Action): Scope {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const kind = scopeFor(actor.role, action);
  if (kind === 'all') return { kind: 'all' };
  if (kind === 'unit' && actor.unitId) return { kind: 'unit', unitId: actor.unitId };
  if (kind === 'org' && actor.organizationId) return { kind: 'org', orgId: actor.organizationId };
  if (kind === 'self') return { kind: 'self', userId: actor.userId };
  throw new AppError('FORBIDDEN');
}

export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}
