import { describe, expect, it } from 'vitest';
import { ancestorChain, canMoveUnder, childKindsOf, editableKindsOf } from './org-tree';

const wc = { id: 'wc', parentId: null };
const unit = { id: 'u', parentId: 'wc' };
const branch = { id: 'b', parentId: 'u' };

describe('ancestorChain', () => {
  it('orders the ancestors top first whatever order they come in, with self last', () => {
    expect(ancestorChain(branch, [branch, wc, unit]).map((o) => o.id)).toEqual(['wc', 'u', 'b']);
    expect(ancestorChain(branch, [unit, wc]).map((o) => o.id)).toEqual(['wc', 'u', 'b']);
  });

  it('stops where the user’s view ends', () => {
    expect(ancestorChain(branch, [unit]).map((o) => o.id)).toEqual(['u', 'b']);
    expect(ancestorChain(branch, []).map((o) => o.id)).toEqual(['b']);
  });

  it('does not loop on a cycle', () => {
    const a = { id: 'a', parentId: 'c' };
    const c = { id: 'c', parentId: 'a' };
    expect(ancestorChain(a, [c]).map((o) => o.id)).toEqual(['c', 'a']);
  });
});

describe('kinds offered by the forms', () => {
  it('offers under a parent the kinds the tree rules allow', () => {
    expect(childKindsOf('working_committee')).toEqual([
      'party_group',
      'party_committee',
      'general_branch',
      'branch',
    ]);
    expect(childKindsOf('general_branch')).toEqual(['branch']);
    expect(childKindsOf('branch')).toEqual([]);
    expect(childKindsOf(null)).toEqual([]);
  });

  it('never turns an organisation with children into a branch', () => {
    expect(editableKindsOf('party_committee', 'working_committee', 3)).toEqual([
      'party_group',
      'party_committee',
      'general_branch',
    ]);
    expect(editableKindsOf('general_branch', 'party_committee', 0)).toEqual([
      'party_committee',
      'general_branch',
      'branch',
    ]);
  });

  it('keeps the kind when the parent is out of view or the organisation is the root', () => {
    expect(editableKindsOf('party_committee', null, 0)).toEqual(['party_committee']);
    expect(editableKindsOf('working_committee', null, 40)).toEqual(['working_committee']);
  });

  it('lets a move pick only parents the rules allow, and not the organisation itself', () => {
    expect(canMoveUnder('branch', 'x', { id: 'g', kind: 'general_branch' })).toBe(true);
    expect(canMoveUnder('general_branch', 'x', { id: 'g', kind: 'general_branch' })).toBe(false);
    expect(canMoveUnder('branch', 'x', { id: 'b', kind: 'branch' })).toBe(false);
    expect(canMoveUnder('party_committee', 'x', { id: 'x', kind: 'working_committee' })).toBe(false);
  });
});
