import { describe, expect, it } from 'vitest';
import { canHaveChildren, checkParentKind } from './org-rules';
import { ORG_KINDS, type OrgKind } from '../enums';

describe('checkParentKind', () => {
  const table: [OrgKind, OrgKind | null, ReturnType<typeof checkParentKind>][] = [
    ['working_committee', null, null],
    ['party_committee', null, 'root_must_be_working_committee'],
    ['working_committee', 'working_committee', 'working_committee_has_no_parent'],
    ['party_group', 'working_committee', null],
    ['party_group', 'party_committee', 'parent_kind_not_allowed'],
    ['party_committee', 'working_committee', null],
    ['party_committee', 'party_group', null],
    ['party_committee', 'party_committee', null],
    ['party_committee', 'general_branch', 'parent_kind_not_allowed'],
    ['general_branch', 'party_committee', null],
    ['general_branch', 'general_branch', 'parent_kind_not_allowed'],
    ['branch', 'general_branch', null],
    ['branch', 'party_committee', null],
    ['branch', 'working_committee', null],
  ];
  it.each(table)('%s under %s → %s', (kind, parent, expected) => {
    expect(checkParentKind(kind, parent)).toBe(expected);
  });

  it('never allows anything under a branch', () => {
    for (const k of ORG_KINDS) expect(checkParentKind(k, 'branch')).not.toBeNull();
    expect(canHaveChildren('branch')).toBe(false);
    expect(canHaveChildren('general_branch')).toBe(true);
  });
});
