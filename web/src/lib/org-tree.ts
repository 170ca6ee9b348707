import { ORG_KINDS, type OrgKind } from '../../../shared/src/enums';
import { canHaveChildren, checkParentKind } from '../../../shared/src/domain/org-rules';

interface Node {
  id: string;
  parentId: string | null;
}

/**
 * The path from the top of what the user can see down to `self`, whatever order the ancestors arrive in
 * (with or without `self`): walks `parentId` upwards and stops where the chain leaves the list.
 */
export function ancestorChain<T extends Node>(self: T, ancestors: readonly T[]): T[] {
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  const chain: T[] = [self];
  const seen = new Set([self.id]);
  let parentId = self.parentId;
  while (parentId && !seen.has(parentId)) {
    const parent = byId.get(parentId);
    if (!parent) break;
    chain.unshift(parent);
    seen.add(parent.id);
    parentId = parent.parentId;
  }
  return chain;
}

/** Kinds a new organisation may have under a parent of `parentKind` (org-rules). */
export function childKindsOf(parentKind: OrgKind | null | undefined): OrgKind[] {
  if (!parentKind) return [];
  return ORG_KINDS.filter((k) => checkParentKind(k, parentKind) === null);
}

/**
 * Kinds an existing organisation may be changed to: allowed under its parent, and able to hold children
 * when it has some. Without the parent's kind (outside the user's view) only the current kind is offered.
 */
export function editableKindsOf(
  current: OrgKind,
  parentKind: OrgKind | null | undefined,
  childCount: number,
): OrgKind[] {
  if (current === 'working_committee' || !parentKind) return [current];
  return childKindsOf(parentKind).filter((k) => k === current || childCount === 0 || canHaveChildren(k));
}

/** Whether `candidate` may become the new parent of an organisation of `kind` (the server checks cycles). */
export function canMoveUnder(
  kind: OrgKind,
  selfId: string,
  candidate: { id: string; kind: OrgKind },
): boolean {
  return candidate.id !== selfId && checkParentKind(kind, candidate.kind) === null;
}
