/**
 * The cultivation state machine (培育库, pure): a unit moves its candidate between cultivating, ready and
 * dropped by hand; `applied` is reached only by turning the candidate into an application, and is final.
 */
export const CULTIVATION_STATUSES = ['cultivating', 'ready', 'applied', 'dropped'] as const;
export type CultivationStatus = (typeof CULTIVATION_STATUSES)[number];

export const CULTIVATION_TRANSITIONS: Record<CultivationStatus, readonly CultivationStatus[]> = {
  cultivating: ['ready', 'dropped', 'applied'],
  ready: ['cultivating', 'dropped', 'applied'],
  dropped: ['cultivating'],
  applied: [],
};

export type CultivationRefusal = 'already_applied' | 'dropped' | 'not_allowed';

/** Null when `from → to` may happen (or nothing changes), otherwise why not. */
export function cultivationRefusal(
  from: CultivationStatus,
  to: CultivationStatus,
): CultivationRefusal | null {
  if (from === to && to !== 'applied') return null;
  if (CULTIVATION_TRANSITIONS[from].includes(to)) return null;
  if (from === 'applied') return 'already_applied';
  if (from === 'dropped') return 'dropped';
  return 'not_allowed';
}

export const CULTIVATION_REFUSAL_TEXT: Record<CultivationRefusal, { zh: string; en: string }> = {
  already_applied: {
    zh: '该培育对象已转为申报，不能再更改状态或重复申报',
    en: 'This candidate has already been turned into an application',
  },
  dropped: {
    zh: '该培育对象已移出培育库，请先恢复为培育中',
    en: 'This candidate was dropped; set it back to cultivating first',
  },
  not_allowed: { zh: '培育状态不能这样变更', en: 'The cultivation status cannot change this way' },
};
