import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkKindChange,
  checkMove,
  childPlacement,
  isInSubtree,
  pathIds,
  rebasePath,
  TREE_RULE_TEXT,
} from './org-tree';

const root = { id: 'r', path: '/r/', depth: 0, unitId: null };
const unit = { id: 'u', path: '/r/u/', depth: 1, unitId: 'u' };

describe('childPlacement', () => {
  it('makes a child of the root a unit of its own', () => {
    expect(childPlacement(root, 'n')).toEqual({ path: '/r/n/', depth: 1, unitId: 'n' });
  });

  it('gives a deeper child its parent unit', () => {
    expect(childPlacement(unit, 'n')).toEqual({ path: '/r/u/n/', depth: 2, unitId: 'u' });
    const grandchild = childPlacement({ id: 'n', path: '/r/u/n/', depth: 2, unitId: 'u' }, 'g');
    expect(grandchild).toEqual({ path: '/r/u/n/g/', depth: 3, unitId: 'u' });
  });

  it('keeps depth equal to the number of ancestors and the path ending in the new id', () => {
    fc.assert(
      fc.property(fc.array(fc.uuid(), { minLength: 1, maxLength: 8 }), (ids) => {
        let node = { id: ids[0]!, path: `/${ids[0]}/`, depth: 0, unitId: null as string | null };
        for (const id of ids.slice(1)) node = { id, ...childPlacement(node, id) };
        expect(pathIds(node.path)).toEqual(ids);
        expect(node.depth).toBe(ids.length - 1);
        expect(node.unitId).toBe(ids.length > 1 ? ids[1] : null);
      }),
    );
  });
});

describe('paths', () => {
  it('lists the ids root first', () => {
    expect(pathIds('/r/u/n/')).toEqual(['r', 'u', 'n']);
  });

  it('counts a node as inside its own subtree, and not a sibling with a longer id', () => {
    expect(isInSubtree('/r/u/', '/r/u/')).toBe(true);
    expect(isInSubtree('/r/u/n/', '/r/u/')).toBe(true);
    expect(isInSubtree('/r/u2/', '/r/u/')).toBe(false);
    expect(isInSubtree('/r/', '/r/u/')).toBe(false);
  });

  it('rebases a descendant path onto a new prefix', () => {
    expect(rebasePath('/r/u/n/g/', '/r/u/n/', '/r/v/n/')).toBe('/r/v/n/g/');
    expect(() => rebasePath('/r/x/', '/r/u/', '/r/v/')).toThrow();
  });
});

describe('checkMove', () => {
  const branch = { id: 'b', kind: 'branch' as const, path: '/r/u/b/', parentId: 'u' };
  const other = { id: 'v', kind: 'party_committee' as const, path: '/r/v/', parentId: 'r', active: true };

  it('accepts a branch moving to another party committee', () => {
    expect(checkMove(branch, other)).toBeNull();
  });

  it('refuses moving the root', () => {
    expect(checkMove({ id: 'r', kind: 'working_committee', path: '/r/', parentId: null }, other)).toBe(
      'root_cannot_move',
    );
  });

  it('refuses a cycle: under itself or under a descendant', () => {
    const u = { id: 'u', kind: 'party_committee' as const, path: '/r/u/', parentId: 'r' };
    expect(checkMove(u, { ...u, active: true })).toBe('move_into_own_subtree');
    expect(
      checkMove(u, { id: 'c', kind: 'party_committee', path: '/r/u/c/', parentId: 'u', active: true }),
    ).toBe('move_into_own_subtree');
  });

  it('applies the kind rules and refuses an inactive parent', () => {
    expect(checkMove(branch, { ...branch, id: 'b2', path: '/r/v/b2/', active: true })).toBe(
      'parent_kind_not_allowed',
    );
    expect(checkMove(branch, { ...other, active: false })).toBe('parent_inactive');
  });
});

describe('checkKindChange', () => {
  it('accepts a committee becoming a general branch when it holds only branches', () => {
    expect(checkKindChange('general_branch', 'working_committee', ['branch', 'branch'])).toBeNull();
  });

  it('refuses a kind whose children cannot sit under it', () => {
    expect(checkKindChange('branch', 'working_committee', ['branch'])).toBe('child_kind_not_allowed');
    expect(checkKindChange('general_branch', 'working_committee', ['party_committee'])).toBe(
      'child_kind_not_allowed',
    );
  });

  it('refuses a kind its parent cannot hold, and a second working committee', () => {
    expect(checkKindChange('party_group', 'party_committee', [])).toBe('parent_kind_not_allowed');
    expect(checkKindChange('working_committee', 'working_committee', [])).toBe(
      'working_committee_has_no_parent',
    );
  });

  it('has a text in both languages for every violation', () => {
    for (const t of Object.values(TREE_RULE_TEXT)) {
      expect(t.zh.length).toBeGreaterThan(0);
      expect(t.en.length).toBeGreaterThan(0);
    }
  });
});
