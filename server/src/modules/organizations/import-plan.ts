/**
 * The import's tree checks and plan (pure: the service loads the database rows it needs first).
 * Rows refer to parents by code — in the file (before or after the child) or in the database; the plan
 * orders them parents-first, derives `path`/`depth`/`unit_id`, and reports duplicate codes, unknown
 * parents, cycles, kind rules, parent changes of existing organisations ("use move") and inactive parents.
 */
import type { OrgKind } from '../../../../shared/src/enums';
import { checkParentKind } from '../../../../shared/src/domain/org-rules';
import { childPlacement, TREE_RULE_TEXT, type Placement } from '../../../../shared/src/domain/org-tree';
import { issue, ISSUE, type ColumnKey, type ImportRow, type RowIssue } from './import';

/** What the plan needs of an organisation already in the database. */
export interface ExistingOrg extends Placement {
  id: string;
  code: string;
  kind: OrgKind;
  parentId: string | null;
  active: boolean;
  name: string;
  shortName: string | null;
  secretary: string | null;
  contactName: string | null;
  contactPhone: string | null;
  memberCount: number;
}

/** The database's side of the plan: organisations by code, and the children of some of them. */
export interface PlanContext {
  existing: Map<string, ExistingOrg>;
  /** Children (code, kind) of existing organisations whose kind the file changes, by parent id. */
  children: Map<string, { code: string; kind: OrgKind }[]>;
  /** Whether the database already has the working committee (the one root). */
  rootExists: boolean;
  /** Optional columns the file has: the others keep their current values on update. */
  present: Set<ColumnKey>;
  newId: () => string;
}

/** One row to write, with its final field values (absent columns filled from the database). */
export interface PlannedOrg extends Placement {
  row: number;
  action: 'create' | 'update';
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  parentId: string | null;
  secretary: string | null;
  contactName: string | null;
  contactPhone: string | null;
  memberCount: number;
  /** For an update: whether any field differs from the database (unchanged rows are not rewritten). */
  changed: boolean;
}

export interface Plan {
  issues: RowIssue[];
  /** Every row that could be placed, parents before children (rows with issues included: filter them). */
  orgs: PlannedOrg[];
}

type Parent = { file: number } | { db: ExistingOrg } | null | 'unknown';

const UPDATABLE = [
  'name',
  'shortName',
  'kind',
  'secretary',
  'contactName',
  'contactPhone',
  'memberCount',
] as const;

/** Finds the rows on a cycle among the unresolved ones and reports each with the chain of codes. */
function reportCycles(
  rows: ImportRow[],
  unresolved: number[],
  parentOf: (i: number) => number | null,
  out: RowIssue[],
) {
  const state = new Map<number, 'walking' | 'done'>();
  for (const start of unresolved) {
    const walk: number[] = [];
    let i: number | null = start;
    while (i !== null && !state.has(i)) {
      state.set(i, 'walking');
      walk.push(i);
      i = parentOf(i);
    }
    if (i !== null && state.get(i) === 'walking') {
      const cycle = walk.slice(walk.indexOf(i));
      const chain = [...cycle, cycle[0]!].map((k) => rows[k]!.code).join(' → ');
      for (const k of cycle) out.push(issue(rows[k]!.row, 'parentCode', 'cycle', ISSUE.cycle(chain)));
    }
    for (const k of walk) state.set(k, 'done');
  }
}

export function planImport(rows: ImportRow[], ctx: PlanContext): Plan {
  const issues: RowIssue[] = [];
  const report = (i: number, column: ColumnKey, code: string, text: { zh: string; en: string }) =>
    issues.push(issue(rows[i]!.row, column, code, text));

  // Codes: the first row with a code owns it; later ones are duplicates.
  const byCode = new Map<string, number>();
  const skip = new Set<number>();
  rows.forEach((r, i) => {
    if (r.code === '') return;
    const first = byCode.get(r.code);
    if (first === undefined) byCode.set(r.code, i);
    else {
      report(i, 'code', 'duplicate_code', ISSUE.duplicate_code(rows[first]!.row));
      skip.add(i);
    }
  });

  // Parents, by code: in the file first, else in the database.
  const parents: Parent[] = rows.map((r, i) => {
    if (skip.has(i) || r.parentCode === null) return null;
    const inFile = byCode.get(r.parentCode);
    if (inFile !== undefined) return { file: inFile };
    const db = ctx.existing.get(r.parentCode);
    if (db) return { db };
    report(i, 'parentCode', 'unknown_parent', ISSUE.unknown_parent(r.parentCode));
    return 'unknown';
  });
  const existingOf = (i: number) => (rows[i]!.code === '' ? undefined : ctx.existing.get(rows[i]!.code));

  let rootTaken = ctx.rootExists;
  rows.forEach((r, i) => {
    const p = parents[i]!;
    if (skip.has(i) || p === 'unknown') return;
    const parentRecord = p === null ? null : 'db' in p ? p.db : (existingOf(p.file) ?? null);
    const parentKind = p === null ? null : 'db' in p ? p.db.kind : rows[p.file]!.kind;
    // A missing parent code was reported by the row parser; a working committee needs none.
    if (r.kind && p !== null && parentKind) {
      const violation = checkParentKind(r.kind, parentKind);
      if (violation) report(i, 'kind', violation, TREE_RULE_TEXT[violation]);
    }
    const own = existingOf(i);
    if (own) {
      const parentId = p === null ? null : (parentRecord?.id ?? 'new');
      if (parentId !== own.parentId) report(i, 'parentCode', 'parent_changed', ISSUE.parent_changed());
      if (r.kind && r.kind !== own.kind) {
        const clash = (ctx.children.get(own.id) ?? []).some(
          (c) => !byCode.has(c.code) && checkParentKind(c.kind, r.kind) !== null,
        );
        if (clash) report(i, 'kind', 'child_kind_not_allowed', TREE_RULE_TEXT.child_kind_not_allowed);
      }
    } else if (parentRecord && !parentRecord.active) {
      report(i, 'parentCode', 'parent_inactive', TREE_RULE_TEXT.parent_inactive);
    } else if (p === null && r.kind === 'working_committee') {
      // A new root: only into an empty tree (the first import of a fresh system), and only one.
      if (rootTaken) report(i, 'kind', 'root_exists', ISSUE.root_exists());
      rootTaken = true;
    }
  });

  // Parents first (Kahn): start from rows whose parent is not in the file; the rest lie on or under a cycle.
  const children = new Map<number, number[]>();
  const queue: number[] = [];
  rows.forEach((_, i) => {
    if (skip.has(i)) return;
    const p = parents[i];
    if (p && p !== 'unknown' && 'file' in p) {
      const list = children.get(p.file);
      if (list) list.push(i);
      else children.set(p.file, [i]);
    } else queue.push(i);
  });
  for (let k = 0; k < queue.length; k++) for (const c of children.get(queue[k]!) ?? []) queue.push(c);
  if (queue.length < rows.length - skip.size) {
    const reached = new Set(queue);
    const unresolved = rows.map((_, i) => i).filter((i) => !skip.has(i) && !reached.has(i));
    const parentOf = (i: number) => {
      const p = parents[i];
      return p && p !== 'unknown' && 'file' in p ? p.file : null;
    };
    reportCycles(rows, unresolved, parentOf, issues);
  }

  // Placement, in that order.
  const placed = new Map<number, PlannedOrg>();
  const orgs: PlannedOrg[] = [];
  for (const i of queue) {
    const r = rows[i]!;
    const p = parents[i]!;
    if (p === 'unknown' || r.kind === null) continue;
    const own = existingOf(i);
    const keep = (k: ColumnKey) => own !== undefined && !ctx.present.has(k);
    // One object literal with every property (spreading two objects here was the import's hot spot).
    const planned: PlannedOrg = {
      row: r.row,
      action: own ? 'update' : 'create',
      id: own ? own.id : '',
      code: r.code,
      name: r.name,
      shortName: keep('shortName') ? own!.shortName : r.shortName,
      kind: r.kind,
      parentId: own ? own.parentId : null,
      path: own ? own.path : '',
      depth: own ? own.depth : 0,
      unitId: own ? own.unitId : null,
      secretary: keep('secretary') ? own!.secretary : r.secretary,
      contactName: keep('contactName') ? own!.contactName : r.contactName,
      contactPhone: keep('contactPhone') ? own!.contactPhone : r.contactPhone,
      memberCount: keep('memberCount') ? own!.memberCount : r.memberCount,
      changed: true,
    };
    if (own) planned.changed = UPDATABLE.some((k) => planned[k] !== own[k]);
    else {
      const parent = p === null ? null : 'db' in p ? p.db : placed.get(p.file);
      if (p !== null && !parent) continue; // under a bad row
      planned.id = ctx.newId();
      const at = parent
        ? childPlacement(parent, planned.id)
        : { path: `/${planned.id}/`, depth: 0, unitId: null };
      planned.parentId = parent?.id ?? null;
      planned.path = at.path;
      planned.depth = at.depth;
      planned.unitId = at.unitId;
    }
    placed.set(i, planned);
    orgs.push(planned);
  }
  return { issues, orgs };
}
