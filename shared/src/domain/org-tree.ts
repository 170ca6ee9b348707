import type { OrgKind } from '../enums';
import { checkParentKind, KIND_RULE_TEXT, type KindRuleViolation } from './org-rules';

/**
 * Pure rules of the organisation tree's shape (materialised paths `/root/unit/…/self/`, depth 0 for
 * the root, 1 for units; `unitId` is the depth-1 ancestor). No I/O: the services load, call, persist.
 */

/** What the placement of a child needs to know about its parent. */
export interface TreeNode {
  id: string;
  path: string;
  depth: number;
  unitId: string | null;
}

export interface Placement {
  path: string;
  depth: number;
  unitId: string | null;
}

/** Where a new (or moved) organisation `id` lands under `parent`: its path, depth and unit. */
export function childPlacement(parent: TreeNode, id: string): Placement {
  const depth = parent.depth + 1;
  return { path: `${parent.path}${id}/`, depth, unitId: depth === 1 ? id : parent.unitId };
}

/** The ids along a path, root first (the last is the node itself). */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** True when `path` is `ancestorPath` itself or lies below it. */
export function isInSubtree(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** A node's path after its subtree moved from `oldPrefix` to `newPrefix` (both end with `/`). */
export function rebasePath(path: string, oldPrefix: string, newPrefix: string): string {
  if (!path.startsWith(oldPrefix)) throw new Error(`${path} is not under ${oldPrefix}`);
  return newPrefix + path.slice(oldPrefix.length);
}

export type TreeRuleViolation =
  | KindRuleViolation
  | 'child_kind_not_allowed'
  | 'root_cannot_move'
  | 'move_into_own_subtree'
  | 'parent_inactive'
  | 'has_active_children'
  | 'root_cannot_deactivate'
  | 'already_active'
  | 'already_inactive';

export interface MoveNode {
  id: string;
  kind: OrgKind;
  path: string;
  parentId: string | null;
}

/** Whether `org` may move under `newParent`: not the root, no cycle, kind rules, an active parent. */
export function checkMove(
  org: MoveNode,
  newParent: MoveNode & { active: boolean },
): TreeRuleViolation | null {
  if (org.parentId === null) return 'root_cannot_move';
  if (isInSubtree(newParent.path, org.path)) return 'move_into_own_subtree';
  const kind = checkParentKind(org.kind, newParent.kind);
  if (kind) return kind;
  return newParent.active ? null : 'parent_inactive';
}

/** Whether an organisation may have kind `kind` given its parent's kind and its children's kinds. */
export function checkKindChange(
  kind: OrgKind,
  parentKind: OrgKind | null,
  childKinds: readonly OrgKind[],
): TreeRuleViolation | null {
  const up = checkParentKind(kind, parentKind);
  if (up) return up;
  return childKinds.some((c) => checkParentKind(c, kind) !== null) ? 'child_kind_not_allowed' : null;
}

export const TREE_RULE_TEXT: Record<TreeRuleViolation, { zh: string; en: string }> = {
  ...KIND_RULE_TEXT,
  child_kind_not_allowed: {
    zh: '现有下级党组织的类型不允许归属于该类型（如党支部不能有下级）',
    en: 'The existing children cannot sit under this kind (e.g. a branch has no children)',
  },
  root_cannot_move: { zh: '机关工委（根节点）不能移动', en: 'The working committee (root) cannot move' },
  move_into_own_subtree: {
    zh: '不能移动到自身或其下级党组织之下',
    en: 'An organisation cannot move under itself or its own descendants',
  },
  parent_inactive: { zh: '上级党组织已停用', en: 'The parent organisation is inactive' },
  has_active_children: {
    zh: '该党组织还有启用的下级党组织，请先停用下级',
    en: 'The organisation has active children; deactivate them first',
  },
  root_cannot_deactivate: {
    zh: '机关工委（根节点）不能停用',
    en: 'The working committee (root) cannot be deactivated',
  },
  already_active: { zh: '该党组织已是启用状态', en: 'The organisation is already active' },
  already_inactive: { zh: '该党组织已是停用状态', en: 'The organisation is already inactive' },
};
