/**
 * What the state machines kept as tables (applications, titles) share: find the row of an action from a
 * status, then check its roles, its reason and its guards in that order, the first refusal winning. Each
 * module keeps its own table, types, refusal codes and public functions; this is only the reading. Pure.
 */

/** The refusals every table gives itself: no row from this status, a role not in the row, no reason. */
export type RowRefusal = 'wrong_status' | 'role_not_allowed' | 'reason_required';

/** A row: `action` from any of `from` to `to`, by `roles`, maybe needing a reason, with its guards. */
export interface TableRow<A, S, R, I, F extends string> {
  action: A;
  from: readonly S[];
  to: S;
  roles: readonly R[];
  needsReason?: boolean;
  /** Checked in order after status, role and reason; the first refusal wins. */
  guards?: readonly { check(input: I): F | null }[];
}

/** What a transition asks: this action from this status, by this role, with this reason. */
export interface RowInput<A, S, R> {
  action: A;
  status: S;
  role: R;
  reason?: string | null;
}

export type RowDecision<S, F extends string> = { ok: true; to: S } | { ok: false; refusal: F | RowRefusal };

/** The row for this action from this status, if any (no two rows share an action and a from-status). */
export function findRow<A, S, Row extends { action: A; from: readonly S[] }>(
  table: readonly Row[],
  action: A,
  status: S,
): Row | undefined {
  return table.find((r) => r.action === action && r.from.includes(status));
}

/** Allowed (to the row's status) or refused with the first code: status, role, reason, then the guards. */
export function decideRow<I extends RowInput<unknown, unknown, unknown>, F extends string>(
  table: readonly TableRow<I['action'], I['status'], I['role'], I, F>[],
  input: I,
): RowDecision<I['status'], F> {
  const row = findRow(table, input.action, input.status);
  if (!row) return { ok: false, refusal: 'wrong_status' };
  if (!row.roles.includes(input.role)) return { ok: false, refusal: 'role_not_allowed' };
  if (row.needsReason && !input.reason?.trim()) return { ok: false, refusal: 'reason_required' };
  for (const g of row.guards ?? []) {
    const refusal = g.check(input);
    if (refusal) return { ok: false, refusal };
  }
  return { ok: true, to: row.to };
}
