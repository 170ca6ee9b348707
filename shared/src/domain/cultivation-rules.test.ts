import { describe, expect, it } from 'vitest';
import { CULTIVATION_STATUSES, cultivationRefusal } from './cultivation-rules';

describe('cultivationRefusal', () => {
  it('lets a unit move between cultivating, ready and dropped, and apply from cultivating or ready', () => {
    expect(cultivationRefusal('cultivating', 'ready')).toBeNull();
    expect(cultivationRefusal('ready', 'cultivating')).toBeNull();
    expect(cultivationRefusal('ready', 'dropped')).toBeNull();
    expect(cultivationRefusal('dropped', 'cultivating')).toBeNull();
    expect(cultivationRefusal('cultivating', 'applied')).toBeNull();
    expect(cultivationRefusal('ready', 'applied')).toBeNull();
  });

  it('treats applied as final, and a dropped candidate must come back before it applies', () => {
    for (const to of CULTIVATION_STATUSES) expect(cultivationRefusal('applied', to)).toBe('already_applied');
    expect(cultivationRefusal('dropped', 'applied')).toBe('dropped');
    expect(cultivationRefusal('dropped', 'ready')).toBe('dropped');
  });

  it('accepts setting the status it already has, except applying twice', () => {
    expect(cultivationRefusal('ready', 'ready')).toBeNull();
    expect(cultivationRefusal('dropped', 'dropped')).toBeNull();
  });
});
