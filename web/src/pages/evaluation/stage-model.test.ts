import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { StageDetail } from '../../../../shared/src/contracts/stages';
import { fromStage, moved, percent, stageActions, toStageBody, weightSums } from './stage-model';

const base: StageDetail = {
  id: 'a',
  campaignId: 'c',
  position: 1,
  nameZh: '实地考察',
  nameEn: 'On-site inspection',
  method: 'criteria_scoring',
  tracks: [],
  opensAt: '2026-09-01T00:00:00.000Z',
  closesAt: '2026-09-10T00:00:00.000Z',
  weight: 0.3,
  rubric: 'standard',
  entry: 'all_accepted',
  entryN: null,
  entryShare: null,
  minReviews: 3,
  aggregation: 'trimmed_mean',
  standardise: false,
  blind: false,
  seeOthers: 'never',
  showReviewerNames: false,
  spreadThreshold: 20,
  peerMode: 'rank',
  groupSize: null,
  excludeOwnUnit: true,
  spearmanThreshold: 0.3,
  vetoRule: 'majority',
  status: 'draft',
  openedAt: null,
  closedAt: null,
  entrants: 0,
  version: 1,
  updatedAt: '2026-08-01T00:00:00.000Z',
};
const st = (over: Partial<StageDetail>): StageDetail => ({ ...base, ...over });

describe('weightSums', () => {
  it('sums the stages each track takes (an empty list: every track) within the tolerance', () => {
    const stages = [
      st({ weight: 0.3 }),
      st({ weight: 0.3 }),
      st({ weight: 0.1, tracks: ['site'] }),
      st({ weight: 0.2 }),
      st({ weight: 0.1 }),
      st({ weight: 0, method: 'gate' }),
    ];
    expect(weightSums(stages, ['site', 'venue'])).toEqual([
      { track: 'site', sum: 0.3 + 0.3 + 0.1 + 0.2 + 0.1, ok: true, stages: 6 },
      { track: 'venue', sum: 0.3 + 0.3 + 0.2 + 0.1, ok: false, stages: 5 },
    ]);
  });
});

describe('percent', () => {
  it('writes ratios as the committee does', () => {
    expect([percent(0.3), percent(0.125), percent(1), percent(0.1 + 0.2)]).toEqual([
      '30%',
      '12.5%',
      '100%',
      '30%',
    ]);
  });
});

describe('stageActions', () => {
  const s1 = st({ id: '1', position: 1, status: 'closed' });
  const s2 = st({ id: '2', position: 2, status: 'open' });
  const s3 = st({ id: '3', position: 3 });
  const s4 = st({ id: '4', position: 4 });
  const all = [s4, s2, s3, s1];
  it('offers each status its moves', () => {
    expect(stageActions(s1, all)).toEqual(['rename']); // a later stage has opened
    expect(stageActions(s2, all)).toEqual(['rename', 'close']);
    expect(stageActions(s3, all)).toEqual(['edit', 'open', 'delete', 'down']);
    expect(stageActions(s4, all)).toEqual(['edit', 'open', 'delete', 'up']);
    expect(stageActions({ ...s2, status: 'closed' }, [s1, { ...s2, status: 'closed' }, s3])).toEqual([
      'rename',
      'reopen',
    ]);
  });
});

describe('moved', () => {
  it('swaps a stage with its neighbour and leaves the ends alone', () => {
    const all = [st({ id: 'b', position: 2 }), st({ id: 'a', position: 1 }), st({ id: 'c', position: 3 })];
    expect(moved(all, 'b', 'up')).toEqual(['b', 'a', 'c']);
    expect(moved(all, 'b', 'down')).toEqual(['a', 'c', 'b']);
    expect(moved(all, 'a', 'up')).toEqual(['a', 'b', 'c']);
  });
});

describe('the stage form', () => {
  it('round-trips a stage through percentages and the window', () => {
    const s = st({ entry: 'top_share', entryShare: 0.35, weight: 0.15 });
    const body = toStageBody(fromStage(s));
    expect(body).toMatchObject({
      weight: 0.15,
      entry: 'top_share',
      entryShare: 0.35,
      entryN: null,
      opensAt: '2026-09-01T00:00:00.000Z',
      closesAt: '2026-09-10T00:00:00.000Z',
    });
  });

  it('sends N or share only with its rule, a gate weighing 0 and a group size only for peer stages', () => {
    const v = fromStage(st({ method: 'gate', weight: 0.2, entry: 'top_n', entryN: 5, groupSize: 4 }));
    expect(toStageBody({ ...v, entrySharePct: 40 })).toMatchObject({
      weight: 0,
      entryN: 5,
      entryShare: null,
      groupSize: null,
    });
    expect(toStageBody({ ...v, method: 'peer', window: [dayjs(0), dayjs(1000)] })).toMatchObject({
      weight: 0.2,
      groupSize: 4,
      opensAt: '1970-01-01T00:00:00.000Z',
    });
  });
});
