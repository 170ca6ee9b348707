/**
 * Object-level authorization (STYLE habit 6): after the route's action and scope, a service loads the
 * facts about one record and asks the pure rules of `shared/src/domain/permissions.ts` (`OBJECT_RULES`).
 * The first predicate that fails decides the answer: 404 when only the record's own reviewer or member may
 * know it exists, 403 for a conflict of interest, 409 for a closed stage.
 */
import {
  checkObject,
  PREDICATE_ERRORS,
  type Action,
  type ObjectFacts,
  type Predicate,
} from '../../../shared/src/domain/permissions';
import { requireActor, type Ctx } from './context';
import { AppError } from './errors';

export type Facts = Omit<ObjectFacts, 'now' | 'actor'>;

/** The failing predicate for the caller on this record, or null: for abilities sent with the data. */
export function objectRefusal(ctx: Ctx, action: Action, facts: Facts): Predicate | null {
  const actor = requireActor(ctx);
  return checkObject(action, actor.role, {
    ...facts,
    now: ctx.now,
    actor: { userId: actor.userId, organizationId: actor.organizationId },
  });
}

/** Throws the mapped error when a rule of `action` fails for the caller on this record. */
export function assertObject(ctx: Ctx, action: Action, facts: Facts): void {
  const failed = objectRefusal(ctx, action, facts);
  if (failed) throw new AppError(PREDICATE_ERRORS[failed]);
}
