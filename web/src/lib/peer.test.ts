import { describe, expect, it } from 'vitest';
import type { PeerSheet } from '../../../shared/src/contracts/peer';
import { isValidPeerScore, moveItem, peerBody, peerDraftOf, peerMissing, withNames } from './peer';

const sheet = (over: Partial<PeerSheet> = {}): PeerSheet => ({
  id: '00000000-0000-4000-8000-000000000001',
  stage: {
    id: '00000000-0000-4000-8000-000000000002',
    nameZh: '互比互评',
    nameEn: 'Peer',
    status: 'open',
    opensAt: '2026-12-01T00:00:00.000Z',
    closesAt: '2026-12-10T00:00:00.000Z',
  },
  mode: 'rank',
  groupName: '党支部 第1组',
  pseudonym: '甲',
  targets: [
    { pseudonym: '乙', organizationName: '排水五所党支部' },
    { pseudonym: '丙', organizationName: '供水三所党支部' },
    { pseudonym: '丁', organizationName: '水文站党支部' },
  ],
  excluded: [],
  raters: [],
  ranking: [],
  scores: {},
  status: 'pending',
  submittedAt: null,
  version: 1,
  editable: true,
  ...over,
});

describe('the peer sheet draft', () => {
  it('starts a new ranking in pseudonym order, not yet ranked; a saved one keeps its order', () => {
    expect(peerDraftOf(sheet())).toEqual({
      order: ['乙', '丙', '丁'],
      scores: { 乙: null, 丙: null, 丁: null },
      ranked: false,
    });
    expect(peerDraftOf(sheet({ ranking: ['丁', '乙'] })).order).toEqual(['丁', '乙', '丙']);
    expect(peerDraftOf(sheet({ ranking: ['丁', '乙'] })).ranked).toBe(true);
  });

  it('moves an item up, down and to the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, 9)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 5, 0)).toEqual(['a', 'b', 'c']);
  });

  it('saves the whole order, or only the valid scores, and counts what is missing', () => {
    const s = sheet({ mode: 'score' });
    const d = { order: [], ranked: false, scores: { 乙: 90, 丙: 80.3, 丁: null } };
    expect(peerBody(s, d, 4)).toEqual({ version: 4, scores: { 乙: 90 } });
    expect(peerMissing(s, d)).toBe(2);
    expect(peerBody(sheet(), { ...d, order: ['丙', '乙', '丁'] }, 2)).toEqual({
      version: 2,
      ranking: ['丙', '乙', '丁'],
    });
    expect(peerMissing(sheet(), d)).toBe(0);
    expect([100, 0, 99.5, 100.5, -1, 7.25].map(isValidPeerScore)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('names the organisations in an error the server gave by pseudonym', () => {
    expect(withNames('乙：尚未对该成员排名或评分', sheet())).toBe('排水五所党支部：尚未对该成员排名或评分');
  });
});
