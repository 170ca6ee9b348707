import type { OrgKind } from '../enums';

/**
 * The organisation tree's kind rules (pure).
 * - Only the working committee is a root, and it has no parent.
 * - A branch (党支部) has no children.
 * - A general branch (党总支) holds only branches.
 * - Party groups and committees sit under the working committee or a party group/committee.
 */
const ALLOWED_PARENTS: Record<OrgKind, readonly OrgKind[]> = {
  working_committee: [],
  party_group: ['working_committee'],
  party_committee: ['working_committee', 'party_group', 'party_committee'],
  general_branch: ['working_committee', 'party_group', 'party_committee'],
  branch: ['working_committee', 'party_group', 'party_committee', 'general_branch'],
};

export type KindRuleViolation =
  'root_must_be_working_committee' | 'working_committee_has_no_parent' | 'parent_kind_not_allowed';

export function checkParentKind(kind: OrgKind, parentKind: OrgKind | null): KindRuleViolation | null {
  if (parentKind === null) return kind === 'working_committee' ? null : 'root_must_be_working_committee';
  if (kind === 'working_committee') return 'working_committee_has_no_parent';
  return ALLOWED_PARENTS[kind].includes(parentKind) ? null : 'parent_kind_not_allowed';
}

export function canHaveChildren(kind: OrgKind): boolean {
  return kind !== 'branch';
}

export const KIND_RULE_TEXT: Record<KindRuleViolation, { zh: string; en: string }> = {
  root_must_be_working_committee: {
    zh: '只有机关工委可以作为根节点，请填写上级党组织',
    en: 'Only the working committee can be a root; give a parent',
  },
  working_committee_has_no_parent: {
    zh: '机关工委不能有上级党组织',
    en: 'The working committee has no parent',
  },
  parent_kind_not_allowed: {
    zh: '上级党组织的类型不允许设立该类型的下级（如党支部下不能再设组织）',
    en: 'This kind of organisation cannot sit under that parent (e.g. a branch has no children)',
  },
};
